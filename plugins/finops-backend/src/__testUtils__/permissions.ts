import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permissions service that decides as `allow` says for each request:
 * the caller's user ref, the permission's name and the resource ref (for a
 * resource permission).
 */
export function permissionsFactory(
  allow: (request: {
    user: string | undefined;
    permission: string;
    resourceRef?: string;
  }) => boolean,
) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () =>
      ({
        authorize: async (requests: any[], { credentials }: any) =>
          requests.map(r => ({
            result: allow({
              user: credentials.principal.userEntityRef,
              permission: r.permission.name,
              resourceRef: r.resourceRef,
            })
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          })),
        authorizeConditional: async () => [],
      } as any),
  });
}
