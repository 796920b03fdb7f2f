import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogConditions } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  finopsAdminPermission,
  finopsCostReadPermission,
  finopsCostUpdatePermission,
} from '@costwise/plugin-finops-common';
import {
  createFinopsConditionalDecision,
  finopsConditions,
} from '@costwise/plugin-finops-node';

/** The group whose members administer Costwise in the demo. */
export const FINOPS_ADMIN_GROUP = 'group:default/finops-team';

/**
 * The demo's policy: everything is allowed, except
 *
 * - reading the cost of an entity whose owners restricted it
 *   (`costwise.dev/cost-visibility: owners`), which only its owners may do
 *   (the catalog evaluates the condition, with the Costwise rule
 *   `IS_COST_RESTRICTED` and its own `IS_ENTITY_OWNER`);
 * - administering Costwise (`finops.admin`: coverage, explanations,
 *   attribution changes, overrides, ingestion records), which only members
 *   of the FinOps team may do;
 * - changing an entity's cost state (`finops.cost.update`: recommendation
 *   statuses), which its owners and the FinOps team may do.
 */
export class CostwiseDemoPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, finopsAdminPermission)) {
      return {
        result: user?.info.ownershipEntityRefs.includes(FINOPS_ADMIN_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (isPermission(request.permission, finopsCostUpdatePermission)) {
      if (user?.info.ownershipEntityRefs.includes(FINOPS_ADMIN_GROUP))
        return { result: AuthorizeResult.ALLOW };
      return createFinopsConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    if (isPermission(request.permission, finopsCostReadPermission)) {
      return createFinopsConditionalDecision(request.permission, {
        anyOf: [
          { not: finopsConditions.isCostRestricted() },
          catalogConditions.isEntityOwner({
            claims: user?.info.ownershipEntityRefs ?? [],
          }),
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link CostwiseDemoPolicy} as the permission policy. */
export const permissionModuleCostwiseDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'costwise-demo-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new CostwiseDemoPolicy());
      },
    });
  },
});
