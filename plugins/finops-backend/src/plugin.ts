import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { finopsPermissions } from '@costwise/plugin-finops-common';
import {
  costSourcesExtensionPoint,
  CostSourceType,
} from '@costwise/plugin-finops-node';
import { readFinopsConfig } from './config';
import { applyMigrations } from './database/migrations';
import { DatabaseCostStore } from './database/DatabaseCostStore';
import { builtinFileSourceTypes, IngestionService } from './ingestion';
import { scheduleDemoData } from './service/demoSource';
import { scheduleSources } from './service/scheduleSources';
import { createRouter } from './service/router';

/**
 * The Costwise FinOps backend plugin: ingestion, cost store and cost API under `/api/finops`.
 *
 * @public
 */
export const finopsPlugin = createBackendPlugin({
  pluginId: 'finops',
  register(env) {
    const extraSourceTypes: CostSourceType[] = [];
    env.registerExtensionPoint(costSourcesExtensionPoint, {
      addSourceType(...types) {
        extraSourceTypes.push(...types);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        config,
        logger,
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        scheduler,
        lifecycle,
      }) {
        const finopsConfig = readFinopsConfig(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) await applyMigrations(knex);

        const store = new DatabaseCostStore(knex);
        const ingestion = new IngestionService(store, logger, [
          ...builtinFileSourceTypes(),
          ...extraSourceTypes,
        ]);
        permissionsRegistry.addPermissions(finopsPermissions);

        if (finopsConfig.demo) {
          scheduleDemoData({
            mappingFile: finopsConfig.demoMapping,
            directory: finopsConfig.demoDirectory,
            lifecycle,
            ingestion,
            logger,
          });
        }
        await scheduleSources({
          sources: finopsConfig.sources,
          scheduler,
          lifecycle,
          ingestion,
          logger,
        });

        httpRouter.use(await createRouter({ httpAuth, permissions, store }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
