import { DateTime } from 'luxon';

/** The periods offered by the period picker. */
export const PERIOD_PRESETS = [
  'last30',
  'last90',
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'custom',
] as const;

export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  thisQuarter: 'This quarter',
  custom: 'Custom',
};

/** A period of whole days, both ends included, as `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

const ISO_DAY = 'yyyy-MM-dd';

/**
 * The days a preset covers, counted in the viewer's calendar: "this month"
 * means the month on their wall calendar, which is what they expect to see.
 */
export function presetRange(
  preset: Exclude<PeriodPreset, 'custom'>,
  today: DateTime = DateTime.local(),
): DateRange {
  const day = today.startOf('day');
  const range = (from: DateTime, to: DateTime) => ({
    from: from.toFormat(ISO_DAY),
    to: to.toFormat(ISO_DAY),
  });
  switch (preset) {
    case 'last30':
      return range(day.minus({ days: 29 }), day);
    case 'last90':
      return range(day.minus({ days: 89 }), day);
    case 'thisMonth':
      return range(day.startOf('month'), day);
    case 'lastMonth': {
      const last = day.minus({ months: 1 });
      return range(last.startOf('month'), last.endOf('month'));
    }
    case 'thisQuarter':
      return range(day.startOf('quarter'), day);
    default:
      return range(day.minus({ days: 29 }), day);
  }
}

/** Whether a custom range is two valid days in order. */
export function isValidRange(range: DateRange): boolean {
  const from = DateTime.fromISO(range.from);
  const to = DateTime.fromISO(range.to);
  return from.isValid && to.isValid && from <= to;
}

/** A chosen period: a preset, or custom days. */
export interface PeriodValue {
  preset: PeriodPreset;
  custom: DateRange;
}

export function resolvePeriod(
  value: PeriodValue,
  today?: DateTime,
): DateRange | undefined {
  if (value.preset !== 'custom') return presetRange(value.preset, today);
  return isValidRange(value.custom) ? value.custom : undefined;
}
