import { Budget, Decimal } from '@costwise/plugin-finops-common';
import { addDays, eachDay } from '../model';
import { budgetPeriodOf, previousBudgetPeriod } from './periods';
import { computeBudgetStatus, currencyMismatchStatus, money } from './status';

const budget = (
  amount: string,
  period: Budget['period'] = 'monthly',
): Budget => ({
  entityRef: 'component:default/cart',
  amount,
  currency: 'USD',
  period,
  source: 'annotation',
  text: `${amount} USD ${period}`,
});

/** 40 USD a day (exactly 39.995 + 0.005) from 84 days before `asOf`. */
function steady(asOf: string, perDay = '40'): Map<string, Decimal> {
  return new Map(
    eachDay(addDays(asOf, -120), asOf).map(d => [d, Decimal.parse(perDay)]),
  );
}

const input = (b: Budget, asOf: string, byDay = steady(asOf)) => ({
  budget: b,
  period: budgetPeriodOf(b.period, asOf),
  asOf,
  byDay,
  spendThresholds: [0.8, 1],
  forecastThreshold: 1,
  owner: 'group:default/shop-team',
});

describe('budget periods', () => {
  it('are calendar months, quarters and years', () => {
    expect(budgetPeriodOf('monthly', '2026-02-14')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      label: '2026-02',
    });
    expect(budgetPeriodOf('quarterly', '2026-11-30')).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
      label: '2026-Q4',
    });
    expect(budgetPeriodOf('quarterly', '2026-01-01').label).toBe('2026-Q1');
    expect(budgetPeriodOf('yearly', '2024-02-29')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      label: '2024',
    });
    expect(
      previousBudgetPeriod(
        'quarterly',
        budgetPeriodOf('quarterly', '2026-02-01'),
      ),
    ).toEqual({ from: '2025-10-01', to: '2025-12-31', label: '2025-Q4' });
  });
});

describe('a budget status', () => {
  it('is on track with what was spent, the burn rate, the days left and the forecast', () => {
    // 20 days of November at 40 a day: 800 of 1600
    const s = computeBudgetStatus(input(budget('1600'), '2026-11-20'));
    expect(s).toEqual(
      expect.objectContaining({
        asOf: '2026-11-20',
        closed: false,
        spent: '800',
        remaining: '800',
        burnRate: '40.00',
        allowedPerDay: '80.00',
        daysElapsed: 20,
        daysLeft: 10,
        shareSpent: 0.5,
        status: 'on-track',
        thresholdsCrossed: [],
        owner: 'group:default/shop-team',
      }),
    );
    expect(s.forecast.amount).toBe('1200.00');
    expect(Number(s.forecast.low)).toBeLessThan(1200);
    expect(Number(s.forecast.high)).toBeGreaterThan(1200);
    expect(s.shareForecast).toBe(0.75);
    expect(s.message).toBe(
      'On track: spent 800.00 USD of 1,600.00 USD (50%) with 10 days left; forecast 1,200.00 USD (90% band ' +
        `${money(s.forecast.low, 'USD')} to ${money(
          s.forecast.high,
          'USD',
        )}) at the end of the month.`,
    );
  });

  it('is at risk when the forecast reaches the budget, and says which thresholds were crossed', () => {
    // 800 spent of 1000 (80%), 1200 forecast
    const s = computeBudgetStatus(input(budget('1000'), '2026-11-20'));
    expect(s.status).toBe('at-risk');
    expect(s.thresholdsCrossed).toEqual([
      { kind: 'spend', share: 0.8 },
      { kind: 'forecast', share: 1 },
    ]);
    expect(s.message).toMatch(
      /^At risk: spent 800.00 USD of 1,000.00 USD \(80%\)/,
    );
  });

  it('is over once more than the budget is spent', () => {
    const s = computeBudgetStatus(input(budget('799.99'), '2026-11-20'));
    expect(s.status).toBe('over');
    expect(s.remaining).toBe('-0.01');
    expect(s.allowedPerDay).toBe('0.00');
    expect(s.thresholdsCrossed.map(t => `${t.kind}:${t.share}`)).toEqual([
      'spend:0.8',
      'spend:1',
      'forecast:1',
    ]);
    // exactly the budget is not over
    expect(computeBudgetStatus(input(budget('800'), '2026-11-20')).status).toBe(
      'at-risk',
    );
  });

  it('counts exact amounts: 20 days of 0.1 reach 80% of 2.5 exactly', () => {
    const byDay = steady('2026-11-20', '0.1');
    const s = computeBudgetStatus(input(budget('2.5'), '2026-11-20', byDay));
    expect(s.spent).toBe('2');
    expect(s.shareSpent).toBe(0.8);
    expect(s.thresholdsCrossed).toContainEqual({ kind: 'spend', share: 0.8 });
  });

  it('is final once its period is over: the forecast is what was spent', () => {
    const s = computeBudgetStatus({
      ...input(budget('1300'), '2026-12-05'),
      period: budgetPeriodOf('monthly', '2026-11-15'),
    });
    expect(s).toEqual(
      expect.objectContaining({
        asOf: '2026-11-30',
        closed: true,
        spent: '1200',
        daysLeft: 0,
        status: 'on-track',
        forecast: { amount: '1200.00', low: '1200.00', high: '1200.00' },
      }),
    );
    expect(s.thresholdsCrossed).toEqual([{ kind: 'spend', share: 0.8 }]);
    expect(s.message).toBe(
      'Within budget: spent 1,200.00 USD of 1,300.00 USD (92%) in the month.',
    );
  });

  it('has a day of the series for every day of the period: spend, then forecast, and the even pace', () => {
    const s = computeBudgetStatus(
      input(budget('3000', 'quarterly'), '2026-11-20'),
    );
    expect(s.period.label).toBe('2026-Q4');
    expect(s.series).toHaveLength(92);
    expect(s.series[0]).toEqual({
      date: '2026-10-01',
      spent: '40',
      pace: '32.61',
    });
    const lastSpent = s.series.find(p => p.date === '2026-11-20')!;
    expect(lastSpent.spent).toBe(s.spent);
    const next = s.series.find(p => p.date === '2026-11-21')!;
    expect(next.spent).toBeUndefined();
    expect(Number(next.forecast!.amount)).toBeCloseTo(Number(s.spent) + 40, 0);
    const end = s.series[91];
    expect(end).toEqual({
      date: '2026-12-31',
      forecast: s.forecast,
      pace: '3000.00',
    });
  });

  it('says when the data starts after the period does', () => {
    const s = computeBudgetStatus({
      ...input(budget('1000', 'yearly'), '2026-11-20'),
      dataFrom: '2026-09-01',
    });
    expect(s.dataFrom).toBe('2026-09-01');
  });

  it('compares nothing when the cost is in another currency', () => {
    const s = currencyMismatchStatus(
      {
        budget: { ...budget('1000'), currency: 'EUR' },
        period: budgetPeriodOf('monthly', '2026-11-20'),
        asOf: '2026-11-20',
      },
      'USD',
    );
    expect(s.status).toBe('currency-mismatch');
    expect(s.thresholdsCrossed).toEqual([]);
    expect(s.message).toBe(
      "The budget is in EUR but this entity's cost is in USD, and Costwise does not convert currencies: set the budget in USD to compare.",
    );
  });
});
