/**
 * A Costwise FinOps backend module that reads daily business metrics from
 * Prometheus.
 *
 * @packageDocumentation
 */
export { finopsModulePrometheus as default } from './module';
export { PrometheusMetricProvider } from './PrometheusMetricProvider';
export { readPrometheusConfig } from './config';
export type { PrometheusConfig, PrometheusMetricConfig } from './config';
