/**
 * Recommendations: the providers' own and the engine's detectors', stored in
 * the shape of the FOCUS Recommendation dataset draft, each owned by the
 * entity its resource is attributed to and tracked through a lifecycle.
 */

/**
 * Where a recommendation is in its lifecycle: Open → Acknowledged →
 * Implemented, or Deferred (until a date), Dismissed (with a reason) or
 * Expired (no longer reported, or its resource left the data).
 *
 * @public
 */
export type RecommendationStatus =
  | 'open'
  | 'acknowledged'
  | 'implemented'
  | 'deferred'
  | 'dismissed'
  | 'expired';

/**
 * The statuses of a recommendation still waiting for someone: the open
 * backlog, and the Recommendations tab's default filter.
 *
 * @public
 */
export const OPEN_RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = [
  'open',
  'acknowledged',
  'deferred',
];

/** Every status, in lifecycle order. @public */
export const RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = [
  'open',
  'acknowledged',
  'deferred',
  'implemented',
  'dismissed',
  'expired',
];

/**
 * The FOCUS draft's RecommendationSubcategory values of category Cost, and
 * Other.
 *
 * @public
 */
export type RecommendationSubcategory =
  | 'Rightsizing'
  | 'Scaling'
  | 'Commitment Purchase'
  | 'Idle Resource Removal'
  | 'Modernization'
  | 'Other';

/** Every subcategory. @public */
export const RECOMMENDATION_SUBCATEGORIES: readonly RecommendationSubcategory[] =
  [
    'Rightsizing',
    'Scaling',
    'Commitment Purchase',
    'Idle Resource Removal',
    'Modernization',
    'Other',
  ];

/** The FOCUS draft's ImplementationEffort values. @public */
export type ImplementationEffort =
  | 'Very Low'
  | 'Low'
  | 'Medium'
  | 'High'
  | 'Very High';

/** Why a recommendation was dismissed (a reason is required). @public */
export type DismissReason =
  | 'not-applicable'
  | 'accepted-risk'
  | 'false-positive'
  | 'other';

/** Every dismiss reason. @public */
export const DISMISS_REASONS: readonly DismissReason[] = [
  'not-applicable',
  'accepted-risk',
  'false-positive',
  'other',
];

/**
 * What the engine saw that led a detector to a recommendation: the fact
 * groups and the days, with the exact amounts it added up.
 *
 * @public
 */
export interface RecommendationEvidence {
  /** In words, e.g. "billed $412.00 over 14 days with no usage". */
  summary: string;
  from?: string;
  to?: string;
  /** The days it saw. */
  days?: number;
  /** Exact amount it saw over those days. */
  amount?: string;
  /** Further figures by name (quantities, prices, SKUs). */
  figures?: Record<string, string>;
}

/** Whether an implemented recommendation's saving shows in the cost data. @public */
export interface RecommendationVerification {
  /**
   * `pending`: not enough days of cost after it was implemented yet;
   * `verified`: the resource's cost fell by at least the configured share of
   * the estimate; `not-realized`: it did not.
   */
  status: 'pending' | 'verified' | 'not-realized';
  /** Days compared on each side. */
  days: number;
  /** Exact cost over the days before and after (absent while pending). */
  before?: string;
  after?: string;
  /** (before − after) scaled to 30 days, exact to the cent. */
  realizedMonthlySavings?: string;
  checkedAt: string;
  message: string;
}

/** An entity that bears part of a shared resource's cost, and its part of the saving. @public */
export interface RecommendationShare {
  entityRef: string;
  /** Share of the pooled cost, 0..1. */
  share: number;
  estimatedMonthlySavings: string;
}

/**
 * A recommendation as the API returns it.
 *
 * @public
 */
export interface Recommendation {
  /** Costwise's id (`rec_` and 20 hex digits of a hash of the source and the provider's id): the same on every import. */
  id: string;
  /** The configured source or detector id. */
  source: string;
  /** The format it was read from (`aws-cost-optimization-hub`, `detector`, ...). */
  format: string;
  /** The provider's own id. */
  recommendationId: string;
  /** Who generated it (FOCUS DataGeneratorName), e.g. "AWS Cost Optimization Hub". */
  generator: string;
  subcategory: RecommendationSubcategory;
  description: string;
  /** The source's own page for it, when it has one. */
  link?: string;
  resourceId: string | null;
  resourceName?: string;
  resourceType?: string;
  provider?: string;
  subAccountId?: string;
  region?: string;
  effort?: ImplementationEffort;
  /** FOCUS EstimatedMonthlyCostImpact: negative for a saving, exact. */
  estimatedMonthlyCostImpact: string;
  /** The saving as a positive exact decimal (zero when the impact is a cost). */
  estimatedMonthlySavings: string;
  currency: string;
  /** The entity the resource is attributed to, before shared-cost splitting; null when unowned. */
  owner: string | null;
  /** How the owner was found, e.g. "attributed cost of the resource" or "annotation match on the resource id". */
  ownerEvidence?: string;
  /** The entities that bear a shared owner's cost, with their part of the saving. */
  sharedWith: RecommendationShare[];
  /**
   * How many more entities bear a part of it that the caller may not read
   * (they are left out of `sharedWith`); absent when there are none.
   */
  hiddenSharedWith?: number;
  status: RecommendationStatus;
  /** Deferred until this day (`YYYY-MM-DD`). */
  deferredUntil?: string;
  dismissReason?: DismissReason;
  /** The note given with the last status change. */
  statusNote?: string;
  /** When Costwise first read it. */
  firstSeen: string;
  /** When a source last reported it. */
  lastSeen: string;
  /** When the source last refreshed it (FOCUS RecommendationLastUpdated). */
  lastUpdated?: string;
  statusChangedAt: string;
  evidence?: RecommendationEvidence;
  verification?: RecommendationVerification;
  /** Current and recommended configuration, as the source gave them. */
  currentConfiguration?: string;
  recommendedConfiguration?: string;
  /** In an entity's list: whether the caller may change this one's status (it may own some and not others). */
  canUpdate?: boolean;
}

/** One change of a recommendation's status. @public */
export interface RecommendationEvent {
  at: string;
  /** The user's entity ref, a service's subject, or `costwise` for the engine. */
  actor: string;
  from: RecommendationStatus | null;
  to: RecommendationStatus;
  reason?: string;
  note?: string;
  deferredUntil?: string;
}

/** `GET /recommendations/{id}`: a recommendation and its history. @public */
export interface RecommendationDetail extends Recommendation {
  events: RecommendationEvent[];
  /** Whether the caller may change its status. */
  canUpdate: boolean;
}

/**
 * `POST /recommendations/{id}/status`.
 *
 * @public
 */
export interface RecommendationStatusChange {
  status: Exclude<RecommendationStatus, 'expired'>;
  /** Required when dismissing. */
  reason?: DismissReason;
  /** Required with reason `other`; optional otherwise. */
  note?: string;
  /** Required when deferring: a day after today (`YYYY-MM-DD`). */
  until?: string;
}

/**
 * The recommendation KPIs over a period, for an entity (with its members),
 * a team or the organization.
 *
 * @public
 */
export interface RecommendationKpis {
  from: string;
  to: string;
  currency: string;
  /** Recommendations first seen in the period. */
  opened: number;
  /** Of those not expired: how many were implemented. */
  implemented: number;
  /** Implemented ÷ all not expired, 0..1; null when there are none. */
  actionedRate: number | null;
  /** The same, weighted by estimated monthly savings. */
  actionedRateBySavings: number | null;
  /** Days from first seen to implemented: median and 90th percentile (null without any). */
  timeToImplementDays: { median: number | null; p90: number | null };
  /** Days from first seen to the first response (acknowledged, deferred, dismissed or implemented). */
  timeToFirstResponseDays: { median: number | null; p90: number | null };
  /** Open now (open, acknowledged, deferred): count and monthly savings. */
  backlog: { count: number; monthlySavings: string };
  /** Estimated monthly savings of the implemented ones, and what was realized of the verified ones. */
  estimatedSavingsImplemented: string;
  realizedSavings: string;
  /** The same figures per month of the period (`YYYY-MM`). */
  months: Array<{
    month: string;
    opened: number;
    implemented: number;
    actionedRate: number | null;
    realizedSavings: string;
  }>;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/recommendations`: the entity's
 * recommendations and those of its members (a System's components, a
 * Group's systems and sub-teams), with its KPIs.
 *
 * @public
 */
export interface EntityRecommendations {
  entityRef: string;
  currency: string;
  items: Recommendation[];
  /** Open now (open, acknowledged, deferred) among the items before filters. */
  open: { count: number; monthlySavings: string };
  kpis: RecommendationKpis;
  /** Members whose recommendations are left out: the caller may not read their cost. */
  hiddenMembers?: { count: number; message: string };
  /** Whether the caller may change the status of the entity's own recommendations. */
  canUpdate: boolean;
}

/**
 * A recommendation as a source reports it, normalized to the columns of the
 * FOCUS Recommendation dataset draft (so that a FOCUS recommendation export
 * is one more format). Extension columns start with `x_`.
 *
 * @public
 */
export interface RecommendationRow {
  /** The provider's own id, unique within the source. */
  RecommendationId: string;
  RecommendationCategory: 'Cost';
  RecommendationSubcategory: RecommendationSubcategory;
  RecommendationDescription: string;
  /** ISO 8601 instant the source created it, when known. */
  RecommendationCreated?: string;
  /** ISO 8601 instant the source last refreshed it, when known. */
  RecommendationLastUpdated?: string;
  /**
   * The status the source itself reports (GCP's DISMISSED, Azure's
   * suppressions): applied only to a recommendation Costwise has not seen.
   */
  RecommendationStatus?: 'Open' | 'Deferred' | 'Dismissed' | 'Implemented';
  /** Exact decimal, negative for a saving (after discounts where the source has both). */
  EstimatedMonthlyCostImpact: string;
  /** ISO 4217 code. */
  Currency: string;
  ResourceId?: string;
  ResourceName?: string;
  ResourceType?: string;
  BillingAccountId?: string;
  SubAccountId?: string;
  RegionId?: string;
  ServiceName?: string;
  ServiceProviderName?: string;
  ImplementationEffort?: ImplementationEffort;
  /** JSON text, as the source gave it. */
  ResourceConfigurationDetailsCurrent?: string;
  ResourceConfigurationDetailsRecommended?: string;
  /** E.g. "AWS Cost Optimization Hub", "Costwise idle-resource detector". */
  DataGeneratorName: string;
  /** The resource's tags, for matching a resource not (yet) in the cost data. */
  x_Tags?: Record<string, string>;
  /** The source's own page for the recommendation. */
  x_Link?: string;
  /** What a detector saw. */
  x_Evidence?: RecommendationEvidence;
}

/** A row a format could not read, with the line (CSV) or item position (JSON, 1-based). @public */
export interface RecommendationRejection {
  line: number;
  reason: string;
}
