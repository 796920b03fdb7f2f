import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import { DateTime } from 'luxon';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { presetRange } from '../controls/periods';
import { useBenchmark, useUnitCost } from '../../hooks/useFinops';
import { UnitCostHeadline } from '../unit/UnitCostHeadline';
import { headlineFigure, PercentileBadge } from './PercentileBadge';

/**
 * The card's unit cost over the last 30 days and its standing among peers.
 * Either part shows only when the API has it: a refusal, an error or an
 * entity without a unit metric leaves the card as it was.
 */
export const UnitCostLine = ({
  entityRef,
  measure,
  asOf,
}: {
  entityRef: string;
  measure: CostMeasure;
  /** The last day with data: the 30 days end on it, as the card's others do. */
  asOf: string;
}) => {
  const range = useMemo(
    () => presetRange('last30', DateTime.fromISO(asOf)),
    [asOf],
  );
  const unitCost = useUnitCost(entityRef, {
    ...range,
    granularity: 'day',
    measure,
  });
  const benchmark = useBenchmark(entityRef, measure);
  const unit =
    unitCost.value &&
    !unitCost.value.empty &&
    unitCost.value.unitMetric &&
    unitCost.value.totals.unitCost !== null
      ? unitCost.value
      : undefined;
  // the badge ranks the figure beside it: the unit cost when it is shown
  const nextTo = unit ? 'unitCost' : 'monthlyCost';
  const peers =
    benchmark.value && headlineFigure(benchmark.value, nextTo)
      ? benchmark.value
      : undefined;
  if (!unit && !peers) return null;
  return (
    <Box
      display="flex"
      justifyContent="space-between"
      alignItems="center"
      flexWrap="wrap"
      gridGap={8}
      data-testid="finops-unit-line"
    >
      {unit && (
        <UnitCostHeadline
          value={unit}
          variant="body1"
          testId="finops-card-unit-cost"
          context="last 30 days"
        />
      )}
      {peers && <PercentileBadge benchmark={peers} nextTo={nextTo} />}
    </Box>
  );
};
