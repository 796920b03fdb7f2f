import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { costSourcesExtensionPoint } from '@costwise/plugin-finops-node';
import { readAnthropicConfig } from './config';
import { createAnthropicSourceType } from './AnthropicSourceType';

/**
 * Adds the `anthropic` cost source type to the finops backend when
 * `finops.anthropic` is configured; without it the module does nothing.
 * `finops.sources` entries of `type: anthropic` are then ingested on their
 * schedule like any other source.
 *
 * @public
 */
export const finopsModuleAnthropic = createBackendModule({
  pluginId: 'finops',
  moduleId: 'anthropic',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: costSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const anthropic = readAnthropicConfig(config);
        if (!anthropic) return;
        sources.addSourceType(
          createAnthropicSourceType({ ...anthropic, logger }),
        );
        logger.info('Anthropic cost source type added', {
          baseUrl: anthropic.baseUrl,
          lookbackDays: anthropic.lookbackDays,
          api: anthropic.analytics ? 'analytics' : 'reports',
        });
      },
    });
  },
});
