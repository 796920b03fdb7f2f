import type { Entity } from '@backstage/catalog-model';
import { permissionRules as catalogRules } from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  finopsAdminPermission,
  finopsCostReadPermission,
  finopsCostUpdatePermission,
} from '@costwise/plugin-finops-common';
import { finopsCatalogPermissionRules } from '@costwise/plugin-finops-node';
import { CostwiseDemoPolicy } from './permissionPolicy';

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

const user = (ref: string, groups: string[] = []) =>
  ({
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  } as any);

/**
 * The demo policy's decisions, evaluated with the same rules the catalog
 * applies to conditional decisions: its own (IS_ENTITY_OWNER) and the
 * Costwise ones it registers (IS_COST_RESTRICTED).
 */
describe('CostwiseDemoPolicy', () => {
  const policy = new CostwiseDemoPolicy();
  const authorize = createConditionAuthorizer([
    ...Object.values(catalogRules),
    ...Object.values(finopsCatalogPermissionRules),
  ] as any[]);
  const restricted = component('invoice-reconciler', 'group:default/finops', {
    'costwise.dev/cost-visibility': 'owners',
  });
  const open = component('checkout-api', 'group:default/checkout');

  it("lets anyone read an unrestricted entity's cost", async () => {
    const decision = await policy.handle(
      { permission: finopsCostReadPermission },
      user('user:default/guest', ['group:default/checkout']),
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(authorize(decision, open)).toBe(true);
  });

  it("lets only the owners read a restricted entity's cost", async () => {
    const guest = await policy.handle(
      { permission: finopsCostReadPermission },
      user('user:default/guest', ['group:default/checkout']),
    );
    expect(authorize(guest, restricted)).toBe(false);
    const owner = await policy.handle(
      { permission: finopsCostReadPermission },
      user('user:default/dana', ['group:default/finops']),
    );
    expect(authorize(owner, restricted)).toBe(true);
    const anonymous = await policy.handle({
      permission: finopsCostReadPermission,
    });
    expect(authorize(anonymous, restricted)).toBe(false);
  });

  it("lets a team change its own entities' recommendations, and the FinOps team all", async () => {
    const guest = await policy.handle(
      { permission: finopsCostUpdatePermission },
      user('user:default/guest', ['group:default/checkout']),
    );
    expect(authorize(guest, open)).toBe(true);
    expect(authorize(guest, restricted)).toBe(false);
    const admin = await policy.handle(
      { permission: finopsCostUpdatePermission },
      user('user:default/dana', ['group:default/finops-team']),
    );
    expect(admin.result).toBe(AuthorizeResult.ALLOW);
  });

  it('allows everything else', async () => {
    expect(
      await policy.handle(
        { permission: catalogEntityReadPermission },
        user('user:default/guest'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('gives finops.admin to members of the FinOps team only', async () => {
    const guest = await policy.handle(
      { permission: finopsAdminPermission },
      user('user:default/guest', ['group:default/checkout-team']),
    );
    expect(guest.result).toBe(AuthorizeResult.DENY);
    const anonymous = await policy.handle({
      permission: finopsAdminPermission,
    });
    expect(anonymous.result).toBe(AuthorizeResult.DENY);
    const admin = await policy.handle(
      { permission: finopsAdminPermission },
      user('user:default/dana', ['group:default/finops-team']),
    );
    expect(admin.result).toBe(AuthorizeResult.ALLOW);
  });
});
