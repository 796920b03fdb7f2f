import { useMemo, useState } from 'react';
import { DateTime } from 'luxon';
import type { CostGroupBy, CostMeasure } from '@costwise/plugin-finops-common';
import type { Granularity } from './CostPickers';
import {
  type DateRange,
  type PeriodValue,
  presetRange,
  resolvePeriod,
} from './periods';

/**
 * What the cost views ask the backend for, as the pickers set it. Presets
 * end on `asOf`, the last day with data, as the card's figures do ("last 30
 * days" are the 30 days that have data, not 29 and an empty today); while it
 * is `undefined` (still loading) there is no range, and `null` (unknown)
 * falls back to today.
 */
export function useCostQuery(initial: {
  groupBy: CostGroupBy;
  asOf?: string | null;
}) {
  const anchor = useMemo(
    () => (initial.asOf ? DateTime.fromISO(initial.asOf) : undefined),
    [initial.asOf],
  );
  const [period, setPeriod] = useState<PeriodValue>(() => ({
    preset: 'last30',
    custom: presetRange('last30', anchor),
  }));
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [measure, setMeasure] = useState<CostMeasure>('EffectiveCost');
  const [groupBy, setGroupBy] = useState<CostGroupBy>(initial.groupBy);
  // recomputed only when the choice changes, so that "today" does not move
  // under a rendered page and refetch it
  const range: DateRange | undefined = useMemo(
    () =>
      initial.asOf === undefined ? undefined : resolvePeriod(period, anchor),
    [period, anchor, initial.asOf],
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
