/**
 * The queries and answers of an entity's cost pages: its costs, unit
 * economics, AI spend, anomalies and statements.
 */
import type {
  AnomalyStatus,
  CostGroupBy,
  CostMeasure,
  HiddenMembers,
} from '@costwise/plugin-finops-common';

/** Health of the finops backend. @public */
export interface FinopsHealth {
  status: string;
}

/** Options of {@link FinopsApi.getSummary}. @public */
export interface FinopsSummaryOptions {
  /** The cost measure; the backend's default (usually EffectiveCost) when absent. */
  measure?: CostMeasure;
}

/**
 * The period, resolution and breakdown of {@link FinopsApi.getCosts}.
 * Dates are `YYYY-MM-DD`, both ends included.
 *
 * @public
 */
export interface FinopsCostsQuery {
  from: string;
  to: string;
  granularity?: 'day' | 'month';
  groupBy?: CostGroupBy;
  measure?: CostMeasure;
}

/** The period of {@link FinopsApi.getResources}. @public */
export interface FinopsResourcesQuery {
  from: string;
  to: string;
  measure?: CostMeasure;
}

/**
 * The period, resolution and measure of {@link FinopsApi.getUnitCost}.
 * Dates are `YYYY-MM-DD`, both ends included.
 *
 * @public
 */
export interface FinopsUnitCostQuery {
  from: string;
  to: string;
  granularity?: 'day' | 'month';
  measure?: CostMeasure;
}

/** Options of {@link FinopsApi.getBenchmark}. @public */
export interface FinopsBenchmarkOptions {
  /** The cost measure; the backend's default when absent. */
  measure?: CostMeasure;
}

/**
 * The period and measure of {@link FinopsApi.getAiUsage}: days
 * `YYYY-MM-DD`, both ends included; the 30 days up to the last day with
 * data when absent.
 *
 * @public
 */
export interface FinopsAiUsageQuery {
  from?: string;
  to?: string;
  measure?: CostMeasure;
}

/**
 * The filters of {@link FinopsApi.getAnomalies} and
 * {@link FinopsApi.listAnomalies}: days `YYYY-MM-DD` (both ends included)
 * and statuses.
 *
 * @public
 */
export interface FinopsAnomaliesQuery {
  from?: string;
  to?: string;
  status?: AnomalyStatus[];
  /** The most anomalies returned; the rest are counted in `more`. */
  limit?: number;
}

/** Options of {@link FinopsApi.getStatement}. @public */
export interface FinopsStatementOptions {
  /** The statement's month, `YYYY-MM`. */
  month: string;
  /** The cost measure; the backend's default when absent. */
  measure?: CostMeasure;
}

/**
 * One line of a statement: an entity's exact cost of one service through
 * one attribution method in the month, with the entity's owner and System
 * (`(no system)` when it is in none).
 *
 * @public
 */
export interface FinopsStatementLine {
  entity: string;
  service: string;
  method: string;
  amount: string;
  team?: string;
  system?: string;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/statement`: a Group's or a
 * System's statement of a month, one part per currency. A Group's sub-teams
 * have their own statements: their totals are listed beside it, never in it.
 *
 * @public
 */
export interface FinopsStatement {
  entity: string;
  kind: 'group' | 'system';
  /** `YYYY-MM`. */
  month: string;
  measure: CostMeasure;
  /** The last day of the month with cost data; absent when there is none. */
  asOf?: string;
  /** Whether the data stops before the month's last day (month to date). */
  partial: boolean;
  statements: Array<{
    currency: string;
    /** The exact sum of the lines. */
    total: string;
    lines: FinopsStatementLine[];
  }>;
  /** Per currency, the statement's own total. */
  totals: Record<string, string>;
  /** A Group's descendant teams, each with its own statement's totals. */
  subTeams: Array<{
    team: string;
    parent: string;
    totals: Record<string, string>;
  }>;
  /** Per currency, a Group's own total plus its sub-teams'. */
  totalWithSubTeams: Record<string, string>;
  /** Entities whose cost the caller may not read: their lines are left out. */
  hiddenMembers?: HiddenMembers;
}
