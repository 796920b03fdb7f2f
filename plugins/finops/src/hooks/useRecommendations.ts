import { useEffect, useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { RecommendationStatus } from '@costwise/plugin-finops-common';
import { finopsApiRef, type FinopsRecommendationsQuery } from '../api';

/** The channel the backend announces each status change on. */
export const RECOMMENDATIONS_CHANNEL = 'finops:recommendations';

/**
 * What the backend publishes after a status change: which recommendation,
 * never who shares it, its status or its money (the refetch applies the
 * reader's permissions).
 */
export type RecommendationSignal = {
  id: string;
};

/**
 * Retries `state` once for each status change signalled. Only a new signal
 * does: what is fetched (the entity, the team) is no dependency of the
 * effect, so moving to another one does not replay the last signal as a
 * second fetch.
 */
function useRetryOnSignal(state: { retry: () => void }) {
  const { lastSignal } = useSignal<RecommendationSignal>(
    RECOMMENDATIONS_CHANNEL,
  );
  // the latest state without making the effect run on every render
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    if (!lastSignal) return;
    // the signal names only the recommendation (who shares it is not for
    // every browser to hear): a status change anywhere refreshes the view,
    // which shows only what the viewer may read
    latest.current.retry();
  }, [lastSignal]);
}

/**
 * An entity's recommendations, refetched when the filters change and when
 * someone changes the status of a recommendation elsewhere (a signal).
 * Without the signals plugin the view simply does not refresh by itself.
 */
export function useRecommendations(
  entityRef: string,
  query: FinopsRecommendationsQuery = {},
) {
  const api = useApi(finopsApiRef);
  const { subcategory, source, effort, from, to } = query;
  // compared as text: a new array of the same statuses is the same query
  const statuses = query.status?.join(',');
  const state = useAsyncRetry(
    () =>
      api.getRecommendations(entityRef, {
        status: statuses
          ? (statuses.split(',') as RecommendationStatus[])
          : undefined,
        subcategory,
        source,
        effort,
        from,
        to,
      }),
    [api, entityRef, statuses, subcategory, source, effort, from, to],
  );
  useRetryOnSignal(state);
  return state;
}

/**
 * One recommendation with its history; nothing is fetched without an id.
 * A new `version` (its last status change, as the list has it) fetches it again.
 */
export function useRecommendation(id: string | undefined, version?: string) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(async () => {
    if (!id) return undefined;
    return api.getRecommendation(id);
  }, [api, id, version]);
}

/**
 * The recommendation KPIs of a team (its members' included), as its own
 * Recommendations tab has them, refetched like the tab on a status change
 * signalled; nothing is fetched without a team.
 */
export function useTeamRecommendationKpis(teamRef: string | undefined) {
  const api = useApi(finopsApiRef);
  const state = useAsyncRetry(async () => {
    if (!teamRef) return undefined;
    return (await api.getRecommendations(teamRef)).kpis;
  }, [api, teamRef]);
  useRetryOnSignal(state);
  return state;
}
