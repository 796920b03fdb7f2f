import { useEffect, useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { AnomalyStatus } from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../../api';

/** The channel the backend announces anomaly changes on. */
export const ANOMALIES_CHANNEL = 'finops:anomalies';

/**
 * The anomalies of an entity (`query` null: not yet, the period is still
 * being worked out) (or, without one, every anomaly the caller may
 * read), refetched when the filters change and when a signal says one of
 * them changed elsewhere.
 */
export function useAnomalies(
  entityRef: string | undefined,
  query: { from?: string; to?: string; status?: AnomalyStatus[] } | null = {},
) {
  const api = useApi(finopsApiRef);
  // null: the period is not known yet; nothing is fetched
  const waiting = query === null;
  const { from, to } = query ?? {};
  const statuses = query?.status?.join(',');
  const state = useAsyncRetry(async () => {
    if (waiting) return undefined;
    const q = {
      from,
      to,
      status: statuses ? (statuses.split(',') as AnomalyStatus[]) : undefined,
    };
    return entityRef ? api.getAnomalies(entityRef, q) : api.listAnomalies(q);
  }, [api, entityRef, from, to, statuses, waiting]);
  const { lastSignal } = useSignal<{ id: string; entityRefs?: string[] }>(
    ANOMALIES_CHANNEL,
  );
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    if (!lastSignal) return;
    const shown = latest.current.value?.items ?? [];
    if (
      !entityRef ||
      lastSignal.entityRefs?.includes(entityRef) ||
      shown.some(a => a.id === lastSignal.id)
    )
      latest.current.retry();
  }, [lastSignal, entityRef]);
  return state;
}
