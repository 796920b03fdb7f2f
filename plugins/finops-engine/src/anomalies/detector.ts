/**
 * The detector of one daily series, in binary arithmetic (it only decides
 * which days are anomalous; the amounts reported are summed exactly from
 * the rows afterwards).
 *
 * A day's expected cost is the median of the same weekday in the previous
 * `baselineDays` (four Mondays for a Monday with the default 28 days), so a
 * series that dips every weekend or peaks every Saturday predicts its dip
 * or peak. Its noise is read from the week-over-week differences of the
 * previous `scaleDays` (twice the baseline: 28 days of them vary so much
 * that the days on which they happen to read low raise five times as many
 * false alarms), which a weekly pattern does not inflate, both in money
 * and in proportion to the cost, whichever is larger, as a robust standard
 * deviation (the root mean square of the 80% smallest deviations from
 * their median, calibrated for normal noise; a fifth of the days can be
 * spikes or a step without moving it). A day is anomalous when its rise
 * above the expected cost passes four gates at once: the spend floor, the
 * absolute gate, the relative gate and `threshold` such deviations.
 */

/** The gates, in binary arithmetic. @public */
export interface DetectorSettings {
  baselineDays: number;
  /** Days of data before a day for it to be judged. */
  minHistoryDays: number;
  threshold: number;
  minImpact: number;
  minRelative: number;
  minDailySpend: number;
  /** Days of week-over-week differences the noise is read from (default twice `baselineDays`). */
  scaleDays?: number;
}

/** What a series' feedback ("not an anomaly") changed for it. @public */
export interface SeriesFeedback {
  /** Multiplies the threshold. */
  thresholdFactor: number;
  /** Raises the absolute gate. */
  minImpact: number;
}

/** One anomalous day of a series. @public */
export interface FlaggedDay {
  index: number;
  value: number;
  expected: number;
  /** Robust standard deviation of the day's deviation from its expected value. */
  scale: number;
  /** (value − expected) ÷ scale, capped at 999. */
  score: number;
}

/** Anomalous days of a series that follow each other (at most three quiet days between two). @public */
export interface Episode {
  days: FlaggedDay[];
}

/**
 * The days a series is judged on, as indices of the values: `from..to`
 * (both included); `history` days of data lie before index 0; `monthAgo[t]`
 * is the index of the same day of the month before (−1 when not read).
 *
 * @public
 */
export interface DayRange {
  from: number;
  to: number;
  history?: number;
  monthAgo?: Int32Array;
}

const MAX_SCORE = 999;
/** A day costing at least this share of the anomalous day's cost on the same day a month before makes it a monthly charge. */
const RECURRING_SHARE = 0.8;
/** A difference of two days has √2 times the noise of one. */
const DIFF_TO_DAY = 1 / Math.SQRT2;

/** Median of `a[0..n)`, reordering `a`; NaN when empty. */
function medianInPlace(a: Float64Array, n: number): number {
  if (n === 0) return NaN;
  // insertion sort: n is at most a baseline's days
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
  const h = n >> 1;
  return n % 2 ? a[h] : (a[h - 1] + a[h]) / 2;
}

/** E[Z² | |Z| < q] for the 80% quantile q of |Z|, Z standard normal: calibrates the trimmed scale. */
const TRIMMED_80 = Math.sqrt(0.4377);

/**
 * A robust standard deviation of `a[0..n)`: the root mean square of the
 * 80% of deviations from the median that are smallest, calibrated for a
 * normal distribution. A fifth of the values can be anything (a spike, a
 * step) without moving it, and it varies much less than the MAD does.
 *
 * @public
 */
export function trimmedScaleInPlace(a: Float64Array, n: number): number {
  const center = medianInPlace(a, n);
  for (let i = 0; i < n; i++) a[i] = Math.abs(a[i] - center);
  medianInPlace(a, n); // sorts
  const keep = Math.max(1, Math.floor(n * 0.8));
  let sum = 0;
  for (let i = 0; i < keep; i++) sum += a[i] * a[i];
  return Math.sqrt(sum / keep) / TRIMMED_80;
}

/**
 * Judges the days `from..to` (indices, both included) of a series whose
 * index 0 is the first day read; `history` is how many days of data lie
 * before index 0 (a day is judged once `minHistoryDays` of data precede
 * it). A rise that the same day of the month before had too is a monthly
 * charge, not an anomaly. Returns the anomalous days in order.
 *
 * @public
 */
export function flagDays(
  values: ArrayLike<number>,
  range: DayRange,
  settings: DetectorSettings,
  feedback?: SeriesFeedback,
): FlaggedDay[] {
  const out: FlaggedDay[] = [];
  const weeks = Math.floor(settings.baselineDays / 7);
  const sameDay = new Float64Array(weeks);
  const scaleDays = settings.scaleDays ?? 2 * settings.baselineDays;
  const diffs = new Float64Array(scaleDays);
  const threshold = settings.threshold * (feedback?.thresholdFactor ?? 1);
  const minImpact = Math.max(settings.minImpact, feedback?.minImpact ?? 0);
  const history = range.history ?? 0;
  const start = Math.max(range.from, settings.minHistoryDays - history, 0);
  const end = Math.min(range.to, values.length - 1);
  for (let t = start; t <= end; t++) {
    const value = values[t];
    // the cheap gates first: most days fail one of them
    if (!(value >= settings.minDailySpend)) continue;
    let n = 0;
    for (let k = 1; k <= weeks; k++) {
      const i = t - 7 * k;
      if (i < 0) break;
      sameDay[n++] = values[i];
    }
    if (n < 2) continue;
    const expected = medianInPlace(sameDay, n);
    const impact = value - expected;
    if (!(impact >= minImpact)) continue;
    if (expected > 0 && impact < settings.minRelative * expected) continue;
    const first = Math.max(7, t - scaleDays);
    const m = t - first;
    let scale = 0;
    if (m >= 3) {
      // the expected value is itself a median of n days: its error adds
      const widen = DIFF_TO_DAY * Math.sqrt(1 + 1.2 / n);
      for (let i = first; i < t; i++)
        diffs[i - first] = values[i] - values[i - 7];
      const absolute = trimmedScaleInPlace(diffs, m);
      // noise in proportion to the cost, so a low weekend does not make a
      // busy weekday look calm (nor the reverse)
      for (let i = first; i < t; i++) {
        const mean = (values[i] + values[i - 7]) / 2;
        diffs[i - first] = mean > 0 ? (values[i] - values[i - 7]) / mean : 0;
      }
      const relative = trimmedScaleInPlace(diffs, m) * Math.max(expected, 0);
      scale = Math.max(absolute, relative) * widen;
    }
    const score = scale > 0 ? Math.min(MAX_SCORE, impact / scale) : MAX_SCORE;
    if (score < threshold) continue;
    // a charge that comes back on the same day every month (a fee, a
    // subscription) is expected on that day
    const monthAgo = range.monthAgo?.[t] ?? -1;
    if (monthAgo >= 0 && values[monthAgo] >= RECURRING_SHARE * value) continue;
    out.push({ index: t, value, expected, scale, score });
  }
  return out;
}

/**
 * Groups anomalous days into episodes: a day at most `gap` quiet days
 * after the last one continues it.
 *
 * @public
 */
export function episodesOf(days: FlaggedDay[], gap = 3): Episode[] {
  const out: Episode[] = [];
  let current: Episode | undefined;
  for (const day of days) {
    const last = current?.days[current.days.length - 1];
    if (current && last && day.index - last.index <= gap + 1) {
      current.days.push(day);
    } else {
      current = { days: [day] };
      out.push(current);
    }
  }
  return out;
}
