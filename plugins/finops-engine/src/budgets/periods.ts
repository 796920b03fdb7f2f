import type {
  BudgetPeriod,
  BudgetPeriodRange,
} from '@costwise/plugin-finops-common';
import { addDays, monthEnd } from '../model';

/**
 * The calendar period of a budget that holds `day` (UTC): its month, its
 * quarter (January, April, July, October) or its year.
 *
 * @public
 */
export function budgetPeriodOf(
  period: BudgetPeriod,
  day: string,
): BudgetPeriodRange {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (period === 'monthly') {
    const from = `${day.slice(0, 7)}-01`;
    return { from, to: monthEnd(from), label: day.slice(0, 7) };
  }
  if (period === 'quarterly') {
    const quarter = Math.floor((month - 1) / 3);
    const first = String(quarter * 3 + 1).padStart(2, '0');
    const from = `${year}-${first}-01`;
    return {
      from,
      to: monthEnd(`${year}-${String(quarter * 3 + 3).padStart(2, '0')}-01`),
      label: `${year}-Q${quarter + 1}`,
    };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: year };
}

/** The period before `range`, of the same kind. @public */
export function previousBudgetPeriod(
  period: BudgetPeriod,
  range: BudgetPeriodRange,
): BudgetPeriodRange {
  return budgetPeriodOf(period, addDays(range.from, -1));
}

/** How a period reads in a sentence: `the month`, `the quarter`, `the year`. */
export function periodNoun(period: BudgetPeriod): string {
  if (period === 'monthly') return 'month';
  return period === 'quarterly' ? 'quarter' : 'year';
}
