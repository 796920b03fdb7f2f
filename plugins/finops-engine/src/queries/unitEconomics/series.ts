import {
  Decimal,
  UnitCostPoint,
  UnitCostTrend,
} from '@costwise/plugin-finops-common';
import { eachDay, eachMonth } from '../../model/dates';
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
 * Slope (least squares, per period, over periods with usage), change from
 * the first to the last unit cost, its ratio and direction.
 */
export function trendOf(series: UnitCostPoint[]): UnitCostTrend {
  const used = series
    .map((p, i) => ({ i, unit: p.unitCost }))
    .filter((p): p is { i: number; unit: string } => p.unit !== null);
  const slope = leastSquaresSlope(used.map(p => [p.i, Number(p.unit)]));
  if (used.length < 2)
    return { slope, change: null, ratio: null, direction: 'flat' };
  const first = Decimal.parse(used[0].unit);
  const change = Decimal.parse(used[used.length - 1].unit).sub(first);
  const ratio = first.isZero() ? null : change.toNumber() / first.toNumber();
  let direction: UnitCostTrend['direction'] = 'flat';
  if (ratio !== null) {
    if (Math.abs(ratio) >= FLAT_RATIO) direction = ratio > 0 ? 'up' : 'down';
  } else if (!change.isZero()) direction = change.isNegative() ? 'down' : 'up';
  return { slope, change: change.toString(), ratio, direction };
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
  const series = dates.map(date =>
    point(date, costs.get(date) ?? Decimal.ZERO, metrics?.get(date), per),
  );
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
