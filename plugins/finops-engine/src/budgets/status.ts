import {
  Budget,
  BudgetPeriodRange,
  BudgetPoint,
  BudgetState,
  BudgetStatus,
  BudgetThreshold,
  Decimal,
  HiddenMembers,
} from '@costwise/plugin-finops-common';
import { daysBetween, eachDay } from '../model';
import { periodEndForecast } from '../queries/views/forecast';
import { periodNoun } from './periods';

/** What a budget's status is computed from. */
export interface StatusInput {
  budget: Budget;
  period: BudgetPeriodRange;
  /** The last day with data (the period is closed when it is on or after its end). */
  asOf: string;
  /** The entity's daily cost in the budget's currency, from at least 84 days before `asOf`. */
  byDay: ReadonlyMap<string, Decimal>;
  spendThresholds: number[];
  forecastThreshold: number;
  /** The first day of the stored cost data. */
  dataFrom?: string;
  owner?: string;
  hiddenMembers?: HiddenMembers;
}

const SHARE_SCALE = 1_000_000;

/** `amount × share`, exactly (the share to six decimals). */
export function shareOf(amount: Decimal, share: number): Decimal {
  return amount
    .mulInt(Math.round(share * SHARE_SCALE))
    .divide(Decimal.parse(String(SHARE_SCALE)), 12);
}

/** `1,234.50 USD`. */
export function money(amount: Decimal | string, currency: string): string {
  const value = typeof amount === 'string' ? Decimal.parse(amount) : amount;
  const [whole, fraction] = value.toFixed(2).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}.${fraction} ${currency}`;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function ratio(part: Decimal, whole: Decimal): number {
  return whole.isZero() ? 0 : Number(part.divide(whole, 6).toString());
}

/** The thresholds reached, spend ones first, in the configured order. */
export function crossedThresholds(
  amount: Decimal,
  spent: Decimal,
  forecast: Decimal | undefined,
  spendThresholds: number[],
  forecastThreshold: number,
): BudgetThreshold[] {
  const out: BudgetThreshold[] = spendThresholds
    .filter(share => spent.compare(shareOf(amount, share)) >= 0)
    .map(share => ({ kind: 'spend' as const, share }));
  if (forecast && forecast.compare(shareOf(amount, forecastThreshold)) >= 0)
    out.push({ kind: 'forecast', share: forecastThreshold });
  return out;
}

function sentence(
  s: Pick<
    BudgetStatus,
    'status' | 'spent' | 'forecast' | 'daysLeft' | 'closed' | 'shareSpent'
  >,
  budget: Budget,
): string {
  const noun = periodNoun(budget.period);
  const spent = `${money(s.spent, budget.currency)} of ${money(
    budget.amount,
    budget.currency,
  )} (${percent(s.shareSpent)})`;
  const left = s.daysLeft === 1 ? '1 day left' : `${s.daysLeft} days left`;
  const forecast = `${money(
    s.forecast.amount,
    budget.currency,
  )} (90% band ${money(s.forecast.low, budget.currency)} to ${money(
    s.forecast.high,
    budget.currency,
  )})`;
  if (s.closed)
    return s.status === 'over'
      ? `Over budget: spent ${spent} in the ${noun}.`
      : `Within budget: spent ${spent} in the ${noun}.`;
  if (s.status === 'over')
    return `Over budget: spent ${spent} with ${left} in the ${noun}; forecast ${forecast} at its end.`;
  if (s.status === 'at-risk')
    return `At risk: spent ${spent} with ${left}; the forecast at the end of the ${noun} is ${forecast}.`;
  return `On track: spent ${spent} with ${left}; forecast ${forecast} at the end of the ${noun}.`;
}

/**
 * A budget's status in a period from the entity's daily cost: what was
 * spent up to the last day with data, the forecast at the period's end
 * (the card's model: weekdays and trend, with a 90% band), burn rate,
 * days left, status and thresholds crossed, and each day's cumulative
 * spend or forecast for a budget line.
 */
export function computeBudgetStatus(input: StatusInput): BudgetStatus {
  const { budget, period, byDay } = input;
  const amount = Decimal.parse(budget.amount);
  const closed = input.asOf >= period.to;
  const last = closed ? period.to : input.asOf;
  const days = eachDay(period.from, period.to);
  const elapsed = last < period.from ? [] : eachDay(period.from, last);
  const spent = Decimal.sum(elapsed.map(d => byDay.get(d) ?? Decimal.ZERO));
  const daysLeft = closed ? 0 : daysBetween(last, period.to);
  const projected = closed
    ? undefined
    : periodEndForecast(byDay, spent, last, period.to);
  const forecast = projected
    ? { amount: projected.amount, low: projected.low, high: projected.high }
    : {
        amount: spent.toFixed(2),
        low: spent.toFixed(2),
        high: spent.toFixed(2),
      };
  const forecastAmount = Decimal.parse(forecast.amount);
  const remaining = amount.sub(spent);
  let status: BudgetState = 'on-track';
  if (spent.compare(amount) > 0) status = 'over';
  else if (
    !closed &&
    forecastAmount.compare(shareOf(amount, input.forecastThreshold)) >= 0
  )
    status = 'at-risk';

  const series: BudgetPoint[] = [];
  let cumulative = Decimal.ZERO;
  const ahead = new Map(projected?.forecast.days.map(d => [d.date, d]));
  days.forEach((date, i) => {
    const pace = amount
      .mulInt(i + 1)
      .divide(Decimal.parse(String(days.length)), 2)
      .toFixed(2);
    if (date <= last) {
      cumulative = cumulative.add(byDay.get(date) ?? Decimal.ZERO);
      series.push({ date, spent: cumulative.toString(), pace });
      return;
    }
    const day = ahead.get(date);
    const plus = (v: number) =>
      spent.add(Decimal.parse(v.toFixed(2))).toFixed(2);
    series.push({
      date,
      ...(day
        ? {
            forecast: {
              amount: plus(day.cumulative),
              low: plus(day.low),
              high: plus(day.high),
            },
          }
        : {}),
      pace,
    });
  });

  const shareSpent = ratio(spent, amount);
  const core = {
    status,
    spent: spent.toString(),
    forecast,
    daysLeft,
    closed,
    shareSpent,
  };
  return {
    budget,
    period,
    asOf: last,
    closed,
    spent: spent.toString(),
    remaining: remaining.toString(),
    forecast,
    burnRate: elapsed.length
      ? spent.divide(Decimal.parse(String(elapsed.length)), 2).toFixed(2)
      : '0.00',
    allowedPerDay:
      daysLeft > 0 && !remaining.isNegative()
        ? remaining.divide(Decimal.parse(String(daysLeft)), 2).toFixed(2)
        : '0.00',
    daysElapsed: elapsed.length,
    daysLeft,
    shareSpent,
    shareForecast: ratio(forecastAmount, amount),
    status,
    message: sentence(core, budget),
    thresholdsCrossed: crossedThresholds(
      amount,
      spent,
      closed ? undefined : forecastAmount,
      input.spendThresholds,
      input.forecastThreshold,
    ),
    series,
    ...(input.owner ? { owner: input.owner } : {}),
    ...(input.dataFrom && input.dataFrom > period.from
      ? { dataFrom: input.dataFrom }
      : {}),
    ...(input.hiddenMembers ? { hiddenMembers: input.hiddenMembers } : {}),
  };
}

/**
 * The status of a budget whose entity's cost is in another currency:
 * nothing is compared, and the message says what to do.
 */
export function currencyMismatchStatus(
  input: Omit<StatusInput, 'byDay' | 'spendThresholds' | 'forecastThreshold'>,
  dataCurrency: string,
): BudgetStatus {
  const { budget, period } = input;
  const closed = input.asOf >= period.to;
  const last = closed ? period.to : input.asOf;
  const zero = { amount: '0.00', low: '0.00', high: '0.00' };
  return {
    budget,
    period,
    asOf: last,
    closed,
    spent: '0',
    remaining: budget.amount,
    forecast: zero,
    burnRate: '0.00',
    allowedPerDay: '0.00',
    daysElapsed: last < period.from ? 0 : daysBetween(period.from, last) + 1,
    daysLeft: closed ? 0 : daysBetween(last, period.to),
    shareSpent: 0,
    shareForecast: 0,
    status: 'currency-mismatch',
    message: `The budget is in ${budget.currency} but this entity's cost is in ${dataCurrency}, and Costwise does not convert currencies: set the budget in ${dataCurrency} to compare.`,
    thresholdsCrossed: [],
    series: [],
    ...(input.owner ? { owner: input.owner } : {}),
    ...(input.hiddenMembers ? { hiddenMembers: input.hiddenMembers } : {}),
  };
}
