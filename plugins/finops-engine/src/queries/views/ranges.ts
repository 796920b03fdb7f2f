import { InputError } from '@backstage/errors';
import { daysBetween } from '../../model';

/** How many months `from` to `to` touch, counted without listing them. */
function monthsBetween(from: string, to: string): number {
  const index = (day: string) =>
    Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
  return index(to) - index(from) + 1;
}

/**
 * How much one view may hold: the longest range by day and by month, and
 * the series a breakdown keeps before it sums the rest into "other".
 *
 * @public
 */
export interface ViewLimits {
  maxDays: number;
  maxMonths: number;
  maxSeries: number;
}

/**
 * Three years by day, ten by month, twenty series.
 *
 * @public
 */
export const DEFAULT_VIEW_LIMITS: ViewLimits = {
  maxDays: 3 * 366,
  maxMonths: 120,
  maxSeries: 20,
};

/**
 * A range as a view answers it: the days asked for, clamped to the days
 * the data spans, and, when nothing of it has data, where it lies.
 *
 * @public
 */
export interface LimitedRange {
  from: string;
  to: string;
  /** The range asked for lies wholly before or after the data. */
  outside?: { side: 'before' | 'after'; first: string; last: string };
}

/**
 * Clamps a range to the days the data spans (`days`, when known) and
 * refuses, with a message, one still longer than the limits allow. A range
 * with no day of data is answered without points, however long.
 */
export function limitRange(
  query: { from: string; to: string; granularity: 'day' | 'month' },
  days: { first: string; last: string } | undefined,
  limits: ViewLimits,
): LimitedRange {
  let { from, to } = query;
  if (from > to)
    throw new InputError(`Invalid request: from (${from}) is after to (${to})`);
  if (days) {
    if (to < days.first || from > days.last)
      return {
        from,
        to,
        outside: { side: to < days.first ? 'before' : 'after', ...days },
      };
    if (from < days.first) from = days.first;
    if (to > days.last) to = days.last;
  }
  if (query.granularity === 'day' && daysBetween(from, to) + 1 > limits.maxDays)
    throw new InputError(
      `Invalid request: ${from} to ${to} is ${
        daysBetween(from, to) + 1
      } days with data; a daily view spans at most ${
        limits.maxDays
      } days (finops.views.maxDays). Ask for months, or a shorter range.`,
    );
  if (
    query.granularity === 'month' &&
    monthsBetween(from, to) > limits.maxMonths
  )
    throw new InputError(
      `Invalid request: ${from} to ${to} is ${monthsBetween(
        from,
        to,
      )} months with data; a monthly view spans at most ${
        limits.maxMonths
      } months (finops.views.maxMonths).`,
    );
  return { from, to };
}

/** What to say about a range that lies wholly outside the data. */
export function outsideMessage(range: LimitedRange): string {
  const o = range.outside!;
  return o.side === 'after'
    ? `The range ${range.from} to ${range.to} is after the data: the last day with data is ${o.last}.`
    : `The range ${range.from} to ${range.to} is before the data: the first day with data is ${o.first}.`;
}
