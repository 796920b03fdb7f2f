import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** A decision per permission name and resource, as a policy would make it. */
export type Decide = (
  permission: string,
  resourceRef?: string,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/**
 * A permission service whose decisions depend on the resource, as
 * conditional policies resolved by the catalog would.
 */
export function permissionsFactory(decide: Decide) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () =>
      ({
        authorize: async (requests: any[]) =>
          requests.map(r => ({
            result: decide(r.permission.name, r.resourceRef),
          })),
        authorizeConditional: async (requests: any[]) =>
          requests.map(r => ({
            result: decide(r.permission.name, r.resourceRef),
          })),
      } as any),
  });
}
