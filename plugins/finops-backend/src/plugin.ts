import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { finopsPermissions } from '@costwise/plugin-finops-common';
import {
  applyMigrations,
  builtinDetectors,
  readDetectorConfig,
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
  recommendationProvidersExtensionPoint,
} from '@costwise/plugin-finops-node';
import { registerRecommendationActions } from './actions/recommendationActions';
import { registerGovernanceActions } from './actions/governanceActions';
import { registerAskActions } from './actions/askActions';
import { AskAccess } from './service/ask';
import {
  recommendationNotifier,
  scheduleRecommendationDigest,
} from './jobs/notifyRecommendations';
import {
  recommendationProviderRegistry,
  scheduleRecommendations,
} from './jobs/scheduleRecommendations';
import { RecommendationAccess } from './service/recommendations';
import { AnomalyAccess } from './service/anomalies';
import { scheduleAnomalies } from './jobs/anomalies';
import { scheduleAttribution } from './jobs/scheduleAttribution';
import { scheduleBudgetAlerts } from './jobs/budgets';
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

    // the modules' providers and the built-in detectors, in one list
    const recommendationProviders = recommendationProviderRegistry();
    env.registerExtensionPoint(
      recommendationProvidersExtensionPoint,
      recommendationProviders.extensionPoint,
    );

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
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        notifications: notificationService,
        signalService: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
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
        userInfo,
        catalog,
        notifications,
        signalService,
        actionsRegistry,
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
            // the LLM spend a connector source brings is left out of the demo file
            sources: finopsConfig.sources,
            demoRecommendations: {
              service: engine.recommendations,
              store: engine.recommendationStore,
            },
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

        const access = new RequestAccess({
          httpAuth,
          permissions,
          catalog,
          adminServices: finopsConfig.adminServices,
        });
        const currency = finopsConfig.currency ?? 'USD';
        const recommendationAccess = new RecommendationAccess({
          recommendations: engine.recommendations,
          attributionStore: engine.attributionStore,
          access,
          currency,
          clock,
          // open Recommendations tabs refresh; the message holds no cost
          onStatusChange: change =>
            signalService
              .publish({
                recipients: { type: 'broadcast' },
                channel: 'finops:recommendations',
                message: change,
              })
              .catch(error =>
                logger.warn(
                  `Could not signal the status change of ${change.id}: ${error}`,
                ),
              ),
        });
        const anomalyAccess = new AnomalyAccess({
          anomalies: engine.anomalies,
          attributionStore: engine.attributionStore,
          access,
          // open Costs tabs and the FinOps page refresh; the message holds no cost
          onStatusChange: change =>
            signalService
              .publish({
                recipients: { type: 'broadcast' },
                channel: 'finops:anomalies',
                message: change,
              })
              .catch(error =>
                logger.warn(
                  `Could not signal the status change of ${change.id}: ${error}`,
                ),
              ),
        });
        if (finopsConfig.anomalies.enabled)
          scheduleAnomalies({
            attribution,
            anomalies: engine.anomalies,
            notifications,
            notify: finopsConfig.anomalies.notify,
            lifecycle,
            logger,
          });
        // the built-in detectors are providers on the same extension point
        // (finops.recommendations.detectors turns each off)
        recommendationProviders.extensionPoint.addRecommendationProvider(
          ...builtinDetectors({
            knex,
            catalogEntities,
            config: readDetectorConfig(config),
            accountOwners: finopsConfig.accountOwners,
            aiPrices: finopsConfig.ai?.prices,
          }),
        );
        await scheduleRecommendations({
          config: finopsConfig.recommendations,
          providers: recommendationProviders.providers(),
          recommendations: engine.recommendations,
          store: engine.recommendationStore,
          attribution,
          currency,
          scheduler,
          lifecycle,
          logger,
          onCreated: recommendationNotifier({
            notifications,
            notifyAbove: finopsConfig.recommendations.notifyAbove,
            logger,
          }),
        });
        await scheduleRecommendationDigest({
          scheduler,
          notifications,
          recommendations: engine.recommendations,
          logger,
        });
        registerRecommendationActions({
          actionsRegistry,
          access,
          recommendations: recommendationAccess,
        });
        registerGovernanceActions({
          actionsRegistry,
          access,
          governance: engine.governance,
        });
        const askAccess = new AskAccess({ ask: engine.ask, access, userInfo });
        registerAskActions({ actionsRegistry, ask: askAccess });
        // each run may close a month or change the current one's KPIs
        attribution.onRun(() =>
          engine.governance.snapshot().then(
            () => undefined,
            error =>
              logger.error(
                `Computing the FinOps KPIs failed: ${(error as Error).message}`,
              ),
          ),
        );

        // each run may cross a budget's threshold: its owners hear once per period
        if (finopsConfig.budgets.notify)
          scheduleBudgetAlerts({
            attribution,
            budgets: engine.budgets,
            notifications,
            lifecycle,
            logger,
          });

        httpRouter.use(
          await createRouter({
            ...engine,
            sources: finopsConfig.sources,
            access,
            recommendationAccess,
            anomalyAccess,
            askAccess,
            clock,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
