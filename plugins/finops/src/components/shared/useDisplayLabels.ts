import { parseEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { shortId } from '../resources/ShortId';

/** The series keys that are entity refs (`kind:namespace/name`). */
function entityRefs(keys: string[]): string[] {
  return keys.filter(key => {
    if (key.startsWith('(') || !/^[\w-]+:[\w.-]+\/[\w.-]+$/.test(key))
      return false;
    try {
      parseEntityRef(key);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * How series keys read on a page: an entity's title (from the catalog)
 * instead of its ref, a long resource id shortened to its last part; other
 * keys are not in the map (their series' own labels stand). Until the
 * titles arrive, refs read as their names.
 */
export function useDisplayLabels(keys: string[]): Map<string, string> {
  // an app without the catalog's API (a test) reads refs as names
  const catalogApi = useApiHolder().get(catalogApiRef);
  const refs = entityRefs(keys);
  const signature = refs.join('\n');
  const titles = useAsync(async () => {
    if (refs.length === 0 || !catalogApi) return new Map<string, string>();
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    const out = new Map<string, string>();
    items.forEach((e, i) => {
      if (e) out.set(refs[i], e.metadata.title ?? e.metadata.name);
      else out.set(refs[i], parseEntityRef(refs[i]).name);
    });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, signature]);
  const labels = new Map<string, string>();
  for (const key of keys) {
    if (refs.includes(key))
      labels.set(key, titles.value?.get(key) ?? parseEntityRef(key).name);
    else if (key.length > 40) labels.set(key, shortId(key));
  }
  return labels;
}
