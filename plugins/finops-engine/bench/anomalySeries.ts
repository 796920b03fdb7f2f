/*
 * Synthetic daily cost series with known anomalies, for the anomaly
 * evaluation (`eval-anomalies.ts`).
 *
 * Every series has a level (20 to 20,000 a day, log-uniform), a slow trend,
 * multiplicative Gaussian noise (most 2–8% of the level, a third 8–20%) and
 * a weekly pattern: none, a weekend dip, a Saturday peak (a weekly batch)
 * or busier Mondays. The weekly patterns are not anomalies. Injected
 * anomalies, each on its own series after 60 days of history:
 *
 * - spike: one or two days above the level;
 * - level-shift: the level steps up for good;
 * - ramp: the level climbs linearly over 3 to 8 weeks;
 * - new-resource: a series that is zero until a resource appears and costs
 *   from then on (one fact group's line).
 *
 * Sizes are a multiple, log-uniform from 1 to 8, of the least rise that is
 * meant to be found: 3 robust standard deviations of the series' noise
 * (the scale 1.4826 × MAD measures), and at least the absolute and the
 * relative gates. The ramp's total rise is 2 to 6 times that least rise.
 */
import { mulberry32 } from '../src/model/prng';

/** The kinds of injected events. */
export type InjectedKind = 'spike' | 'level-shift' | 'ramp' | 'new-resource';

/** An anomaly put into a series. */
export interface InjectedAnomaly {
  series: number;
  kind: InjectedKind;
  /** First affected day index. */
  start: number;
  /** Days it lasts (spikes), or days of the climb (ramps). */
  length: number;
  /** The rise at full size, in the currency per day. */
  size: number;
  /** `size` as a multiple of the least rise meant to be found. */
  multiple: number;
}

/** The weekly pattern of a series. */
export type WeeklyPattern = 'flat' | 'weekend-dip' | 'saturday-peak' | 'monday';

/** What the generator made. */
export interface GeneratedSeries {
  values: Float64Array[];
  patterns: WeeklyPattern[];
  /** Noise as a share of the level. */
  noise: number[];
  events: InjectedAnomaly[];
}

/** The gates the sizes are measured against. */
export interface SizeGates {
  minImpact: number;
  minRelative: number;
  minDailySpend: number;
}

/** The standard deviation of a day's deviation from the median of the same weekday of 4 weeks, per unit of noise. */
const DEVIATION = Math.sqrt(1 + 1.2 / 4);

function gaussian(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Each weekly pattern and the cumulative share of series that have it. */
const PATTERNS: Array<[WeeklyPattern, number]> = [
  ['flat', 0.4],
  ['weekend-dip', 0.7],
  ['saturday-peak', 0.85],
  ['monday', 1.01],
];

/** Weekday of day index `t` when day 0 is a Monday: 0 Monday … 6 Sunday. */
const weekday = (t: number) => t % 7;

function weeklyFactor(pattern: WeeklyPattern, t: number, depth: number) {
  const w = weekday(t);
  switch (pattern) {
    case 'weekend-dip':
      return w >= 5 ? depth : 1;
    case 'saturday-peak':
      return w === 5 ? 1 + depth : 1;
    case 'monday':
      return w === 0 ? 1 + depth / 2 : 1;
    default:
      return 1;
  }
}

/** Generates `count` series of `days` days with known anomalies. */
export function generateAnomalySeries(options: {
  count: number;
  days: number;
  gates: SizeGates;
  seed?: number;
}): GeneratedSeries {
  const { count, days, gates } = options;
  const rand = mulberry32(options.seed ?? 7);
  const values: Float64Array[] = [];
  const patterns: WeeklyPattern[] = [];
  const noises: number[] = [];
  const events: InjectedAnomaly[] = [];
  const uniform = (a: number, b: number) => a + rand() * (b - a);
  const multiple = () => Math.exp(rand() * Math.log(8));
  for (let s = 0; s < count; s++) {
    const level = Math.exp(uniform(Math.log(20), Math.log(20000)));
    const noise = rand() < 2 / 3 ? uniform(0.02, 0.08) : uniform(0.08, 0.2);
    const trend = uniform(-0.001, 0.002);
    const p = rand();
    const pattern = PATTERNS.find(([, upTo]) => p < upTo)![0];
    const depth =
      pattern === 'weekend-dip' ? uniform(0.3, 0.7) : uniform(0.5, 1.5);
    const base = new Float64Array(days);
    for (let t = 0; t < days; t++)
      base[t] =
        level * Math.max(0.2, 1 + trend * t) * weeklyFactor(pattern, t, depth);
    /**
     * The least rise meant to be found on day t: 3 standard deviations of
     * the day's deviation from its baseline (the noise of the day and of
     * the median of four weeks that predicts it), and the gates.
     */
    const least = (t: number) =>
      Math.max(
        3 * DEVIATION * noise * base[t],
        gates.minImpact,
        gates.minRelative * base[t],
        gates.minDailySpend - base[t],
      );
    const extra = new Float64Array(days);
    const k = rand();
    const start = 60 + Math.floor(rand() * (days - 120));
    let zeroUntil = -1;
    if (k < 0.35) {
      const length = rand() < 0.7 ? 1 : 2;
      const m = multiple();
      let size = 0;
      for (let t = start; t < start + length; t++) {
        extra[t] = m * least(t);
        size = Math.max(size, extra[t]);
      }
      events.push({
        series: s,
        kind: 'spike',
        start,
        length,
        size,
        multiple: m,
      });
      // a second spike, well after the first
      if (rand() < 0.3 && start + 45 < days - 1) {
        const second = start + 30 + Math.floor(rand() * (days - start - 31));
        const m2 = multiple();
        extra[second] = m2 * least(second);
        events.push({
          series: s,
          kind: 'spike',
          start: second,
          length: 1,
          size: extra[second],
          multiple: m2,
        });
      }
    } else if (k < 0.55) {
      const m = multiple();
      const share = (m * least(start)) / base[start];
      for (let t = start; t < days; t++) extra[t] = share * base[t];
      events.push({
        series: s,
        kind: 'level-shift',
        start,
        length: days - start,
        size: share * base[start],
        multiple: m,
      });
    } else if (k < 0.65) {
      const length = 21 + Math.floor(rand() * 36);
      const m = uniform(2, 6);
      const share = (m * least(start)) / base[start];
      for (let t = start; t < days; t++)
        extra[t] = share * base[t] * Math.min(1, (t - start + 1) / length);
      events.push({
        series: s,
        kind: 'ramp',
        start,
        length,
        size: share * base[start],
        multiple: m,
      });
    } else if (k < 0.75) {
      // one resource's line: nothing, then its cost from the day it appears
      zeroUntil = start;
      const m = multiple();
      const daily = m * Math.max(gates.minImpact, gates.minDailySpend);
      for (let t = 0; t < days; t++) base[t] = (daily * base[t]) / level;
      events.push({
        series: s,
        kind: 'new-resource',
        start,
        length: days - start,
        size: daily,
        multiple: m,
      });
    }
    const series = new Float64Array(days);
    for (let t = 0; t < days; t++) {
      if (t < zeroUntil) continue;
      const value = (base[t] + extra[t]) * (1 + noise * gaussian(rand));
      series[t] = Math.max(0, Math.round(value * 100) / 100);
    }
    values.push(series);
    patterns.push(pattern);
    noises.push(noise);
  }
  return { values, patterns, noise: noises, events };
}
