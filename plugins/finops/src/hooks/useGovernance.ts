import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef, type FinopsCoverage } from '../api';

/**
 * Whether the caller is a FinOps admin: undefined while it is asked, false
 * when the answer is no or the question fails, so that admin-only views are
 * hidden rather than shown broken.
 */
export function useFinopsAdmin(): boolean | undefined {
  const api = useApi(finopsApiRef);
  const access = useAsync(() => api.getGovernanceAccess(), [api]);
  if (access.loading) return undefined;
  return access.value?.admin === true;
}

/** The organization's KPIs and every team's scorecard of a month (the latest by default). */
export function useGovernanceKpis(month?: string) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(() => api.getGovernanceKpis({ month }), [api, month]);
}

/** Spend by provider and top movers of a month (the latest by default); nothing is fetched until `enabled`. */
export function useGovernanceSpend(month: string | undefined, enabled = true) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(async () => {
    if (!enabled) return undefined;
    return api.getGovernanceSpend({ month });
  }, [api, month, enabled]);
}

/** The stored KPI targets; nothing is fetched until `enabled`. */
export function useKpiTargets(enabled = true) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(async () => {
    if (!enabled) return undefined;
    return (await api.getKpiTargets()).items;
  }, [api, enabled]);
}

/**
 * The attribution coverage worklist of a month (all the data without one),
 * with the month it was asked for; nothing is fetched until `enabled`.
 */
export function useCoverage(month: string | undefined, enabled = true) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(async (): Promise<
    (FinopsCoverage & { month?: string }) | undefined
  > => {
    if (!enabled) return undefined;
    return { ...(await api.getCoverage({ month })), month };
  }, [api, month, enabled]);
}

/** Recommendations no entity owns; nothing is fetched until `enabled`. */
export function useUnownedRecommendations(enabled = true) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(async () => {
    if (!enabled) return undefined;
    return (await api.getUnownedRecommendations()).items;
  }, [api, enabled]);
}

/** One team's scorecard of a month (the latest by default). */
export function useTeamScorecard(teamRef: string, month?: string) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(
    () => api.getTeamScorecard(teamRef, { month }),
    [api, teamRef, month],
  );
}
