import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { finopsPermissions } from '@costwise/plugin-finops-common';
import {
  AttributionSignal,
  attributionSignalsExtensionPoint,
  costSourcesExtensionPoint,
  CostSourceType,
  MetricProvider,
  metricProvidersExtensionPoint,
} from '@costwise/plugin-finops-node';
import { readFinopsConfig } from './config';
import { applyMigrations } from './database/migrations';
import { DatabaseCostStore } from './database/DatabaseCostStore';
import { builtinFileSourceTypes, IngestionService } from './ingestion';
import { AttributionStore } from './database/AttributionStore';
import { AttributionService } from './service/attribution/AttributionService';
import { scheduleAttribution } from './service/attribution/scheduleAttribution';
import { scheduleDemoData } from './service/demoSource';
import { CostViewService } from './service/views/CostViewService';
import { scheduleSources } from './service/scheduleSources';
import { createRouter } from './service/router';
import { MetricStore } from './database/MetricStore';
import { MetricService } from './metrics/MetricService';
import { scheduleMetricProviders } from './metrics/scheduleMetricProviders';
import { BenchmarkService } from './service/unitEconomics/BenchmarkService';
import { UnitCostService } from './service/unitEconomics/UnitCostService';
import { catalogLoader } from './service/unitEconomics/catalogLoader';

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
    const signals: AttributionSignal[] = [];
    env.registerExtensionPoint(attributionSignalsExtensionPoint, {
      addSignal(...added) {
        signals.push(...added);
      },
    });

    const metricProviders: MetricProvider[] = [];
    env.registerExtensionPoint(metricProvidersExtensionPoint, {
      addMetricProvider(...added) {
        metricProviders.push(...added);
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
        auth: coreServices.auth,
        catalog: catalogServiceRef,
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
        auth,
        catalog,
      }) {
        const finopsConfig = readFinopsConfig(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) await applyMigrations(knex);

        const store = new DatabaseCostStore(knex);
        const ingestion = new IngestionService(
          store,
          logger,
          [...builtinFileSourceTypes(), ...extraSourceTypes],
          { threads: finopsConfig.ingestionThreads },
        );
        permissionsRegistry.addPermissions(finopsPermissions);

        const attributionStore = new AttributionStore(knex);
        const catalogEntities = async () =>
          (
            await catalog.getEntities(
              {},
              { credentials: await auth.getOwnServiceCredentials() },
            )
          ).items;
        const attribution = new AttributionService(
          attributionStore,
          catalogEntities,
          {
            measure: finopsConfig.measure,
            tagKeyAliases: finopsConfig.tagKeyAliases,
            inferenceTagKeys: finopsConfig.inferenceTagKeys,
            inferenceMinConfidence: finopsConfig.inferenceMinConfidence,
          },
          logger,
          { signals },
        );
        ingestion.onIngested(run =>
          attribution
            .run(`ingestion of source ${run.sourceId}`)
            .then(() => undefined),
        );
        await scheduleAttribution({ scheduler, attribution, logger });
        const views = new CostViewService(attributionStore, {
          measure: finopsConfig.measure,
          currency: finopsConfig.currency,
        });

        const metricStore = new MetricStore(knex);
        const metrics = new MetricService(metricStore, {
          deploymentsSource: finopsConfig.metrics.deploymentsSource,
          lookup: async refs => {
            const { items } = await catalog.getEntitiesByRefs(
              {
                entityRefs: refs,
                fields: ['kind', 'metadata.namespace', 'metadata.name'],
              },
              { credentials: await auth.getOwnServiceCredentials() },
            );
            return new Set(
              refs.filter(
                (_, i) => items[i] !== undefined && items[i] !== null,
              ),
            );
          },
        });
        const unitCosts = new UnitCostService(views, metricStore);
        const benchmarks = new BenchmarkService({
          views,
          unitCosts,
          permissions,
          catalog: catalogLoader(catalogEntities),
          options: finopsConfig.benchmarks,
        });
        await scheduleMetricProviders({
          providers: metricProviders,
          scheduler,
          catalogEntities,
          metrics,
          logger,
          schedule: finopsConfig.metrics.schedule,
          lookbackDays: finopsConfig.metrics.lookbackDays,
        });

        if (finopsConfig.demo) {
          scheduleDemoData({
            mappingFile: finopsConfig.demoMapping,
            directory: finopsConfig.demoDirectory,
            lifecycle,
            ingestion,
            logger,
            demoMetrics: { views, metrics, catalogEntities },
          });
        }
        await scheduleSources({
          sources: finopsConfig.sources,
          scheduler,
          lifecycle,
          ingestion,
          logger,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            auth,
            permissions,
            catalog,
            store,
            attributionStore,
            attribution,
            views,
            metrics,
            unitCosts,
            benchmarks,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
