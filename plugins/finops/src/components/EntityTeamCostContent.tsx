import { Content, ContentHeader, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { useCosts, useDataAsOf } from '../hooks/useFinops';
import { CostChart } from './chart/CostChart';
import { CostControls } from './controls/CostControls';
import { useCostQuery } from './controls/useCostQuery';
import { CostEmptyState } from './CostEmptyState';
import { AnnotationWarnings } from './shared/AnnotationWarnings';
import { MEASURE_LABELS } from './shared/labels';
import { TotalHeader } from './shared/TotalHeader';
import { breakdownRows, classifyMembers } from './team/members';
import { MemberTable } from './team/MemberTable';
import { TeamUnitCosts } from './team/TeamUnitCosts';
import { TopComponents } from './team/TopComponents';
import { CostErrorPanel, isNotAllowed } from './shared/CostErrorPanel';
import { HiddenMembersNote } from './shared/HiddenMembersNote';
import { StatementSection } from './statement/StatementSection';
import { SuggestionsNote } from './team/SuggestionsNote';
import { TeamScorecardSection } from './team/TeamScorecard';
import { TeamAiSpend } from './ai/TeamAiSpend';
import { BenchmarkPanel } from './unit/BenchmarkPanel';
import { AnomaliesPanel } from './anomalies/AnomaliesSection';
import { TeamBudgets } from './budgets/BudgetsTable';

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
  const asOf = useDataAsOf(entityRef);
  const query = useCostQuery({ groupBy: 'system', asOf });
  const { range, granularity, measure } = query;
  // by system for the chart and its table, by sub-team, and by member for
  // the largest components: each breakdown adds up to the team's total
  const costs = useCosts(
    entityRef,
    range && { ...range, granularity, groupBy: 'system', measure },
  );
  const byTeam = useCosts(
    entityRef,
    range && { ...range, granularity, groupBy: 'team', measure },
  );
  const byMember = useCosts(
    entityRef,
    range && { ...range, granularity, groupBy: 'child', measure },
  );
  const value = costs.value;
  const teamName = entity.metadata.title ?? entity.metadata.name;

  let body;
  if ((costs.loading || asOf === undefined) && !value) body = <Progress />;
  else if (costs.error) body = <CostErrorPanel error={costs.error} />;
  else if (value?.empty) {
    body = <CostEmptyState empty={value.empty} warnings={value.warnings} />;
  } else if (value) {
    const members = classifyMembers(
      byMember.value?.series ?? [],
      entityRef,
      value.total,
    );
    const systems = breakdownRows(value.series, entityRef, value.total, {
      self: `${teamName} itself`,
      none: 'Not in any system',
    });
    const subTeams = breakdownRows(
      byTeam.value?.series ?? [],
      entityRef,
      value.total,
      {
        self: `${teamName} itself (not a sub-team)`,
        none: 'No owning team',
      },
    );
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
              <CostChart
                series={value.series}
                totals={value.totals}
                from={value.from}
                to={value.to}
                currency={currency}
                description={`Team cost by system per ${value.granularity} from ${value.from} to ${value.to}`}
              />
            </Box>
          </Paper>
        </Grid>
        <Grid item xs={12} md={6}>
          <MemberTable
            title="By system"
            members={systems}
            currency={currency}
            testId="finops-team-systems"
            emptyText="Nothing the team owns has cost in this period."
            showTotal
          />
        </Grid>
        <Grid item xs={12} md={6}>
          {byTeam.error ? (
            <CostErrorPanel error={byTeam.error} />
          ) : (
            <MemberTable
              title="By sub-team"
              members={subTeams}
              currency={currency}
              testId="finops-team-subteams"
              emptyText="Nothing the team owns has cost in this period."
              showTotal
            />
          )}
        </Grid>
        <Grid item xs={12}>
          <TeamUnitCosts
            teamRef={entityRef}
            query={range && { ...range, granularity, measure }}
            systemRefs={systems
              .map(m => m.entityRef)
              .filter((r): r is string => Boolean(r))
              .sort()}
          />
        </Grid>
        <TeamScorecardSection teamRef={entityRef} currency={currency} />
        <TeamAiSpend teamRef={entityRef} range={range} measure={measure} />
        <Grid item xs={12}>
          <TeamBudgets teamRef={entityRef} />
        </Grid>
        <Grid item xs={12}>
          <AnomaliesPanel
            entityRef={entityRef}
            range={range ?? null}
            periodText={range && `from ${range.from} to ${range.to}`}
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
        <Grid item xs={12}>
          <StatementSection
            entityRef={entityRef}
            asOf={asOf}
            measure={measure}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader title="Team costs" />
      {/* pickers are no use to someone who may not see the cost */}
      {!(costs.error && isNotAllowed(costs.error)) && (
        <Box mb={3}>
          <CostControls query={query} />
        </Box>
      )}
      {costs.loading && value && <Progress />}
      {body}
    </Content>
  );
};
