/**
 * Budgets: an amount per month, quarter or year on a Component, System or
 * Group, from its `costwise.dev/budget` annotation or set by an admin, with
 * what was spent, the forecast at the period's end and a status, and the
 * alerts sent to the owning team as thresholds are crossed.
 */
import type { AnnotationWarning } from './attribution';
import type { HiddenMembers } from './api';

/** How often a budget renews: calendar months, quarters or years (UTC). @public */
export type BudgetPeriod = 'monthly' | 'quarterly' | 'yearly';

/** Every budget period. @public */
export const BUDGET_PERIODS: readonly BudgetPeriod[] = [
  'monthly',
  'quarterly',
  'yearly',
];

/** The kinds of entity a budget may be set on (lower case). @public */
export const BUDGET_KINDS: readonly string[] = ['component', 'system', 'group'];

/**
 * Where a budget comes from: the entity's `costwise.dev/budget` annotation,
 * or an admin (for entities whose catalog file the team does not control).
 * An admin's budget wins over the annotation of the same entity.
 *
 * @public
 */
export type BudgetSource = 'annotation' | 'admin';

/** A budget of an entity. @public */
export interface Budget {
  entityRef: string;
  /** Positive exact decimal string, in `currency`. */
  amount: string;
  /** ISO 4217 code, upper case. */
  currency: string;
  period: BudgetPeriod;
  source: BudgetSource;
  /** The annotation's text, for an annotation's budget. */
  text?: string;
  /** Who set an admin's budget (a user or service ref), and when (ISO instant). */
  setBy?: string;
  setAt?: string;
}

/**
 * Where a budget stands in its period:
 * - `over`: more than the budget was spent;
 * - `at-risk`: not over, but the forecast at the period's end reaches the
 *   forecast threshold (by default the budget itself);
 * - `on-track`: neither;
 * - `currency-mismatch`: the entity's cost is in another currency than the
 *   budget's, and Costwise does not convert currencies: nothing is compared.
 *
 * @public
 */
export type BudgetState = 'on-track' | 'at-risk' | 'over' | 'currency-mismatch';

/** A threshold of a budget: a share of it spent, or forecast at the period's end. @public */
export interface BudgetThreshold {
  kind: 'spend' | 'forecast';
  /** A share of the budget: 0.8 is 80%. */
  share: number;
}

/** A period of a budget. @public */
export interface BudgetPeriodRange {
  /** First and last day (`YYYY-MM-DD`, both included). */
  from: string;
  to: string;
  /** `2026-11`, `2026-Q4` or `2026`. */
  label: string;
}

/** A forecast total with its 90% band: exact decimal strings, to the cent. @public */
export interface ForecastBand {
  amount: string;
  low: string;
  high: string;
}

/**
 * A day of a budget's period, for a budget line on charts: the cumulative
 * cost spent up to it (days with data), or forecast (the days after), and
 * the budget's even pace.
 *
 * @public
 */
export interface BudgetPoint {
  date: string;
  /** Spent from the period's start to this day (exact), on days with data. */
  spent?: string;
  /** Forecast spend from the period's start to this day, with its 90% band, on the days after. */
  forecast?: ForecastBand;
  /** The budget spread evenly over the period's days, up to this day. */
  pace: string;
}

/**
 * A budget in one period: what was spent, the forecast at the period's end
 * with its band, how fast it burns, its status and the thresholds crossed.
 * Amounts are exact decimal strings in `budget.currency`; rates and
 * forecasts are rounded to the cent.
 *
 * @public
 */
export interface BudgetStatus {
  budget: Budget;
  period: BudgetPeriodRange;
  /** The last day counted: the last day with data, or the period's end. */
  asOf: string;
  /** Whether the period is over. */
  closed: boolean;
  spent: string;
  /** Budget minus spent (negative when over). */
  remaining: string;
  forecast: ForecastBand;
  /** Spent per day so far. */
  burnRate: string;
  /** What may be spent per day from now to the period's end to stay within the budget (0 when over). */
  allowedPerDay: string;
  daysElapsed: number;
  daysLeft: number;
  /** Spent over the budget, 0.8 is 80%. */
  shareSpent: number;
  /** The forecast over the budget. */
  shareForecast: number;
  status: BudgetState;
  /** The status in one sentence, with the figures. */
  message: string;
  /** The thresholds reached in the period, in the order of the configuration. */
  thresholdsCrossed: BudgetThreshold[];
  /** Every day of the period: cumulative spend, then forecast, and the budget's pace. */
  series: BudgetPoint[];
  /** The entity's owner (a Group, or the Group itself), to whom alerts go. */
  owner?: string;
  /** When the cost data starts after the period's start: the spend covers only the days from it. */
  dataFrom?: string;
  hiddenMembers?: HiddenMembers;
}

/** A closed period of a budget, for its history. @public */
export interface BudgetPeriodSummary {
  period: BudgetPeriodRange;
  spent: string;
  shareSpent: number;
  status: BudgetState;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/budget`: the entity's budget in
 * its current period and the periods before, or, without a budget, how to
 * set one.
 *
 * @public
 */
export interface EntityBudgetResponse {
  entityRef: string;
  budget?: Budget;
  current?: BudgetStatus;
  /** The closed periods of the last year with data, newest first. */
  history: BudgetPeriodSummary[];
  /** The annotation's budget when an admin's budget overrides it. */
  overridden?: Budget;
  /** Why the annotation could not be read. */
  warnings: AnnotationWarning[];
  /** Without a budget: what to do about it. */
  empty?: {
    reason: 'no-budget' | 'annotation-malformed' | 'kind-not-budgeted';
    message: string;
  };
}

/** How many budgets are on track. @public */
export interface BudgetAdherenceFigures {
  /** Budgets on track over budgets compared; null without any. */
  share: number | null;
  onTrack: number;
  /** Budgets compared (those with a currency mismatch are not). */
  total: number;
}

/**
 * `GET /entities/group/{namespace}/{name}/budgets`: a team's own budget and
 * its systems' and components' budgets in their current periods.
 *
 * @public
 */
export interface TeamBudgetsResponse {
  team: string;
  items: BudgetStatus[];
  adherence: BudgetAdherenceFigures;
  /** Budgets left out: the caller may not read their entity's cost. */
  hiddenBudgets?: number;
}

/** `GET /budgets`: every budget the caller may read, in its current period. @public */
export interface BudgetListResponse {
  items: BudgetStatus[];
  adherence: BudgetAdherenceFigures;
  /** Budgets left out: the caller may not read their entity's cost. */
  hiddenBudgets?: number;
  /** Whether the caller may set and remove budgets. */
  canAdminister: boolean;
}

/**
 * `PUT /budgets`: an admin's budget of an entity (replacing its previous
 * admin budget; the annotation's, if any, stays in the catalog but is
 * overridden). Without a currency, the configured one.
 *
 * @public
 */
export interface BudgetChange {
  entityRef: string;
  amount: string;
  currency?: string;
  period: BudgetPeriod;
}

/**
 * Budget adherence in a month, for the governance KPI: the share of budgets
 * on track at the month's end (or at the last day with data in the current
 * month), in all and per team (the budgets of the entities a team's
 * figures roll up: its own, what it owns, its sub-teams').
 *
 * @public
 */
export interface BudgetAdherence extends BudgetAdherenceFigures {
  month: string;
  /** Why there is no share, or what it covers. */
  message?: string;
  byTeam: Record<string, BudgetAdherenceFigures>;
}
