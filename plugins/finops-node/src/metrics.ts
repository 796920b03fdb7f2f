import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { MetricPoint } from '@costwise/plugin-finops-common';

/**
 * What a metric provider is asked for: the catalog entities and the days,
 * `from` to `to` (`YYYY-MM-DD`, both included, never after yesterday).
 *
 * @public
 */
export interface MetricProviderFetchOptions {
  entities: Entity[];
  from: string;
  to: string;
  /** Aborts a long fetch. */
  signal?: AbortSignal;
}

/**
 * A source of daily business metrics (requests, active users, deployments,
 * ...) that the finops backend runs on its metric schedule. The points it
 * returns are checked and upserted like those sent to `POST /metrics`;
 * invalid ones are logged with their reason, never stored.
 *
 * @public
 */
export interface MetricProvider {
  /** Unique id, stored as the values' source and usable as `finops.metrics.deployments.source`. */
  id: string;
  fetch(options: MetricProviderFetchOptions): Promise<MetricPoint[]>;
}

/**
 * Lets modules add metric providers to the finops backend.
 *
 * @public
 */
export interface MetricProvidersExtensionPoint {
  addMetricProvider(...providers: MetricProvider[]): void;
}

/**
 * The extension point for metric providers.
 *
 * @public
 */
export const metricProvidersExtensionPoint =
  createExtensionPoint<MetricProvidersExtensionPoint>({
    id: 'finops.metricProviders',
  });
