import {
  Decimal,
  UnitCostPoint,
  UnitCostTrend,
} from '@costwise/plugin-finops-common';
import { eachDay, eachMonth, isPartialMonth } from '../../model/dates';
import { leastSquaresSlope } from './stats';

/** Unit cost is shown to 6 decimal places, rounded half to even. */
export const UNIT_COST_DIGITS = 6;

/** A trend whose change is under 2% of the first value is flat. */
export const FLAT_RATIO = 0.02;

/**
 * Cost per displayed unit: cost / (metric / per) = cost · per / metric,
 * exact, rounded half to even at 6 places. Undefined without usage: a
 * missing or zero metric is "no usage", never a division by zero.
 */
export function unitCostOf(
  cost: Decimal,
  metric: Decimal | undefined,
  per: number,
): Decimal | undefined {
  if (!metric || metric.isZero()) return undefined;
  return cost.mulInt(per).divide(metric, UNIT_COST_DIGITS);
}

function point(
  date: string,
  cost: Decimal,
  metric: Decimal | undefined,
  per: number | undefined,
): UnitCostPoint {
  const unit = per === undefined ? undefined : unitCostOf(cost, metric, per);
  return {
    date,
    cost: cost.toString(),
    metric: metric ? metric.toNumber() : null,
    unitCost: unit ? unit.toFixed(UNIT_COST_DIGITS) : null,
  };
}

function sumInto(
  map: Map<string, Decimal>,
  key: string,
  value: Decimal | undefined,
) {
  if (value === undefined) return;
  map.set(key, (map.get(key) ?? Decimal.ZERO).add(value));
}

/** Sums daily values per `YYYY-MM`. */
export function byMonth(byDay: Map<string, Decimal>): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const [day, value] of byDay) sumInto(out, day.slice(0, 7), value);
  return out;
}

/**
 * The trend of a unit-cost series: the least-squares line through the
 * whole periods with usage, its slope, and its change and ratio from the
 * first of them to the last. Partial periods are left out: a month of five
 * days is not a month.
 */
export function trendOf(series: UnitCostPoint[]): UnitCostTrend {
  const used = series
    .map((p, i) => ({ i, unit: p.unitCost, partial: p.partial }))
    .filter(
      (p): p is { i: number; unit: string; partial: undefined } =>
        p.unit !== null && !p.partial,
    );
  const points = used.map(p => [p.i, Number(p.unit)] as [number, number]);
  const slope = leastSquaresSlope(points);
  const periods = used.length;
  if (periods < 2)
    return { slope, change: null, ratio: null, direction: 'flat', periods };
  const { intercept } = fitLine(points, slope);
  const first = intercept + slope * used[0].i;
  const last = intercept + slope * used[periods - 1].i;
  const change = last - first;
  const ratio = first > 0 ? change / first : null;
  let direction: UnitCostTrend['direction'] = 'flat';
  if (ratio !== null) {
    if (Math.abs(ratio) >= FLAT_RATIO) direction = ratio > 0 ? 'up' : 'down';
  } else if (change !== 0) direction = change < 0 ? 'down' : 'up';
  return {
    slope,
    change: Decimal.fromNumber(change).toFixed(UNIT_COST_DIGITS),
    ratio,
    direction,
    periods,
  };
}

/** The intercept of the least-squares line with the given slope. */
function fitLine(points: Array<[number, number]>, slope: number) {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  return { intercept: my - slope * mx };
}

/**
 * The series of cost, metric and unit cost per day or month from `from` to
 * `to`, the totals over the whole period and the trend. Without a unit
 * metric (`per` undefined) only cost is filled in.
 */
export function buildUnitCostSeries(input: {
  from: string;
  to: string;
  granularity: 'day' | 'month';
  costByDay: Map<string, Decimal>;
  metricByDay?: Map<string, Decimal>;
  per?: number;
}): { series: UnitCostPoint[]; totals: UnitCostPoint; trend: UnitCostTrend } {
  const { from, to, granularity, per } = input;
  const inRange = (m: Map<string, Decimal>) =>
    new Map([...m].filter(([d]) => d >= from && d <= to));
  const cost = inRange(input.costByDay);
  const metric = input.metricByDay ? inRange(input.metricByDay) : undefined;
  const monthly = granularity === 'month';
  const costs = monthly ? byMonth(cost) : cost;
  const metrics = metric && (monthly ? byMonth(metric) : metric);
  const dates = monthly ? eachMonth(from, to) : eachDay(from, to);
  const series = dates.map(date => {
    const p = point(
      date,
      costs.get(date) ?? Decimal.ZERO,
      metrics?.get(date),
      per,
    );
    return monthly && isPartialMonth(date, from, to)
      ? { ...p, partial: true }
      : p;
  });
  const totalMetric =
    metric && metric.size > 0 ? Decimal.sum(metric.values()) : undefined;
  const totals = point(
    `${from}/${to}`,
    Decimal.sum(cost.values()),
    totalMetric,
    per,
  );
  return { series, totals, trend: trendOf(series) };
}
