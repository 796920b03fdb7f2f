import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { finopsPermissions } from '@costwise/plugin-finops-common';
import {
  applyMigrations,
  readFinopsConfig,
  systemClock,
} from '@costwise/plugin-finops-engine';
import {
  AttributionSignal,
  attributionSignalsExtensionPoint,
  costSourcesExtensionPoint,
  CostSourceType,
  MetricProvider,
  metricProvidersExtensionPoint,
} from '@costwise/plugin-finops-node';
import { scheduleAttribution } from './jobs/scheduleAttribution';
import { scheduleDemoData } from './jobs/demoData';
import { scheduleMetricProviders } from './jobs/scheduleMetricProviders';
import { scheduleSources } from './jobs/scheduleSources';
import { createFinopsEngine } from './service/engine';
import { RequestAccess } from './service/http/access';
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
        const clock = systemClock;
        const knex = await database.getClient();
        if (!database.migrations?.skip) await applyMigrations(knex);
        permissionsRegistry.addPermissions(finopsPermissions);

        const catalogEntities = async () =>
          (
            await catalog.getEntities(
              {},
              { credentials: await auth.getOwnServiceCredentials() },
            )
          ).items;

        const engine = createFinopsEngine({
          knex,
          config: finopsConfig,
          catalogEntities,
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
          signals,
          sourceTypes: extraSourceTypes,
          logger,
          clock,
        });
        const { ingestion, attribution, views, metrics } = engine;
        await scheduleAttribution({ scheduler, attribution, logger });
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
            demoMetrics: {
              views,
              metrics,
              catalogEntities,
              afterAttribution: storeMetrics =>
                attribution.onRun(() => storeMetrics().then(() => undefined)),
            },
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
            ...engine,
            sources: finopsConfig.sources,
            access: new RequestAccess({
              httpAuth,
              permissions,
              catalog,
              adminServices: finopsConfig.adminServices,
            }),
            clock,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
