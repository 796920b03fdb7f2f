import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { finopsCostReadPermission } from '@costwise/plugin-finops-common';
import type { CostViewer } from '@costwise/plugin-finops-engine';

/**
 * Who is asking, for rollups: filters members down to those whose cost the
 * caller may read (one batch authorization).
 */
export function costViewer(deps: {
  permissions: PermissionsService;
}): (credentials: BackstageCredentials) => CostViewer {
  return credentials => ({
    async readable(refs) {
      if (refs.length === 0) return new Set();
      const decisions = await deps.permissions.authorize(
        refs.map(resourceRef => ({
          permission: finopsCostReadPermission,
          resourceRef,
        })),
        { credentials },
      );
      return new Set(
        refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
      );
    },
  });
}
