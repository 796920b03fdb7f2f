import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import {
  COSTWISE_FACT_RETRIEVER_ID,
  createCostwiseFactRetriever,
} from './costwiseFactRetriever';

/**
 * Adds the Costwise fact retriever to the Tech Insights backend. It runs on
 * the cadence of `techInsights.factRetrievers.costwiseFactRetriever`: the
 * Tech Insights backend drops a retriever without config, so the module
 * warns when it is missing.
 *
 * @public
 */
export const techInsightsModuleFinops = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'finops',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        retrievers: techInsightsFactRetrieversExtensionPoint,
      },
      async init({ config, logger, catalog, retrievers }) {
        retrievers.addFactRetrievers({
          [COSTWISE_FACT_RETRIEVER_ID]: createCostwiseFactRetriever({
            catalog,
          }),
        });
        const key = `techInsights.factRetrievers.${COSTWISE_FACT_RETRIEVER_ID}`;
        if (!config.has(`${key}.cadence`))
          logger.warn(
            `The Costwise fact retriever will not run: set ${key}.cadence (a cron expression) in the config`,
          );
      },
    });
  },
});
