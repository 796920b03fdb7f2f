import { Decimal } from '@costwise/plugin-finops-common';
import { addDays, daysBetween, eachDay, monthEnd } from '../../model';

/**
 * A month-end forecast with its band: the month to date plus the mean of the
 * last 14 days for each day left, ± 1.645 standard deviations scaled by the
 * square root of the days left. Binary arithmetic: a forecast is an
 * estimate, shown to the cent.
 *
 * @public
 */
export function monthEndForecast(
  byDay: ReadonlyMap<string, Decimal>,
  monthToDate: Decimal,
  asOf: string,
): { amount: string; low: string; high: string } {
  const trailing = eachDay(addDays(asOf, -13), asOf).map(d =>
    (byDay.get(d) ?? Decimal.ZERO).toNumber(),
  );
  const mean = trailing.reduce((a, b) => a + b, 0) / trailing.length;
  const sd = Math.sqrt(
    trailing.reduce((a, b) => a + (b - mean) ** 2, 0) /
      Math.max(1, trailing.length - 1),
  );
  const remaining = daysBetween(asOf, monthEnd(asOf));
  const forecast = monthToDate.toNumber() + mean * remaining;
  const band = 1.645 * sd * Math.sqrt(remaining);
  return {
    amount: forecast.toFixed(2),
    low: Math.max(monthToDate.toNumber(), forecast - band).toFixed(2),
    high: (forecast + band).toFixed(2),
  };
}
