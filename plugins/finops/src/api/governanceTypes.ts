/**
 * The queries and answers of the FinOps team's pages: recommendations,
 * governance by month, and attribution coverage and its decisions.
 */
import type {
  AnnotationWarning,
  AttributionConflict,
  AttributionSuggestion,
  ContestedClaim,
  CostMeasure,
  ImplementationEffort,
  RecommendationStatus,
  RecommendationSubcategory,
} from '@costwise/plugin-finops-common';

/**
 * The filters and KPI period of {@link FinopsApi.getRecommendations}. Absent
 * filters select everything; the KPIs' period defaults to the last 12 months.
 *
 * @public
 */
export interface FinopsRecommendationsQuery {
  /** Any of these statuses (sent comma-separated). */
  status?: RecommendationStatus[];
  subcategory?: RecommendationSubcategory;
  /** A configured source or detector id. */
  source?: string;
  effort?: ImplementationEffort;
  /** The KPIs' period, `YYYY-MM-DD`, both ends included. */
  from?: string;
  to?: string;
}

/**
 * The month of a governance request, `YYYY-MM`; the latest month with
 * figures when absent.
 *
 * @public
 */
export interface FinopsMonthOptions {
  month?: string;
}

/** `GET /governance/access`: whether the caller is a FinOps admin. @public */
export interface FinopsGovernanceAccess {
  admin: boolean;
}

/** Attributed and unattributed cost of one slice of `GET /coverage`. @public */
export interface FinopsCoverageFigures {
  total: string;
  attributed: string;
  unattributed: string;
  /** Attributed share of the total, 0..1. */
  coverage: number;
}

/**
 * `GET /coverage` (FinOps admins): attribution coverage in the latest run's
 * measure. The keys of each breakdown start with the currency: `USD aws`,
 * `USD 123456789012`; those of `unattributedByAccountAndService` are
 * `currency account service` (the service may contain spaces).
 *
 * @public
 */
export interface FinopsCoverage {
  measure: CostMeasure;
  /** When the latest attribution run finished. */
  asOf?: string;
  currencies: Record<string, FinopsCoverageFigures>;
  byPeriod: Record<string, FinopsCoverageFigures>;
  byProvider: Record<string, FinopsCoverageFigures>;
  byAccount: Record<string, FinopsCoverageFigures>;
  /** `currency groupRef` → the cost attributed to what the team owns. */
  byOwner: Record<string, string>;
  /** `currency account service` → the unattributed amount, largest first. */
  unattributedByAccountAndService: Record<string, string>;
  /** Weak inferred matches of the latest run, each waiting for an admin. */
  suggestions: Array<AttributionSuggestion & { currency: string }>;
  /** Claims held until an admin confirms or rejects them. */
  contested: Array<Omit<ContestedClaim, 'period'> & { currency: string }>;
  conflicts: Array<AttributionConflict & { currency: string }>;
  warnings: AnnotationWarning[];
}

/**
 * A fact group and the entity an admin gives it to: the body of
 * `POST /suggestions/confirm` and `POST /claims/{confirm,reject}`.
 *
 * @public
 */
export interface FinopsAttributionDecision {
  groupId: string;
  entityRef: string;
}

/** An override rule as the backend stores it. @public */
export interface FinopsOverrideRule {
  id: string;
  match: {
    account?: string;
    service?: string;
    resourceIdPattern?: string;
    tags?: Record<string, string>;
  };
  entityRef: string;
  /** `deny`: the entity may not claim the matched cost (a rejected claim). */
  effect?: 'assign' | 'deny';
  note?: string;
  createdBy: string;
  createdAt: string;
}
