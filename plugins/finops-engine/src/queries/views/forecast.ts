import { Decimal } from '@costwise/plugin-finops-common';
import {
  addDays,
  daysBetween,
  eachDay,
  monthEnd,
  toMs,
} from '../../model/dates';
import {
  DEFAULT_FORECAST_MODEL,
  fitForecast,
  forecastPath,
} from './forecastModel';

/**
 * The forecast of an entity's cost over the days after the last day with
 * data: each day's expected cost (for charts), their total and its 90%
 * prediction interval. Binary arithmetic: a forecast is an estimate.
 *
 * @public
 */
export interface CostForecast {
  /**
   * Each day after the last day with data up to the end asked for: its
   * expected cost, and the total from the first day ahead to it with its band.
   */
  days: Array<{
    date: string;
    amount: number;
    cumulative: number;
    low: number;
    high: number;
  }>;
  /** The days' total. */
  total: number;
  /** The 90% band of the total. */
  low: number;
  high: number;
}

/** A period-end forecast as the routes answer it: exact decimal strings, to the cent. @public */
export interface ForecastAmounts {
  amount: string;
  low: string;
  high: string;
}

const dayOfWeek = (day: string) => new Date(toMs(day)).getUTCDay();

/**
 * Forecasts the cost of each day from the day after `asOf` to `to` from
 * the daily cost up to `asOf` (a missing day costs nothing): a robust
 * weekday-seasonal baseline with a damped trend, whose 90% band was
 * calibrated by backtest (`npm run bench:forecast`). It reads the last 84
 * days at most; with less it does what the history allows (no weekday
 * factors before two weeks, no trend before three).
 *
 * @public
 */
export function forecastCost(
  byDay: ReadonlyMap<string, Decimal>,
  asOf: string,
  to: string,
): CostForecast {
  const horizon = Math.max(0, daysBetween(asOf, to));
  const from = addDays(asOf, -(DEFAULT_FORECAST_MODEL.window - 1));
  const history = eachDay(from, asOf).map(d => byDay.get(d)?.toNumber() ?? 0);
  const lastDow = dayOfWeek(asOf);
  const path = forecastPath(fitForecast(history, lastDow), lastDow, horizon);
  return {
    days: path.daily.map((amount, i) => ({
      date: addDays(asOf, i + 1),
      amount,
      cumulative: path.cumulative[i].total,
      low: path.cumulative[i].low,
      high: path.cumulative[i].high,
    })),
    total: path.total,
    low: path.low,
    high: path.high,
  };
}

/** `spent` plus a binary amount, to the cent. */
function plus(spent: Decimal, amount: number): string {
  return spent.add(Decimal.parse(amount.toFixed(2))).toFixed(2);
}

/**
 * The cost at the end of a period: what was spent up to `asOf` plus the
 * forecast of the days left to `periodEnd`, with its 90% band, to the cent.
 *
 * @public
 */
export function periodEndForecast(
  byDay: ReadonlyMap<string, Decimal>,
  spent: Decimal,
  asOf: string,
  periodEnd: string,
): ForecastAmounts & { forecast: CostForecast } {
  const forecast = forecastCost(byDay, asOf, periodEnd);
  return {
    amount: plus(spent, forecast.total),
    low: plus(spent, forecast.low),
    high: plus(spent, forecast.high),
    forecast,
  };
}

/**
 * The month-end forecast of the cost card: the month to date plus the
 * forecast of the days left in the month, with its 90% band, to the cent.
 *
 * @public
 */
export function monthEndForecast(
  byDay: ReadonlyMap<string, Decimal>,
  monthToDate: Decimal,
  asOf: string,
): ForecastAmounts {
  const { amount, low, high } = periodEndForecast(
    byDay,
    monthToDate,
    asOf,
    monthEnd(asOf),
  );
  return { amount, low, high };
}
