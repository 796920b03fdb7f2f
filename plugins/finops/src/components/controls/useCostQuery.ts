import { useMemo, useState } from 'react';
import type { CostGroupBy, CostMeasure } from '@costwise/plugin-finops-common';
import type { Granularity } from './CostPickers';
import {
  type DateRange,
  type PeriodValue,
  presetRange,
  resolvePeriod,
} from './periods';

/** What the cost views ask the backend for, as the pickers set it. */
export function useCostQuery(initial: { groupBy: CostGroupBy }) {
  const [period, setPeriod] = useState<PeriodValue>(() => ({
    preset: 'last30',
    custom: presetRange('last30'),
  }));
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [measure, setMeasure] = useState<CostMeasure>('EffectiveCost');
  const [groupBy, setGroupBy] = useState<CostGroupBy>(initial.groupBy);
  // recomputed only when the choice changes, so that "today" does not move
  // under a rendered page and refetch it
  const range: DateRange | undefined = useMemo(
    () => resolvePeriod(period),
    [period],
  );
  return {
    period,
    setPeriod,
    range,
    granularity,
    setGranularity,
    measure,
    setMeasure,
    groupBy,
    setGroupBy,
  };
}

export type CostQueryState = ReturnType<typeof useCostQuery>;
