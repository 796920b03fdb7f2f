import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';

/** An entity's budget status; nothing is fetched without an entity. */
export function useBudget(entityRef: string | undefined) {
  const api = useApi(finopsApiRef);
  return useAsyncRetry(
    async () => (entityRef ? api.getBudget(entityRef) : undefined),
    [api, entityRef],
  );
}
