import { createConditionExports } from '@backstage/plugin-permission-node';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { hasCostMapping } from './rules/hasCostMapping';
import { isCostRestricted } from './rules/isCostRestricted';

export { hasCostMapping, isCostRestricted };

/**
 * The Costwise permission rules on catalog entities. They extend the
 * catalog's resource type (`catalog-entity`), so the catalog evaluates them;
 * `@costwise/plugin-catalog-backend-module-finops` registers them with
 * the catalog's permissions registry.
 *
 * @public
 */
export const finopsCatalogPermissionRules = {
  hasCostMapping,
  isCostRestricted,
};

const exported = createConditionExports({
  resourceRef: catalogEntityPermissionResourceRef,
  rules: finopsCatalogPermissionRules,
});

/**
 * Conditions for policies, e.g.
 * `createFinopsConditionalDecision(request.permission, { anyOf: [{ not: finopsConditions.isCostRestricted() }, catalogConditions.isEntityOwner({ claims })] })`.
 *
 * @public
 */
export const finopsConditions = exported.conditions;

/**
 * Builds a conditional decision on catalog entities from Costwise (and
 * catalog) conditions.
 *
 * @public
 */
export const createFinopsConditionalDecision =
  exported.createConditionalDecision;
