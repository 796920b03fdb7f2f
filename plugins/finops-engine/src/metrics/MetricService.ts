import {
  DEPLOYMENTS_METRIC,
  MetricBatchResult,
} from '@costwise/plugin-finops-common';
import { Clock, systemClock } from '../model';
import type { MetricStore } from '../stores';
import { checkMetricPoints, readEntityRef, todayUtc } from './validate';

/** Sources that are not metric providers: the API, CSV imports, the demo. */
export const DIRECT_METRIC_SOURCES = ['api', 'csv', 'demo'];

/** Which entity refs (lower-case) exist in the catalog. @public */
export type EntityLookup = (refs: string[]) => Promise<Set<string>>;

/**
 * Checks and stores batches of metric points from any source: the API, a
 * CSV import, a metric provider or the demo. Every source goes through the
 * same checks and the same idempotent upsert.
 *
 * @public
 */
export class MetricService {
  constructor(
    private readonly store: Pick<MetricStore, 'upsert'>,
    private readonly options: {
      /** Which entities exist; undefined skips the check (a CLI without a catalog). */
      lookup?: EntityLookup;
      /** Where daily deployment counts come from: `api` (the API and CSV imports) or a metric provider id. */
      deploymentsSource?: string;
      clock?: Clock;
    } = {},
  ) {}

  private refusedMetrics(source: string): Map<string, string> {
    const configured = this.options.deploymentsSource ?? 'api';
    const direct = DIRECT_METRIC_SOURCES.includes(source);
    const allowed = configured === 'api' ? direct : source === configured;
    if (allowed) return new Map();
    return new Map([
      [
        DEPLOYMENTS_METRIC,
        `metric deployments comes from ${
          configured === 'api'
            ? 'the metrics API and CSV imports'
            : `the metric provider '${configured}'`
        } (finops.metrics.deployments.source), not from '${source}'`,
      ],
    ]);
  }

  /** Checks the points and upserts the good ones; bad ones come back with reasons. */
  async record(
    points: unknown[],
    source: string,
    options: { firstIndex?: number } = {},
  ): Promise<MetricBatchResult> {
    let knownEntities: Set<string> | undefined;
    if (this.options.lookup) {
      const refs = new Set<string>();
      for (const p of points) {
        const ref =
          p && typeof p === 'object'
            ? readEntityRef((p as { entity?: unknown }).entity)
            : undefined;
        if (typeof ref === 'string') refs.add(ref);
      }
      knownEntities = await this.options.lookup([...refs]);
    }
    const { accepted, rejected } = checkMetricPoints(points, {
      today: todayUtc((this.options.clock ?? systemClock).now()),
      knownEntities,
      refusedMetrics: this.refusedMetrics(source),
      firstIndex: options.firstIndex,
    });
    await this.store.upsert(accepted, source);
    return { received: points.length, stored: accepted.length, rejected };
  }
}
