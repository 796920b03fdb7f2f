import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { finopsPermissions } from '@costwise/plugin-finops-common';
import {
  applyMigrations,
  AttributionRunner,
  AttributionStore,
  BenchmarkService,
  builtinFileSourceTypes,
  CostViewService,
  CoverageService,
  DatabaseCostStore,
  IngestionService,
  MetricService,
  MetricStore,
  OverrideService,
  readFinopsConfig,
  systemClock,
  UnitCostService,
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
import { catalogLoader } from './service/cache/catalogLoader';
import { BoundedViewCache } from './service/cache/ViewCache';
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

        // ingestion, then attribution of what was ingested
        const store = new DatabaseCostStore(knex);
        const ingestion = new IngestionService(
          store,
          logger,
          [...builtinFileSourceTypes(), ...extraSourceTypes],
          { threads: finopsConfig.ingestionThreads },
        );
        const attributionStore = new AttributionStore(knex);
        const attribution = new AttributionRunner(
          attributionStore,
          catalogEntities,
          {
            config: {
              measure: finopsConfig.measure,
              tagKeyAliases: finopsConfig.tagKeyAliases,
              inferenceTagKeys: finopsConfig.inferenceTagKeys,
              inferenceMinConfidence: finopsConfig.inferenceMinConfidence,
            },
            signals,
            logger,
            clock,
          },
        );
        ingestion.onIngested(run =>
          attribution
            .run(`ingestion of source ${run.sourceId}`)
            .then(() => undefined),
        );
        await scheduleAttribution({ scheduler, attribution, logger });

        // the views, answered from a bounded cache per data version
        const viewCache = new BoundedViewCache(
          attributionStore,
          finopsConfig.viewCacheBytes,
          { clock },
        );
        attribution.onRun(() => viewCache.invalidate());
        const views = new CostViewService(
          attributionStore,
          { measure: finopsConfig.measure, currency: finopsConfig.currency },
          { cache: viewCache, clock },
        );

        // business metrics and unit economics
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
            access: new RequestAccess({
              httpAuth,
              permissions,
              catalog,
              adminServices: finopsConfig.adminServices,
            }),
            clock,
            store,
            attributionStore,
            attribution,
            coverage: new CoverageService(attributionStore),
            overrides: new OverrideService({
              store: attributionStore,
              rerun: trigger => attribution.run(trigger),
              clock,
            }),
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
