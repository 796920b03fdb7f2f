import { Decimal } from '@costwise/plugin-finops-common';
import { addDays, eachDay } from '../../model/dates';
import { rngFor } from '../../model/prng';
import { forecastCost, monthEndForecast, periodEndForecast } from './forecast';

/** Daily costs from a function of the day's index and day of week (0 = Sunday). */
function history(
  to: string,
  days: number,
  cost: (index: number, dow: number) => number,
): Map<string, Decimal> {
  const from = addDays(to, -(days - 1));
  return new Map(
    eachDay(from, to).map((day, i) => [
      day,
      Decimal.parse(
        cost(i, new Date(`${day}T00:00:00Z`).getUTCDay()).toFixed(2),
      ),
    ]),
  );
}

const weekend = (dow: number) => dow === 0 || dow === 6;
const near = (actual: number, expected: number, share: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    Math.abs(expected) * share,
  );

describe('forecastCost', () => {
  // 2026-11-15 is a Sunday
  const asOf = '2026-11-15';

  it('follows the weekdays: weekends cost less, and the week ahead says so', () => {
    const byDay = history(asOf, 56, (_i, dow) => (weekend(dow) ? 40 : 100));
    const week = forecastCost(byDay, asOf, addDays(asOf, 7));
    expect(week.days.map(d => d.date)).toEqual(
      eachDay(addDays(asOf, 1), addDays(asOf, 7)),
    );
    // Monday to Friday, then Saturday and Sunday
    for (const d of week.days.slice(0, 5)) near(d.amount, 100, 0.01);
    for (const d of week.days.slice(5)) near(d.amount, 40, 0.01);
    near(week.total, 580, 0.01);
    expect(week.low).toBeLessThan(580);
    expect(week.high).toBeGreaterThan(580);
    expect((week.high - week.low) / 2).toBeLessThan(580 * 0.05);
  });

  it('carries a steady growth forward', () => {
    const byDay = history(asOf, 84, i => 100 + 2 * i);
    const month = forecastCost(byDay, asOf, addDays(asOf, 30));
    // the days ahead continue the line: 268, 270, … 326
    let line = 0;
    for (let h = 1; h <= 30; h++) line += 100 + 2 * (83 + h);
    near(month.total, line, 0.03);
    expect(month.total).toBeGreaterThan(266 * 30);
    expect(month.low).toBeLessThan(line);
    expect(month.high).toBeGreaterThan(line);
  });

  it('is not moved by a one-day spike, and follows a step change', () => {
    const spike = history(asOf, 56, i => (i === 48 ? 800 : 100));
    near(forecastCost(spike, asOf, addDays(asOf, 30)).total, 3000, 0.03);
    const step = history(asOf, 56, i => (i >= 46 ? 200 : 100));
    const after = forecastCost(step, asOf, addDays(asOf, 10));
    for (const d of after.days) near(d.amount, 200, 0.05);
    // the days' cumulative totals end on the total and its band
    expect(after.days[9]).toEqual(
      expect.objectContaining({
        cumulative: after.total,
        low: after.low,
        high: after.high,
      }),
    );
  });

  it('holds about 90% of the actual totals in its band on noisy, drifting series', () => {
    let inside = 0;
    let count = 0;
    for (let s = 0; s < 20; s++) {
      const random = rngFor(s, 'forecast-test');
      const gauss = () =>
        Math.sqrt(-2 * Math.log(random() + 1e-12)) *
        Math.cos(2 * Math.PI * random());
      const end = '2026-12-31';
      let level = 100;
      const all = history(end, 240, (_i, dow) => {
        level *= Math.exp(0.01 * gauss());
        return level * (weekend(dow) ? 0.6 : 1) * Math.exp(0.1 * gauss());
      });
      const days = [...all.keys()];
      for (let t = 84; t + 30 < days.length; t += 5) {
        const actual = days
          .slice(t + 1, t + 31)
          .reduce((a, d) => a + all.get(d)!.toNumber(), 0);
        const f = forecastCost(all, days[t], days[t + 30]);
        count++;
        if (actual >= f.low && actual <= f.high) inside++;
      }
    }
    expect(count).toBeGreaterThan(400);
    expect(inside / count).toBeGreaterThanOrEqual(0.85);
    expect(inside / count).toBeLessThanOrEqual(0.95);
  });

  it('forecasts nothing without history, and nothing past the end', () => {
    expect(forecastCost(new Map(), asOf, addDays(asOf, 10))).toEqual(
      expect.objectContaining({ total: 0, low: 0, high: 0 }),
    );
    const byDay = history(asOf, 30, () => 10);
    expect(forecastCost(byDay, asOf, asOf)).toEqual({
      days: [],
      total: 0,
      low: 0,
      high: 0,
    });
  });
});

describe('monthEndForecast', () => {
  it('adds the days left to the month to date, to the cent, with a band around it', () => {
    const asOf = '2026-11-20';
    const byDay = history(asOf, 40, (_i, dow) => (weekend(dow) ? 50.5 : 120));
    const monthToDate = Decimal.sum(
      eachDay('2026-11-01', asOf).map(d => byDay.get(d)!),
    );
    const f = monthEndForecast(byDay, monthToDate, asOf);
    expect(Object.keys(f).sort()).toEqual(['amount', 'high', 'low']);
    for (const v of Object.values(f)) expect(v).toMatch(/^\d+\.\d\d$/);
    // 10 days left: Saturday the 21st … Monday the 30th: 6 weekdays, 4 weekend days
    near(Number(f.amount) - monthToDate.toNumber(), 6 * 120 + 4 * 50.5, 0.02);
    expect(Number(f.low)).toBeGreaterThanOrEqual(monthToDate.toNumber());
    expect(Number(f.low)).toBeLessThan(Number(f.amount));
    expect(Number(f.high)).toBeGreaterThan(Number(f.amount));
  });

  it('is the month to date itself on the last day of the month', () => {
    const byDay = history('2026-11-30', 30, () => 33.333);
    const monthToDate = Decimal.parse('999.90');
    expect(monthEndForecast(byDay, monthToDate, '2026-11-30')).toEqual({
      amount: '999.90',
      low: '999.90',
      high: '999.90',
    });
  });

  it('forecasts a quarter from the same model, its band wider than a month’s', () => {
    const asOf = '2026-10-10';
    const byDay = history(asOf, 84, (i, dow) =>
      weekend(dow) ? 40 : 100 + (i % 3),
    );
    const spent = Decimal.parse('500');
    const month = periodEndForecast(byDay, spent, asOf, '2026-10-31');
    const quarter = periodEndForecast(byDay, spent, asOf, '2026-12-31');
    expect(quarter.forecast.days).toHaveLength(82);
    const width = (f: typeof month) => Number(f.high) - Number(f.low);
    expect(width(quarter)).toBeGreaterThan(width(month));
    expect(Number(quarter.amount)).toBeGreaterThan(Number(month.amount));
  });
});
