/**
 * Budgets: read from the `costwise.dev/budget` annotation or set by
 * admins, judged against the entities' attributed daily cost with the
 * period-end forecast, alerted once per threshold and period, and their
 * adherence for the governance KPI.
 */
export { BudgetService } from './BudgetService';
export type {
  BudgetDeps,
  BudgetedEntity,
  BudgetOptions,
} from './BudgetService';
export { adherenceOf, alertTitle, thresholdKey } from './alerts';
export type { BudgetAlert } from './alerts';
export { budgetPeriodOf, previousBudgetPeriod } from './periods';
