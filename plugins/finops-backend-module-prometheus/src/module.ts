import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { metricProvidersExtensionPoint } from '@costwise/plugin-finops-node';
import { readPrometheusConfig } from './config';
import { PrometheusMetricProvider } from './PrometheusMetricProvider';

/**
 * Adds the Prometheus metric provider to the finops backend when
 * `finops.prometheus` is configured; without it the module does nothing.
 *
 * @public
 */
export const finopsModulePrometheus = createBackendModule({
  pluginId: 'finops',
  moduleId: 'prometheus',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        metrics: metricProvidersExtensionPoint,
      },
      async init({ config, logger, metrics }) {
        const prometheus = readPrometheusConfig(config);
        if (!prometheus) return;
        metrics.addMetricProvider(
          new PrometheusMetricProvider(prometheus, logger),
        );
        logger.info('Prometheus metric provider added', {
          baseUrl: prometheus.baseUrl,
          metrics: prometheus.metrics.map(m => m.name).join(','),
        });
      },
    });
  },
});
