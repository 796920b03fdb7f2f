import { useApi } from '@backstage/core-plugin-api';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef, type FinopsAiUsageQuery } from '../../api';

/**
 * An entity's AI usage, refetched when the query changes; `null` (an
 * unfinished custom period) fetches nothing, `{}` the backend's default
 * period (the 30 days up to the last day with data).
 */
export function useAiUsage(
  entityRef: string,
  query: FinopsAiUsageQuery | null,
) {
  const api = useApi(finopsApiRef);
  const { from, to, measure } = query ?? {};
  const skip = query === null;
  return useAsyncRetry(async () => {
    if (skip) return undefined;
    return api.getAiUsage(entityRef, { from, to, measure });
  }, [api, entityRef, skip, from, to, measure]);
}

/** The entity's model what-if over the last 30 days of data. */
export function useAiWhatIf(entityRef: string, measure?: CostMeasure) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(
    () => api.getAiWhatIf(entityRef, { measure }),
    [api, entityRef, measure],
  );
}

/** The organization's AI spend of a month by team and model. */
export function useAiSpend(month?: string) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(() => api.getAiSpend({ month }), [api, month]);
}
