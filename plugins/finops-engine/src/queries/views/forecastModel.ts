/**
 * The daily cost forecast: a robust weekday-seasonal baseline with a damped
 * trend, and a prediction interval for the total of the days ahead that
 * adds up three sources of error (day-to-day noise, the uncertainty of the
 * level and trend estimated, and the level's drift over the horizon).
 *
 * Robust throughout (medians and MADs), so that one spike, a credit
 * or a missing day moves neither the baseline nor the band much. The
 * constants below were tuned by the backtest (`npm run bench:forecast`)
 * until the 90% band held about 90% of the actual totals at 7 and 30 days.
 * Binary arithmetic: a forecast is an estimate, shown to the cent.
 */

/** The settings of the model; the defaults are the tuned ones. */
export interface ForecastModelOptions {
  /** Days of history the model reads (at most). */
  window: number;
  /** Days whose median sets the level at the last day. */
  levelDays: number;
  /** Per-day damping of the trend (1: a straight line; 0: no trend). */
  damping: number;
  /** The normal quantile of the band: 1.645 for 90%. */
  z: number;
  /** Day-to-day noise is never taken below this share of the level. */
  minNoise: number;
  /** The level drifts by at least this share of itself per day (√day). */
  minDrift: number;
  /** Multiplies the band's half-width (calibration). */
  widen: number;
  /** The share of days at each end whose deviations are capped (winsorized). */
  tail: number;
  /** How much of the capped deviations' mean (recurring spikes) the baseline adds. */
  spikes: number;
  /** A slope is shrunk by 1 − (this × its standard error ÷ itself)², down to 0. */
  significance: number;
}

/** The tuned settings. */
export const DEFAULT_FORECAST_MODEL: ForecastModelOptions = {
  window: 84,
  levelDays: 7,
  damping: 0.995,
  z: 1.645,
  minNoise: 0.015,
  minDrift: 0.002,
  widen: 1,
  tail: 0.03,
  spikes: 1,
  significance: 1,
};

/** A fitted model: the baseline ahead of the last day and its error terms. */
export interface FittedForecast {
  /** Days of history the fit used. */
  days: number;
  /** The deseasonalized level at the last day. */
  level: number;
  /** Per-day slope of the deseasonalized level (before damping). */
  slope: number;
  /** Multiplicative weekday factors, indexed by day of week (0 = Sunday). */
  weekday: number[];
  /** Robust standard deviation of one day's noise, deseasonalized. */
  noise: number;
  /** The mean of the days' deviations from their neighbours (recurring spikes or credits). */
  excess: number;
  /** Standard error of the level estimate. */
  levelError: number;
  /** Standard error of the slope. */
  slopeError: number;
  /** Variance per day of the level's random drift. */
  drift: number;
  /** Whether no future day can cost less than nothing (no credits seen). */
  nonNegative: boolean;
}

/** The forecast of the days ahead: each day's baseline, their total and its band. */
export interface ForecastPath {
  daily: number[];
  /** The total and its band up to each day ahead. */
  cumulative: Array<{ total: number; low: number; high: number }>;
  total: number;
  low: number;
  high: number;
}

const MAD_TO_SD = 1.4826;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Robust standard deviation: 1.4826 × the median absolute deviation. */
function robustSd(values: number[]): number {
  if (values.length < 2) return 0;
  const m = median(values);
  return MAD_TO_SD * median(values.map(v => Math.abs(v - m)));
}

/**
 * Standard deviation from the mean absolute deviation around the median:
 * robust to one odd value, yet not blind to a level that jumps now and then
 * (a MAD of a few weekly moves ignores a step change entirely).
 */
function meanDeviation(values: number[]): number {
  const m = median(values);
  const sum = values.reduce((a, v) => a + Math.abs(v - m), 0);
  return (Math.sqrt(Math.PI / 2) * sum) / values.length;
}

/**
 * Weekday factors from the ratio of each day to its centred 7-day mean:
 * the median ratio per weekday, normalized to average 1. Without at least
 * two full weeks, or when the level is not positive, every factor is 1.
 */
function weekdayFactors(values: number[], firstDow: number): number[] {
  const flat = [1, 1, 1, 1, 1, 1, 1];
  if (values.length < 14) return flat;
  const ratios: number[][] = [[], [], [], [], [], [], []];
  let windowSum = 0;
  for (let i = 0; i < 7; i++) windowSum += values[i];
  for (let t = 3; t + 3 < values.length; t++) {
    if (t > 3) windowSum += values[t + 3] - values[t - 4];
    const mean = windowSum / 7;
    if (mean > 0) ratios[(firstDow + t) % 7].push(values[t] / mean);
  }
  if (ratios.some(r => r.length < 2)) return flat;
  const raw = ratios.map(r => Math.max(0, median(r)));
  const mean = raw.reduce((a, b) => a + b, 0) / 7;
  return mean > 0 ? raw.map(f => f / mean) : flat;
}

/**
 * Fits the model to daily values, oldest first, the last one being the
 * last day with data; `lastDow` is that day's day of week (0 = Sunday).
 * Leading zeros (before the cost began) are left out.
 */
export function fitForecast(
  history: readonly number[],
  lastDow: number,
  options: ForecastModelOptions = DEFAULT_FORECAST_MODEL,
): FittedForecast {
  let start = 0;
  while (start < history.length && history[start] === 0) start++;
  start = Math.max(start, history.length - options.window);
  const values = history.slice(start);
  const n = values.length;
  const nonNegative = values.every(v => v >= 0);
  if (n === 0)
    return {
      days: 0,
      level: 0,
      slope: 0,
      weekday: [1, 1, 1, 1, 1, 1, 1],
      noise: 0,
      excess: 0,
      levelError: 0,
      slopeError: 0,
      drift: 0,
      nonNegative,
    };
  const firstDow = (((lastDow - (n - 1)) % 7) + 7) % 7;
  const weekday = weekdayFactors(values, firstDow);
  const z = values.map((v, t) => {
    const f = weekday[(firstDow + t) % 7];
    return f > 0.05 ? v / f : v;
  });

  // day-to-day noise from consecutive differences: blind to steps and trend
  const diffs: number[] = [];
  for (let t = 1; t < n; t++) diffs.push(z[t] - z[t - 1]);
  let noise = robustSd(diffs) / Math.SQRT2;

  // weekly medians: their moves give the trend (a step moves one or two of
  // them only, so it is no trend) and the level's drift beyond it
  const weeks = Math.floor(n / 7);
  const medians: number[] = [];
  for (let w = weeks; w >= 1; w--)
    medians.push(median(z.slice(n - w * 7, n - (w - 1) * 7)));
  const moves: number[] = [];
  for (let i = 1; i < medians.length; i++)
    moves.push(medians[i] - medians[i - 1]);
  const trended = moves.length >= 2;
  const spread = trended ? meanDeviation(moves) : 0;
  const slopeError = trended
    ? (Math.sqrt(Math.PI / 2) * spread) / 7 / Math.sqrt(moves.length)
    : 0;
  // a slope within its error of zero is mostly noise: shrink it
  const rawSlope = trended ? median(moves) / 7 : 0;
  const slope =
    rawSlope === 0
      ? 0
      : rawSlope *
        Math.max(
          0,
          1 - ((options.significance * slopeError) / Math.abs(rawSlope)) ** 2,
        );

  const k = Math.min(options.levelDays, n);
  const level = median(z.slice(n - k).map((v, i) => v + slope * (k - 1 - i)));
  const scale = Math.abs(level) || Math.abs(median(z));
  if (n < 2) noise = 0.25 * scale;
  // deviations from the neighbours' median, the largest capped: an isolated
  // spike is ignored, recurring ones raise the baseline and the band
  let excess = 0;
  if (n >= 14) {
    const deviations = z.map(
      (v, t) => v - median(z.slice(Math.max(0, t - 3), Math.min(n, t + 4))),
    );
    const sorted = [...deviations].sort((a, b) => a - b);
    const cut = Math.floor(options.tail * n);
    const lowCap = sorted[cut];
    const highCap = sorted[n - 1 - cut];
    const capped = deviations.map(d => Math.min(highCap, Math.max(lowCap, d)));
    const mean = capped.reduce((a, b) => a + b, 0) / n;
    excess = options.spikes * (mean - median(deviations));
    const sd = Math.sqrt(
      capped.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1),
    );
    noise = Math.max(noise, sd);
  }
  noise = Math.max(noise, options.minNoise * scale);
  // a median of k noisy days: √(π/2) times the mean's error
  const levelError = noise * Math.sqrt(Math.PI / 2 / k);
  let drift = (options.minDrift * scale) ** 2;
  if (trended) {
    const beyondNoise = spread ** 2 - ((Math.PI / 2) * 2 * noise ** 2) / 7;
    // consecutive weekly means of a random walk differ by (2·7²+1)/(3·7) days of drift
    drift = Math.max(drift, beyondNoise / (99 / 21));
  }
  return {
    days: n,
    level,
    slope,
    weekday,
    noise,
    excess,
    levelError,
    slopeError,
    drift,
    nonNegative,
  };
}

/**
 * The `horizon` days after the last day: each day's baseline, their total
 * and the band that holds the actual total with the probability of `z`.
 */
export function forecastPath(
  fit: FittedForecast,
  lastDow: number,
  horizon: number,
  options: ForecastModelOptions = DEFAULT_FORECAST_MODEL,
): ForecastPath {
  if (horizon <= 0 || fit.days === 0)
    return { daily: [], cumulative: [], total: 0, low: 0, high: 0 };
  const daily: number[] = [];
  const cumulative: ForecastPath['cumulative'] = [];
  let damped = 0;
  let power = 1;
  let total = 0;
  let trendWeight = 0;
  let noiseVar = 0;
  // the drift's weight Σ_h Σ_h' min(h, h')·f_h·f_h' up to each day, from the
  // factors' prefix sums T: h·T_h² − 2·T_h·Σ_{m<h} T_m + Σ_{m<h} T_m²
  let prefix = 0;
  let sumPrefix = 0;
  let sumPrefixSquared = 0;
  for (let h = 1; h <= horizon; h++) {
    power *= options.damping;
    damped += power;
    const f = fit.weekday[(lastDow + h) % 7];
    let base = fit.level + fit.slope * damped + fit.excess;
    if (fit.nonNegative) base = Math.max(0, base);
    daily.push(base * f);
    total += base * f;
    sumPrefix += prefix;
    sumPrefixSquared += prefix * prefix;
    prefix += f;
    trendWeight += damped * f;
    noiseVar += (fit.noise * f) ** 2;
    const driftWeight =
      h * prefix * prefix - 2 * prefix * sumPrefix + sumPrefixSquared;
    const variance =
      noiseVar +
      (fit.levelError * prefix) ** 2 +
      (fit.slopeError * trendWeight) ** 2 +
      fit.drift * driftWeight;
    const half = options.z * options.widen * Math.sqrt(variance);
    cumulative.push({
      total,
      low: fit.nonNegative ? Math.max(0, total - half) : total - half,
      high: total + half,
    });
  }
  const last = cumulative[cumulative.length - 1];
  return { daily, cumulative, ...last };
}
