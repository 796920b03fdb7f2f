/**
 * The FinOps KPIs the central team governs by: each computed by the engine
 * per month, for the organization and for every team, with a target, a
 * status against it and its history.
 */

/** The KPIs. @public */
export type KpiId =
  | 'attribution-coverage'
  | 'explicit-coverage'
  | 'recommendations-actioned'
  | 'time-to-action'
  | 'unit-cost-trend'
  | 'finops-overhead'
  | 'commitment-coverage'
  | 'commitment-utilization'
  | 'budget-adherence'
  | 'anomaly-response';

/** Every KPI, in the order the pages show them. @public */
export const KPI_IDS: readonly KpiId[] = [
  'attribution-coverage',
  'explicit-coverage',
  'recommendations-actioned',
  'time-to-action',
  'unit-cost-trend',
  'finops-overhead',
  'commitment-coverage',
  'commitment-utilization',
  'budget-adherence',
  'anomaly-response',
];

/**
 * How a KPI's value reads: `ratio` 0..1 (shown as a percentage), `days`,
 * `per-million` (money per 1,000,000 of cloud spend, in the currency),
 * `change` (a relative change, −0.05 is 5% down).
 *
 * @public
 */
export type KpiUnit = 'ratio' | 'days' | 'per-million' | 'change';

/** @public */
export type KpiStatus = 'met' | 'at-risk' | 'missed' | 'not-measured';

/** A KPI's value for a scope (the organization or a team) in a month. @public */
export interface KpiValue {
  id: KpiId;
  title: string;
  /** What it measures, in one sentence. */
  description: string;
  unit: KpiUnit;
  /** Whether a higher value is better. */
  better: 'higher' | 'lower';
  /** The month the value is of (`YYYY-MM`): the last whole month, or the current one. */
  month: string;
  /** Null when not measured (see `message`). */
  value: number | null;
  /** Why there is no value ("not measured yet: no budgets exist"), or what it covers. */
  message?: string;
  target: number | null;
  /** Where the target comes from. */
  targetSource: 'default' | 'organization' | 'team' | 'none';
  status: KpiStatus;
  /** Against the month before: `up`, `down` or `flat` (within 1%); null without both. */
  direction: 'up' | 'down' | 'flat' | null;
  /** The last 12 months, oldest first, as stored when each month closed. */
  history: Array<{ month: string; value: number | null }>;
  /** The figures the value comes from, exact decimals as strings (e.g. `attributed`, `total`). */
  detail?: Record<string, string | number | null>;
}

/** A team's KPIs, with its rank among teams on each KPI it is measured on. @public */
export interface TeamScorecard {
  team: string;
  /** The team's title or name, for tables. */
  title: string;
  kpis: KpiValue[];
  /** Per KPI: 1 is best; `of` the teams measured on it. */
  ranks: Partial<Record<KpiId, { position: number; of: number }>>;
  /**
   * The team among its peers (the benchmark's): its unit cost's position
   * when it has one, else its monthly cost's; absent without enough peers.
   */
  benchmark?: {
    dimension: 'unitCost' | 'monthlyCost';
    /** The share of the other teams whose value is higher, 0..100. */
    percentile: number;
    verdict: string;
  };
}

/**
 * `GET /governance/kpis`: the organization's KPIs and every team's
 * scorecard (the leaderboard).
 *
 * @public
 */
export interface GovernanceKpis {
  month: string;
  currency: string;
  organization: KpiValue[];
  teams: TeamScorecard[];
  /** Teams whose figures are left out: the caller may not read their cost. */
  hiddenTeams?: number;
}

/** `GET /governance/spend`: spend by provider and the month's top movers. @public */
export interface GovernanceSpend {
  month: string;
  currency: string;
  byProvider: Array<{
    provider: string;
    amount: string;
    previous: string;
    change: number | null;
  }>;
  /** Entities whose cost moved most against the month before (same days), either way. */
  topMovers: Array<{
    entityRef: string;
    amount: string;
    previous: string;
    delta: string;
    change: number | null;
  }>;
}

/** A KPI target as stored: the organization's (no team) or a team's override. @public */
export interface KpiTarget {
  kpi: KpiId;
  team?: string;
  target: number | null;
  updatedBy: string;
  updatedAt: string;
}

/** `PUT /governance/targets`: sets (or with `target: null`, removes) a target. @public */
export interface KpiTargetChange {
  kpi: KpiId;
  team?: string;
  target: number | null;
}
