import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { finopsCostReadPermission } from '@costwise/plugin-finops-common';
import type { CostViewer } from '@costwise/plugin-finops-engine';

/** Refs per catalog look-up. */
const REFS_PER_LOOKUP = 500;

/**
 * Who is asking, for rollups and peers: filters entities down to those the
 * caller may see in the catalog and whose cost it may read (one catalog
 * look-up and one batch authorization). Members it may not see are counted
 * by the views, never named.
 */
export function costViewer(deps: {
  permissions: PermissionsService;
  catalog: CatalogService;
}): (credentials: BackstageCredentials) => CostViewer {
  return credentials => ({
    async readable(refs) {
      if (refs.length === 0) return new Set();
      const visible = new Set<string>();
      for (let i = 0; i < refs.length; i += REFS_PER_LOOKUP) {
        const part = refs.slice(i, i + REFS_PER_LOOKUP);
        const { items } = await deps.catalog.getEntitiesByRefs(
          {
            entityRefs: part,
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
          },
          { credentials },
        );
        items.forEach((item, j) => {
          if (item) visible.add(part[j]);
        });
      }
      const candidates = refs.filter(r => visible.has(r));
      if (candidates.length === 0) return new Set();
      const decisions = await deps.permissions.authorize(
        candidates.map(resourceRef => ({
          permission: finopsCostReadPermission,
          resourceRef,
        })),
        { credentials },
      );
      return new Set(
        candidates.filter(
          (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
        ),
      );
    },
  });
}
