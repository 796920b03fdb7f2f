import { Content, ContentHeader, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useCosts } from '../hooks/useFinops';
import { CostChart } from './chart/CostChart';
import { CostControls } from './controls/CostControls';
import { useCostQuery } from './controls/useCostQuery';
import { CostEmptyState } from './CostEmptyState';
import { AnnotationWarnings } from './shared/AnnotationWarnings';
import { formatMoney } from './shared/format';
import { MEASURE_LABELS } from './shared/labels';
import { TotalHeader } from './shared/TotalHeader';
import { classifyMembers } from './team/members';
import { MemberTable } from './team/MemberTable';
import { TeamUnitCosts } from './team/TeamUnitCosts';
import { TopComponents } from './team/TopComponents';
import { CostErrorPanel } from './shared/CostErrorPanel';
import { HiddenMembersNote } from './shared/HiddenMembersNote';
import { SuggestionsNote } from './team/SuggestionsNote';
import { BenchmarkPanel } from './unit/BenchmarkPanel';

/**
 * The "Costs" tab of a Group: the team's total and trend, split by the
 * systems it owns and by its sub-teams, the unit-cost trend of each system,
 * the team's position among teams, and its largest components.
 *
 * @public
 */
export const EntityTeamCostContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const query = useCostQuery({ groupBy: 'child' });
  const { range, granularity, measure } = query;
  const costs = useCosts(
    entityRef,
    range && { ...range, granularity, groupBy: 'child', measure },
  );
  const value = costs.value;

  let body;
  if (costs.loading && !value) body = <Progress />;
  else if (costs.error) body = <CostErrorPanel error={costs.error} />;
  else if (value?.empty) {
    body = <CostEmptyState empty={value.empty} warnings={value.warnings} />;
  } else if (value) {
    const members = classifyMembers(value.series, entityRef, value.total);
    const { currency } = value;
    body = (
      <Grid container spacing={3}>
        {value.warnings.length > 0 && (
          <Grid item xs={12}>
            <AnnotationWarnings warnings={value.warnings} />
          </Grid>
        )}
        {value.hiddenMembers && (
          <Grid item xs={12}>
            <HiddenMembersNote hidden={value.hiddenMembers} />
          </Grid>
        )}
        {value.suggestions && (
          <Grid item xs={12}>
            <SuggestionsNote suggestions={value.suggestions} />
          </Grid>
        )}
        <Grid item xs={12}>
          <Paper variant="outlined">
            <Box p={2}>
              <TotalHeader
                label="Team total"
                total={value.total}
                currency={currency}
                from={value.from}
                to={value.to}
                measureLabel={MEASURE_LABELS[value.measure] ?? value.measure}
                testId="finops-team-total"
              />
              {members.direct && (
                <Typography variant="body2" color="textSecondary">
                  Attributed to the team itself:{' '}
                  {formatMoney(members.direct.total, currency)}
                </Typography>
              )}
              <CostChart
                series={value.series}
                totals={value.totals}
                currency={currency}
                description={`Team cost by member per ${value.granularity} from ${value.from} to ${value.to}`}
              />
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12} md={6}>
          <MemberTable
            title="By system"
            members={members.systems}
            currency={currency}
            testId="finops-team-systems"
            emptyText="The team owns no system with cost in this period."
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <MemberTable
            title="By sub-team"
            members={members.subTeams}
            currency={currency}
            testId="finops-team-subteams"
            emptyText="No sub-team has cost in this period."
          />
        </Grid>
        <Grid item xs={12}>
          <TeamUnitCosts
            teamRef={entityRef}
            query={range && { ...range, granularity, measure }}
          />
        </Grid>
        <Grid item xs={12}>
          <BenchmarkPanel
            entityRef={entityRef}
            measure={measure}
            title="Position among teams"
            testId="finops-team-benchmark"
            subject="this team"
          />
        </Grid>
        <Grid item xs={12}>
          <TopComponents
            entityRef={entityRef}
            components={members.components}
            currency={currency}
            query={range && { ...range, measure }}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader title="Team costs" />
      <Box mb={3}>
        <CostControls query={query} />
      </Box>
      {costs.loading && value && <Progress />}
      {body}
    </Content>
  );
};
