import { Content, ContentHeader, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import {
  ANNOTATION_SHARED_COST,
  BUDGET_KINDS,
} from '@costwise/plugin-finops-common';
import { useSearchParams } from 'react-router-dom';
import { AnomaliesSection } from './anomalies/AnomaliesSection';
import { BudgetPanel } from './budgets/BudgetPanel';
import { chartBudget } from './budgets/labels';
import { useBudget } from './budgets/useBudget';
import { useAnomalies } from './anomalies/useAnomalies';
import { chartAnomalies } from './anomalies/labels';
import { useCosts, useDataAsOf, useResources } from '../hooks/useFinops';
import { CostChart } from './chart/CostChart';
import { CostControls } from './controls/CostControls';
import { useCostQuery } from './controls/useCostQuery';
import { CostEmptyState } from './CostEmptyState';
import { ResourcesTable } from './resources/ResourcesTable';
import { AnnotationWarnings } from './shared/AnnotationWarnings';
import {
  GROUP_BY_LABELS,
  KINDS_WITH_CHILDREN,
  MEASURE_LABELS,
} from './shared/labels';
import { TotalHeader } from './shared/TotalHeader';
import { uniqueWarnings } from './shared/warnings';
import { CostErrorPanel, isNotAllowed } from './shared/CostErrorPanel';
import { HiddenMembersNote } from './shared/HiddenMembersNote';
import { SharedCostPanel } from './sharedCost/SharedCostPanel';
import { StatementSection } from './statement/StatementSection';
import { BenchmarkPanel } from './unit/BenchmarkPanel';
import { UnitCostSection } from './unit/UnitCostSection';
import { AiUsageSection } from './ai/AiUsageSection';
import { EntityAskBox } from './ask/EntityAskBox';

/**
 * The "Costs" tab of an entity page: the period's total and series by a
 * chosen dimension, the unit cost and how it compares with peers, and the
 * resources behind them with their evidence.
 *
 * @public
 */
export const EntityCostContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const withChildren = KINDS_WITH_CHILDREN.includes(entity.kind.toLowerCase());
  // a System has a monthly statement; a Group's is on its own Costs tab
  const hasStatement = entity.kind.toLowerCase() === 'system';
  const asOf = useDataAsOf(entityRef);
  const query = useCostQuery({ groupBy: 'service', asOf });
  const { range, granularity, groupBy, measure } = query;
  const shares = Boolean(entity.metadata.annotations?.[ANNOTATION_SHARED_COST]);
  const sharedPanel = shares && (
    <SharedCostPanel
      entityRef={entityRef}
      query={range && { ...range, measure }}
    />
  );
  const costs = useCosts(
    entityRef,
    range && { ...range, granularity, groupBy, measure },
  );
  const resources = useResources(entityRef, range && { ...range, measure });
  const anomalies = useAnomalies(entityRef, range ?? null);
  const budget = useBudget(
    BUDGET_KINDS.includes(entity.kind.toLowerCase()) ? entityRef : undefined,
  );
  // a notification links here with the anomaly to open
  const [search, setSearch] = useSearchParams();
  const selectedAnomaly = search.get('anomaly') ?? undefined;
  const selectAnomaly = (id: string | undefined) =>
    setSearch(
      previous => {
        const next = new URLSearchParams(previous);
        if (id) next.set('anomaly', id);
        else next.delete('anomaly');
        return next;
      },
      { replace: true },
    );
  const value = costs.value;
  const warnings = uniqueWarnings(
    value?.warnings ?? [],
    resources.value?.warnings ?? [],
  );

  let body;
  if ((costs.loading || asOf === undefined) && !value) body = <Progress />;
  else if (costs.error) body = <CostErrorPanel error={costs.error} />;
  else if (
    value?.empty &&
    shares &&
    value.empty.reason === 'no-data-in-range'
  ) {
    // a shared resource passes its cost on: that is what there is to see
    body = sharedPanel;
  } else if (value?.empty) {
    body = <CostEmptyState empty={value.empty} warnings={warnings} />;
  } else if (value) {
    body = (
      <Grid container spacing={3}>
        {warnings.length > 0 && (
          <Grid item xs={12}>
            <AnnotationWarnings warnings={warnings} />
          </Grid>
        )}
        {value.hiddenMembers && (
          <Grid item xs={12}>
            <HiddenMembersNote hidden={value.hiddenMembers} />
          </Grid>
        )}
        <Grid item xs={12}>
          <Paper variant="outlined">
            <Box p={2}>
              <TotalHeader
                label="Total"
                total={value.total}
                currency={value.currency}
                from={value.from}
                to={value.to}
                measureLabel={MEASURE_LABELS[value.measure] ?? value.measure}
                testId="finops-total"
              />
              <CostChart
                series={value.series}
                totals={value.totals}
                from={value.from}
                to={value.to}
                groupBy={value.groupBy}
                currency={value.currency}
                description={`Cost by ${(
                  GROUP_BY_LABELS[value.groupBy] ?? value.groupBy
                ).toLowerCase()} per ${value.granularity} from ${
                  value.from
                } to ${value.to}`}
                anomalies={chartAnomalies(anomalies.value?.items)}
                budget={chartBudget(
                  budget.value?.current,
                  value.granularity,
                  value.currency,
                )}
                onAnomalyClick={selectAnomaly}
              />
            </Box>
          </Paper>
        </Grid>
        {shares && (
          <Grid item xs={12}>
            {sharedPanel}
          </Grid>
        )}
        <Grid item xs={12}>
          <BudgetPanel
            entityRef={entityRef}
            value={budget.value}
            loading={budget.loading}
            error={budget.error}
          />
        </Grid>
        <Grid item xs={12}>
          <AnomaliesSection
            state={anomalies}
            entityRef={entityRef}
            selected={selectedAnomaly}
            onSelect={selectAnomaly}
            periodText={`from ${value.from} to ${value.to}`}
          />
        </Grid>
        <Grid item xs={12}>
          <UnitCostSection
            entityRef={entityRef}
            range={range}
            granularity={granularity}
            measure={measure}
          />
        </Grid>
        <Grid item xs={12}>
          <BenchmarkPanel entityRef={entityRef} measure={measure} />
        </Grid>
        <AiUsageSection entityRef={entityRef} range={range} measure={measure} />
        <Grid item xs={12}>
          {resources.error ? (
            <CostErrorPanel error={resources.error} />
          ) : (
            <ResourcesTable
              resources={resources.value}
              loading={resources.loading}
              name={entity.metadata.name}
            />
          )}
        </Grid>
        {hasStatement && (
          <Grid item xs={12}>
            <StatementSection
              entityRef={entityRef}
              asOf={asOf}
              measure={measure}
            />
          </Grid>
        )}
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader title="Costs" />
      {!(costs.error && isNotAllowed(costs.error)) && (
        <Box mb={3}>
          <EntityAskBox />
        </Box>
      )}
      {/* pickers are no use to someone who may not see the cost */}
      {!(costs.error && isNotAllowed(costs.error)) && (
        <Box mb={3}>
          <CostControls query={query} groupBy={{ withChildren }} />
        </Box>
      )}
      {/* the previous figures stay while the next period loads */}
      {costs.loading && value && <Progress />}
      {body}
    </Content>
  );
};
