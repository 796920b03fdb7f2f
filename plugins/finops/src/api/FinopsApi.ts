import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CostGroupBy,
  CostMeasure,
  EntityCostSummary,
  EntityCosts,
  EntityResources,
  BenchmarkResponse,
  EntityRecommendations,
  ImplementationEffort,
  RecommendationDetail,
  RecommendationStatus,
  RecommendationStatusChange,
  RecommendationSubcategory,
  SharedCostResponse,
  UnitCostResponse,
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
 * Client of the finops backend API. Entity refs are `kind:namespace/name`.
 *
 * @public
 */
export interface FinopsApi {
  getHealth(): Promise<FinopsHealth>;
  /** Month to date, change, forecast, drivers and confidence of an entity. */
  getSummary(
    entityRef: string,
    options?: FinopsSummaryOptions,
  ): Promise<EntityCostSummary>;
  /** Cost series of an entity over a period, broken down by a dimension. */
  getCosts(entityRef: string, query: FinopsCostsQuery): Promise<EntityCosts>;
  /** What a shared Resource pooled and passed on to its consumers over a period. */
  getShared(
    entityRef: string,
    query: FinopsResourcesQuery,
  ): Promise<SharedCostResponse>;
  /** The resources attributed to an entity over a period, with evidence. */
  getResources(
    entityRef: string,
    query: FinopsResourcesQuery,
  ): Promise<EntityResources>;
  /** Cost per unit of the entity's business metric over a period. */
  getUnitCost(
    entityRef: string,
    query: FinopsUnitCostQuery,
  ): Promise<UnitCostResponse>;
  /** The entity's position among its peers: monthly cost, unit cost and trend. */
  getBenchmark(
    entityRef: string,
    options?: FinopsBenchmarkOptions,
  ): Promise<BenchmarkResponse>;
  /** The entity's recommendations (its members' included), largest saving first, with its KPIs. */
  getRecommendations(
    entityRef: string,
    query?: FinopsRecommendationsQuery,
  ): Promise<EntityRecommendations>;
  /** One recommendation with its history and whether the caller may change it. */
  getRecommendation(id: string): Promise<RecommendationDetail>;
  /** Moves a recommendation along its lifecycle; resolves to the updated recommendation. */
  updateRecommendationStatus(
    id: string,
    change: RecommendationStatusChange,
  ): Promise<RecommendationDetail>;
}

/** @public */
export const finopsApiRef = createApiRef<FinopsApi>({
  id: 'plugin.finops.service',
});
