import type {
  Budget,
  BudgetPeriod,
  BudgetState,
  BudgetStatus,
} from '@costwise/plugin-finops-common';
import { formatMoney, formatMoneyShort, toNumber } from '../shared/format';

/** A budget status in words. */
export const BUDGET_STATE_LABELS: Record<BudgetState, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  over: 'Over budget',
  'currency-mismatch': 'Other currency',
};

const PER: Record<BudgetPeriod, string> = {
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
};

/** "$1,200.00 a month". */
export function budgetText(budget: Budget): string {
  return `${formatMoney(budget.amount, budget.currency)} a ${
    PER[budget.period]
  }`;
}

/** Days in a budget's period, from its status. */
function periodDays(status: BudgetStatus): number {
  return status.daysElapsed + status.daysLeft;
}

/**
 * The budget as a line on a cost chart of the given resolution: a month's
 * budget on monthly bars, the even daily pace on daily ones. Undefined when
 * the chart's currency is not the budget's.
 */
export function chartBudget(
  status: BudgetStatus | undefined,
  granularity: 'day' | 'month',
  currency: string,
): { amount: number; label: string } | undefined {
  if (!status || status.budget.currency !== currency) return undefined;
  const amount = toNumber(status.budget.amount);
  if (granularity === 'day') {
    const days = periodDays(status);
    if (days <= 0) return undefined;
    const pace = amount / days;
    return {
      amount: pace,
      label: `budget pace ${formatMoneyShort(pace, currency)}/day (${budgetText(
        status.budget,
      )})`,
    };
  }
  const months = { monthly: 1, quarterly: 3, yearly: 12 }[status.budget.period];
  const perMonth = amount / months;
  return {
    amount: perMonth,
    label: `budget ${formatMoneyShort(perMonth, currency)}/month (${budgetText(
      status.budget,
    )})`,
  };
}
