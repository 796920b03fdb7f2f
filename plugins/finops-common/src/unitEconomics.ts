import type { CostMeasure } from './types';

/**
 * Business metrics, unit cost and peer benchmarks: the request and response
 * shapes of `/metrics`, `/entities/{kind}/{namespace}/{name}/unit-cost` and
 * `/entities/{kind}/{namespace}/{name}/benchmark`.
 *
 * Amounts of money are exact decimal strings; metric values and ratios that
 * are not money are numbers.
 */

/** The metric name every component's daily deployment count uses. @public */
export const DEPLOYMENTS_METRIC = 'deployments';

/**
 * Metric names are lower-case identifiers: letters, digits, `_`, `.` and `-`,
 * starting with a letter, at most 100 characters.
 *
 * @public
 */
export const METRIC_NAME_PATTERN = /^[a-z][a-z0-9_.-]{0,99}$/;

/** One daily value of a business metric of an entity. @public */
export interface MetricPoint {
  /** Entity reference, e.g. `component:default/checkout`. */
  entity: string;
  /** Metric name, e.g. `requests`, `active_users`, `orders`, `deployments`. */
  metric: string;
  /** `YYYY-MM-DD`, not in the future. */
  date: string;
  /** Finite and not negative. */
  value: number;
}

/** A metric point that was not stored, and why. @public */
export interface MetricRejection {
  /** Position in the request batch (0-based) or line in a CSV file (1-based, header is line 1). */
  index: number;
  reason: string;
  point?: Partial<MetricPoint>;
}

/**
 * `POST /metrics` body: a batch of points, upserted idempotently on
 * (entity, metric, date).
 *
 * @public
 */
export interface MetricBatchRequest {
  points: MetricPoint[];
}

/** `POST /metrics` response. @public */
export interface MetricBatchResult {
  received: number;
  /** Points stored (inserted or replaced). */
  stored: number;
  rejected: MetricRejection[];
}

/**
 * The parsed `costwise.dev/unit-metric` annotation: the denominator of the
 * entity's unit cost and how it is displayed. `requests per 1000` means the
 * metric `requests`, shown as cost per 1,000 requests.
 *
 * @public
 */
export interface UnitMetric {
  /** The metric name. */
  metric: string;
  /** Units per displayed unit: 1000 for `requests per 1000`, otherwise 1. */
  per: number;
  /** Human label of one displayed unit, e.g. `1k requests`, `active user`. */
  label: string;
}

/** Why an entity has no unit cost to show. @public */
export interface EmptyUnitCostReason {
  reason:
    | 'no-unit-metric'
    | 'unit-metric-malformed'
    | 'no-metric-data'
    | 'no-cost-data'
    | 'range-outside-data';
  message: string;
}

/**
 * One period of a unit-cost series. `unitCost` is `cost / (metric / per)`,
 * an exact decimal string rounded half-even to 6 decimal places; it is null on
 * a period without usage (metric missing or zero), which the UI shows as
 * "no usage", never as a division by zero.
 *
 * @public
 */
export interface UnitCostPoint {
  /** `YYYY-MM-DD` for days, `YYYY-MM` for months. */
  date: string;
  cost: string;
  /** The metric's sum over the period; null when no value was recorded. */
  metric: number | null;
  unitCost: string | null;
  /** A month the period or the data covers only in part: shown marked, and left out of the trend. */
  partial?: boolean;
}

/**
 * Direction and size of a unit-cost trend: the least-squares line through
 * the unit cost of the whole periods with usage, and how much it changes
 * from the first of them to the last. Every trend shown (the Costs tab,
 * the card, a team's systems, the benchmark's 3-month trend) is this one.
 *
 * @public
 */
export interface UnitCostTrend {
  /** Least-squares slope of the unit cost per day (per month for monthly series), over whole periods with usage. */
  slope: number;
  /** The line's value at the last period with usage minus at the first (6 places); null with fewer than two such periods. */
  change: string | null;
  /** `change` over the line's value at the first period; null when that is not above zero. */
  ratio: number | null;
  direction: 'up' | 'down' | 'flat';
  /** The periods the line was fitted through: whole periods with usage. */
  periods: number;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/unit-cost?from=&to=&granularity=day|month&measure=`.
 * Groups and Systems with their own `costwise.dev/unit-metric` aggregate
 * their members' metric values.
 *
 * @public
 */
export interface UnitCostResponse {
  entityRef: string;
  measure: CostMeasure;
  currency: string;
  from: string;
  to: string;
  granularity: 'day' | 'month';
  /** Null when the entity declares no (valid) unit metric. */
  unitMetric: UnitMetric | null;
  series: UnitCostPoint[];
  totals: UnitCostPoint;
  trend: UnitCostTrend;
  /** Entities whose metric values were summed (itself, or a Group's or System's members). */
  metricSources: string[];
  empty?: EmptyUnitCostReason;
}

/** What a benchmark compares. @public */
export type BenchmarkDimension = 'monthlyCost' | 'unitCost' | 'unitCostTrend';

/** How an entity's peers were chosen. @public */
export interface BenchmarkCohort {
  /** `type`: same kind and spec.type (and lifecycle when configured); `annotation`: same `costwise.dev/benchmark-cohort`; `all-teams` or `sibling-teams` for Groups. */
  basis: 'type' | 'annotation' | 'all-teams' | 'sibling-teams';
  /** Plain label, e.g. `service components`, `teams of group:default/engineering`. */
  label: string;
  /** Members (the entity included) with data for at least one dimension. */
  size: number;
  /** Set when the cohort was too large to compare whole, saying with how many of its members it was. */
  capped?: string;
}

/**
 * The entity's position in its cohort on one dimension. Lower is better for
 * every dimension (cheaper, or falling faster). `percentile` is the share of
 * the other members with data whose value is higher (more expensive) than
 * the entity's, in percent (0-100, ties count half).
 *
 * @public
 */
export interface BenchmarkFigure {
  dimension: BenchmarkDimension;
  /** Members with a value on this dimension, the entity included. */
  members: number;
  /** The entity's value: money as an exact decimal string; trend as a ratio. Null when it has none. */
  value: string | null;
  percentile: number | null;
  /** Distribution of the members' values, anonymous: sorted, no entity names. */
  distribution: number[];
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  /** A plain sentence, e.g. `cheaper than 80% of 12 service components per 1k requests`. */
  verdict: string;
  /** Named peers with their values, only those the caller may read. */
  peers: Array<{ entityRef: string; value: number }>;
  /** Peers with a value that are not named, because the caller may not read their cost. */
  hiddenPeers?: number;
  /**
   * Why the position and the distribution are withheld: with exactly one
   * peer the caller may not read, either would reveal that peer's figure.
   */
  withheld?: string;
  /** Set when the dimension has fewer than 3 members with data. */
  notEnoughPeers?: string;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/benchmark?measure=`: monthly cost
 * (the last full month), unit cost (same month) and the 3-month unit-cost
 * trend against the cohort.
 *
 * @public
 */
export interface BenchmarkResponse {
  entityRef: string;
  measure: CostMeasure;
  currency: string;
  /** The month compared, `YYYY-MM`. */
  month: string;
  cohort: BenchmarkCohort | null;
  unitMetric: UnitMetric | null;
  figures: BenchmarkFigure[];
  /** Set when the cohort has fewer than 3 members with data: `not enough peers (2 service components with data; 3 needed)`. */
  notEnoughPeers?: string;
}
