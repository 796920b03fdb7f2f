import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import type { DateRange } from '../controls/periods';
import { useUnitCost } from '../../hooks/useFinops';
import { formatLongDay } from '../shared/format';
import { MEASURE_LABELS } from '../shared/labels';
import { isForbidden } from './labels';
import { NoPermission } from './NoPermission';
import { UnitCostChart } from './UnitCostChart';
import { UnitCostEmptyState } from './UnitCostEmptyState';
import { UnitCostHeadline } from './UnitCostHeadline';
import { UnitCostTable } from './UnitCostTable';

/**
 * The Costs tab's "Unit cost" section: what one unit of the entity's work
 * costs over the tab's period, granularity and measure.
 */
export const UnitCostSection = ({
  entityRef,
  range,
  granularity,
  measure,
}: {
  entityRef: string;
  range?: DateRange;
  granularity: 'day' | 'month';
  measure: CostMeasure;
}) => {
  const unitCost = useUnitCost(
    entityRef,
    range && { ...range, granularity, measure },
  );
  const value = unitCost.value;
  let body;
  if (unitCost.loading && !value) body = <Progress />;
  else if (isForbidden(unitCost.error)) {
    body = <NoPermission what="unit cost" />;
  } else if (unitCost.error) {
    body = <ResponseErrorPanel error={unitCost.error} />;
  } else if (value && (value.empty || !value.unitMetric)) {
    body = (
      <UnitCostEmptyState
        empty={
          value.empty ?? {
            reason: 'no-unit-metric',
            message: 'This entity declares no unit metric.',
          }
        }
        metric={value.unitMetric?.metric}
      />
    );
  } else if (value) {
    const sources = value.metricSources.filter(s => s !== value.entityRef);
    body = (
      <>
        <UnitCostHeadline value={value} />
        <Typography variant="body2" color="textSecondary">
          {formatLongDay(value.from)} – {formatLongDay(value.to)} ·{' '}
          {MEASURE_LABELS[value.measure] ?? value.measure} ·{' '}
          {value.unitMetric!.metric}
          {sources.length > 0
            ? ` summed over ${sources.length} member${
                sources.length === 1 ? '' : 's'
              }`
            : ''}
        </Typography>
        {unitCost.loading && <Progress />}
        <UnitCostChart value={value} />
        <UnitCostTable value={value} />
      </>
    );
  }
  return (
    <Paper variant="outlined" data-testid="finops-unit-cost-section">
      <Box p={2} display="flex" flexDirection="column" gridGap={8}>
        <Typography variant="overline" color="textSecondary" component="h2">
          Unit cost
        </Typography>
        {body}
      </Box>
    </Paper>
  );
};
