import type { Entity } from '@backstage/catalog-model';
import type { MetricService } from '../metrics';
import { addDays, EngineLogger } from '../model';
import type { CostViewService } from '../queries';
import { generateDemoMetrics } from './metrics';

/**
 * What storing the demo metrics needs.
 *
 * @public
 */
export interface DemoMetricDeps {
  views: CostViewService;
  metrics: MetricService;
  catalogEntities: () => Promise<Entity[]>;
}

/**
 * Stores the demo metrics, derived from the components' attributed cost of
 * the 120 days up to `end`, when more components have cost than when they
 * were last stored. Called after each attribution run: at start-up the
 * catalog may still be loading when the demo cost is first attributed, and
 * each catalog change attributes again. Values are upserted, so storing
 * them again changes nothing.
 *
 * @public
 */
export function demoMetricsStore(
  deps: DemoMetricDeps,
  end: string,
  logger: Pick<EngineLogger, 'info'>,
): () => Promise<number> {
  let stored = 0;
  return async () => {
    const from = addDays(end, -119);
    const components = (await deps.catalogEntities()).filter(
      e => e.kind.toLowerCase() === 'component',
    );
    const costs = new Map<string, Map<string, number>>();
    for (const entity of components) {
      const cost = await deps.views.dailyCost(entity, { from, to: end });
      if (cost.byDay.size > 0)
        costs.set(
          cost.ref,
          new Map([...cost.byDay].map(([d, v]) => [d, v.toNumber()])),
        );
    }
    if (costs.size <= stored) return 0;
    const points = generateDemoMetrics({ entities: components, costs });
    const result = await deps.metrics.record(points, 'demo');
    logger.info('Stored demo metrics', {
      components: costs.size,
      stored: result.stored,
      rejected: result.rejected.length,
    });
    stored = costs.size;
    return result.stored;
  };
}
