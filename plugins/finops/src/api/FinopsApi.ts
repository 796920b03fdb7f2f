import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CostGroupBy,
  CostMeasure,
  EntityCostSummary,
  EntityCosts,
  EntityResources,
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
  /** The resources attributed to an entity over a period, with evidence. */
  getResources(
    entityRef: string,
    query: FinopsResourcesQuery,
  ): Promise<EntityResources>;
}

/** @public */
export const finopsApiRef = createApiRef<FinopsApi>({
  id: 'plugin.finops.service',
});
