import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
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
 * instead of its ref, a long resource id shortened to its last part, the
 * rest as they are. Until the titles arrive, refs read as their names.
 */
export function useDisplayLabels(keys: string[]): Map<string, string> {
  const catalogApi = useApi(catalogApiRef);
  const refs = entityRefs(keys);
  const signature = refs.join('\n');
  const titles = useAsync(async () => {
    if (refs.length === 0) return new Map<string, string>();
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
    else labels.set(key, key.length > 40 ? shortId(key) : key);
  }
  return labels;
}
