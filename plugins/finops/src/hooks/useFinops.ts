import { useApi } from '@backstage/core-plugin-api';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  finopsApiRef,
  type FinopsCostsQuery,
  type FinopsResourcesQuery,
  type FinopsStatement,
  type FinopsUnitCostQuery,
} from '../api';

/** The cost card's summary of an entity. */
export function useCostSummary(entityRef: string, measure?: CostMeasure) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(
    () => api.getSummary(entityRef, { measure }),
    [api, entityRef, measure],
  );
}

/**
 * An entity's cost series, refetched whenever a part of the query changes.
 * No query (an unfinished custom period) fetches nothing.
 */
export function useCosts(entityRef: string, query?: FinopsCostsQuery) {
  const api = useApi(finopsApiRef);
  const { from, to, granularity, groupBy, measure } = query ?? {};
  return useAsyncRetry(async () => {
    if (!from || !to) return undefined;
    return api.getCosts(entityRef, { from, to, granularity, groupBy, measure });
  }, [api, entityRef, from, to, granularity, groupBy, measure]);
}

/** The resources attributed to an entity over a period. */
export function useResources(entityRef: string, query?: FinopsResourcesQuery) {
  const api = useApi(finopsApiRef);
  const { from, to, measure } = query ?? {};
  return useAsyncRetry(async () => {
    if (!from || !to) return undefined;
    return api.getResources(entityRef, { from, to, measure });
  }, [api, entityRef, from, to, measure]);
}

/**
 * An entity's unit cost over a period, refetched when the query changes.
 * No query fetches nothing.
 */
export function useUnitCost(entityRef: string, query?: FinopsUnitCostQuery) {
  const api = useApi(finopsApiRef);
  const { from, to, granularity, measure } = query ?? {};
  return useAsyncRetry(async () => {
    if (!from || !to) return undefined;
    return api.getUnitCost(entityRef, { from, to, granularity, measure });
  }, [api, entityRef, from, to, granularity, measure]);
}

/** An entity's position among its peers for a cost measure. */
export function useBenchmark(entityRef: string, measure?: CostMeasure) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(
    () => api.getBenchmark(entityRef, { measure }),
    [api, entityRef, measure],
  );
}

/**
 * The last day with data of an entity's cost, which default periods end on:
 * undefined while it loads, null when it cannot be known (the caller may
 * not read the summary, or it failed), so that views fall back to today.
 */
export function useDataAsOf(entityRef: string): string | null | undefined {
  const summary = useCostSummary(entityRef);
  if (summary.loading) return undefined;
  return summary.value?.asOf ?? null;
}

/** What a shared Resource pooled and passed on over a period. */
export function useSharedCost(
  entityRef: string,
  query?: { from: string; to: string; measure?: CostMeasure },
) {
  const api = useApi(finopsApiRef);
  const { from, to, measure } = query ?? {};
  return useAsyncRetry(async () => {
    if (!from || !to) return undefined;
    return api.getShared(entityRef, { from, to, measure });
  }, [api, entityRef, from, to, measure]);
}

/** A Group's or System's statement of a month; nothing until the month is known. */
export function useStatement(
  entityRef: string,
  month: string | undefined,
  measure?: CostMeasure,
) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(async (): Promise<FinopsStatement | undefined> => {
    if (!month) return undefined;
    return api.getStatement(entityRef, { month, measure });
  }, [api, entityRef, month, measure]);
}
