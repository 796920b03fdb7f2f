import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { costSourcesExtensionPoint } from '@costwise/plugin-finops-node';
import { readOpenAiConfig } from './config';
import { createOpenAiSourceType } from './OpenAiSourceType';

/**
 * Adds the `openai` cost source type to the finops backend when
 * `finops.openai` is configured; without it the module does nothing.
 * `finops.sources` entries of `type: openai` are then ingested on their
 * schedule like any other source.
 *
 * @public
 */
export const finopsModuleOpenAi = createBackendModule({
  pluginId: 'finops',
  moduleId: 'openai',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: costSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const openai = readOpenAiConfig(config);
        if (!openai) return;
        sources.addSourceType(createOpenAiSourceType({ ...openai, logger }));
        logger.info('OpenAI cost source type added', {
          baseUrl: openai.baseUrl,
          lookbackDays: openai.lookbackDays,
          usageEndpoints: openai.usageEndpoints.join(','),
        });
      },
    });
  },
});
