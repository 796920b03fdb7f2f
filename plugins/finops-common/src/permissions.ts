import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Reading the cost of a catalog entity. A resource permission on catalog
 * entities, so that policies can reuse catalog rules such as IS_ENTITY_OWNER.
 *
 * @public
 */
export const finopsCostReadPermission = createPermission({
  name: 'finops.cost.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Changing cost-related state of an entity (recommendations, anomalies, budgets).
 *
 * @public
 */
export const finopsCostUpdatePermission = createPermission({
  name: 'finops.cost.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Administering Costwise: sources, ingestion records, attribution overrides.
 *
 * @public
 */
export const finopsAdminPermission = createPermission({
  name: 'finops.admin',
  attributes: {},
});

/** All Costwise permissions. @public */
export const finopsPermissions: Permission[] = [
  finopsCostReadPermission,
  finopsCostUpdatePermission,
  finopsAdminPermission,
];
