import { createPermissionRule } from '@backstage/plugin-permission-node';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import type { EntitiesSearchFilter } from '@backstage/plugin-catalog-node';
import { COST_MAPPING_ANNOTATIONS } from '@costwise/plugin-finops-common';

/**
 * Matches entities that map cost to themselves through a Costwise annotation
 * (`costwise.dev/tags`, `costwise.dev/resource-ids`, ...), so a policy can,
 * for example, let anyone read the cost of mapped services.
 *
 * @public
 */
export const hasCostMapping = createPermissionRule({
  name: 'HAS_COST_MAPPING',
  description:
    'Allow entities that map cost to themselves with a Costwise annotation',
  resourceRef: catalogEntityPermissionResourceRef,
  apply: entity => {
    const annotations = entity.metadata.annotations ?? {};
    return COST_MAPPING_ANNOTATIONS.some(a => !!annotations[a]?.trim());
  },
  toQuery: () => {
    const [first, ...rest] = COST_MAPPING_ANNOTATIONS;
    const exists = (a: string) => ({ key: `metadata.annotations.${a}` });
    const anyOf: [EntitiesSearchFilter, ...EntitiesSearchFilter[]] = [
      exists(first),
      ...rest.map(exists),
    ];
    return { anyOf };
  },
});
