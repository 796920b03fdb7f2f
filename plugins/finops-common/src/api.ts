import type {
  AnnotationWarning,
  AttributionEvidence,
  AttributionMethod,
} from './attribution';
import type { CostMeasure } from './types';

/**
 * Why an entity has no cost to show, so that the UI can say what to do.
 *
 * @public
 */
export interface EmptyCostReason {
  /**
   * `range-outside-data`: the range asked for lies wholly before or after
   * the days with data (the message names them).
   */
  reason:
    | 'no-annotation'
    | 'annotation-malformed'
    | 'no-data-in-range'
    | 'range-outside-data';
  message: string;
}

/**
 * Members of a System, Domain or Group whose cost the caller may not read.
 * Their cost is left out of every figure of the response, so a rollup never
 * reveals what a policy hides.
 *
 * @public
 */
export interface HiddenMembers {
  count: number;
  message: string;
}

/** A dated exact amount. @public */
export interface CostPoint {
  /** `YYYY-MM-DD` for days, `YYYY-MM` for months. */
  date: string;
  amount: string;
  /** A month the range or the data covers only in part (its days are named in the chart). */
  partial?: boolean;
}

/** A top cost driver of an entity. @public */
export interface CostDriver {
  dimension: 'service' | 'resource';
  key: string;
  label: string;
  amount: string;
  share: number;
}

/** When each source last delivered data. @public */
export interface SourceFreshness {
  sourceId: string;
  lastDay: string;
  ingestedAt: string;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/summary`: what the cost card shows.
 * Amounts are exact decimal strings in `currency`.
 *
 * @public
 */
export interface EntityCostSummary {
  entityRef: string;
  measure: CostMeasure;
  currency: string;
  /** The last day with data, which "today" is measured from. */
  asOf: string;
  monthToDate: string;
  lastMonth: string;
  change: {
    /** Month to date minus the same days of last month. */
    amount: string;
    /** `amount` over the same days of last month; null when that was zero. */
    ratio: number | null;
  };
  forecast: { amount: string; low: string; high: string };
  sparkline: CostPoint[];
  topDrivers: CostDriver[];
  confidence: {
    /** Direct cost of the last 30 days by attribution method. */
    byMethod: Partial<Record<AttributionMethod, string>>;
    /** Share of that cost attributed by explicit rules (not inference). */
    explicitShare: number;
    warnings: number;
  };
  warnings: AnnotationWarning[];
  freshness: SourceFreshness[];
  hiddenMembers?: HiddenMembers;
  empty?: EmptyCostReason;
}

/** Dimensions the costs route can break a series down by. @public */
export const COST_GROUP_BY = [
  'service',
  'provider',
  'region',
  'resource',
  'chargeCategory',
  'child',
  'team',
  'system',
  'method',
] as const;

/** One of {@link COST_GROUP_BY}. @public */
export type CostGroupBy = (typeof COST_GROUP_BY)[number];

/** A series of one group of a breakdown. @public */
export interface CostSeries {
  key: string;
  label: string;
  total: string;
  points: CostPoint[];
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/costs`.
 *
 * @public
 */
export interface EntityCosts {
  entityRef: string;
  measure: CostMeasure;
  currency: string;
  from: string;
  to: string;
  granularity: 'day' | 'month';
  groupBy: CostGroupBy;
  series: CostSeries[];
  /** Totals per date over all groups. */
  totals: CostPoint[];
  total: string;
  warnings: AnnotationWarning[];
  hiddenMembers?: HiddenMembers;
  /**
   * Unattributed cost that inference suggests belongs to the entity or its
   * members, waiting for an admin to confirm it as a rule: the number of fact
   * groups, and their amount in the latest run's default measure and in the
   * response's currency.
   */
  suggestions?: { count: number; amount: string; currency: string };
  /**
   * When the breakdown has more series than a view keeps, how many of the
   * smallest were summed into the last series, keyed `(other)`.
   */
  otherSeries?: number;
  empty?: EmptyCostReason;
}

/** A fact group attributed to an entity. @public */
export interface EntityResourceCost {
  groupId: string;
  resourceId?: string;
  resourceName?: string;
  provider: string;
  service: string;
  region?: string;
  subAccountId?: string;
  chargeCategory: string;
  /** What tells apart rows of one resource: its SKU (the model, for AI usage), pricing category and unit. */
  skuId?: string;
  pricingCategory?: string;
  consumedUnit?: string;
  /**
   * What the line consumed over the period, in `consumedUnit` (tokens,
   * hours, GB-months): its part of the fact group's ConsumedQuantity, in
   * proportion to its cost, as an exact decimal string. Absent when the
   * source gives no quantity.
   */
  consumedQuantity?: string;
  amount: string;
  share: number;
  method: AttributionMethod;
  evidence: AttributionEvidence;
  /**
   * For a row passed on by a shared Resource: what the Resource pooled of
   * this fact group over the period, all consumers together (when the
   * caller may read the Resource's cost), so that `amount` reads as a part
   * of it.
   */
  pooled?: string;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/resources`.
 *
 * @public
 */
export interface EntityResources {
  entityRef: string;
  measure: CostMeasure;
  currency: string;
  from: string;
  to: string;
  /** The total of every row, not only of the page's. */
  total: string;
  /** One page of the rows, largest first. */
  items: EntityResourceCost[];
  /** Where the page starts among all rows, its size, and how many rows there are in all. */
  page?: { offset: number; limit: number; rows: number };
  warnings: AnnotationWarning[];
  hiddenMembers?: HiddenMembers;
  empty?: EmptyCostReason;
}

/** One consumer of a shared Resource's cost. @public */
export interface SharedCostConsumer {
  entityRef: string;
  /** What was passed on to it over the period. */
  amount: string;
  /** Its part of the pooled cost shown (amount ÷ total), 0 to 1. */
  share: number;
  /** The weight a `weights` policy gives it; undefined for `even` and `proportional`. */
  weight?: string;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/shared`: the cost a shared
 * Resource (`costwise.dev/shared-cost`) pooled and passed on to the
 * entities that depend on it. That cost is counted in its consumers' costs,
 * not in the Resource's.
 *
 * @public
 */
export interface SharedCostResponse {
  entityRef: string;
  measure: CostMeasure;
  currency: string;
  from: string;
  to: string;
  /** The annotation's policy text: `even`, `proportional` or `weights: …`. */
  policy?: string;
  /** How the policy splits the cost, in words. */
  rule?: string;
  /** The pooled cost passed on to the consumers listed. */
  total: string;
  consumers: SharedCostConsumer[];
  /** The pooled cost per day. */
  totals: CostPoint[];
  /** Consumers whose share is left out: the caller may not read their cost. */
  hiddenConsumers?: HiddenMembers;
  /**
   * `not-shared`: the entity has no `costwise.dev/shared-cost` policy;
   * `no-data-in-range`: nothing was passed on in the period.
   */
  empty?: {
    reason: 'not-shared' | 'no-data-in-range' | 'range-outside-data';
    message: string;
  };
}
