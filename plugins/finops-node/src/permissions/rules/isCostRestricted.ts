import { createPermissionRule } from '@backstage/plugin-permission-node';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { ANNOTATION_COST_VISIBILITY } from '@costwise/plugin-finops-common';

const OWNERS = 'owners';

/**
 * Matches entities whose cost their owners have restricted to themselves with
 * `costwise.dev/cost-visibility: owners`. A policy combines it with the
 * catalog's `IS_ENTITY_OWNER`:
 * `anyOf([not(isCostRestricted), isEntityOwner({ claims })])`.
 *
 * @public
 */
export const isCostRestricted = createPermissionRule({
  name: 'IS_COST_RESTRICTED',
  description:
    'Allow entities whose cost is restricted to their owners (costwise.dev/cost-visibility: owners)',
  resourceRef: catalogEntityPermissionResourceRef,
  apply: entity =>
    entity.metadata.annotations?.[
      ANNOTATION_COST_VISIBILITY
    ]?.trim().toLowerCase() === OWNERS,
  toQuery: () => ({
    key: `metadata.annotations.${ANNOTATION_COST_VISIBILITY}`,
    values: [OWNERS],
  }),
});
