import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { finopsCatalogPermissionRules } from '@costwise/plugin-finops-node';

/**
 * Registers the Costwise permission rules (`HAS_COST_MAPPING`,
 * `IS_COST_RESTRICTED`) with the catalog, which owns the `catalog-entity`
 * resource type and so evaluates conditional decisions on `finops.cost.read`.
 * Add it next to the catalog plugin when a policy uses those rules.
 *
 * @public
 */
export const catalogModuleFinopsPermissionRules = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'finops-permission-rules',
  register(env) {
    env.registerInit({
      deps: { permissionsRegistry: coreServices.permissionsRegistry },
      async init({ permissionsRegistry }) {
        permissionsRegistry.addPermissionRules(
          Object.values(finopsCatalogPermissionRules),
        );
      },
    });
  },
});
