import { mockServices } from '@backstage/backend-test-utils';
import type { MetricProvider } from '@costwise/plugin-finops-node';
import type { MetricPoint } from '@costwise/plugin-finops-common';
import { FixedClock, MetricService } from '@costwise/plugin-finops-engine';
import { runMetricProvider } from './scheduleMetricProviders';

/** A metric store held in memory: the job needs only its upsert. */
function memoryStore() {
  const stored = new Map<string, MetricPoint>();
  return {
    stored,
    async upsert(points: MetricPoint[]) {
      for (const p of points)
        stored.set(`${p.entity}|${p.metric}|${p.date}`, p);
      return points.length;
    },
  };
}

const clock = new FixedClock('2025-03-10T08:00:00Z');

/** A provider that reports what it was asked and answers fixed points. */
function provider(id: string) {
  const asked: Array<{ from: string; to: string; entities: number }> = [];
  const p: MetricProvider = {
    id,
    async fetch({ entities, from, to }) {
      asked.push({ from, to, entities: entities.length });
      return [
        {
          entity: 'component:default/a',
          metric: 'requests',
          date: to,
          value: 7,
        },
        {
          entity: 'component:default/a',
          metric: 'deployments',
          date: to,
          value: 2,
        },
        {
          entity: 'component:default/a',
          metric: 'requests',
          date: to,
          value: -1,
        },
      ];
    },
  };
  return { p, asked };
}

describe('metric providers', () => {
  it('stores what a provider returns over the look-back days, checked like the API', async () => {
    const store = memoryStore();
    const { p, asked } = provider('prom');
    const logger = mockServices.logger.mock();
    const result = await runMetricProvider({
      provider: p,
      entities: async () => [],
      metrics: new MetricService(store, { deploymentsSource: 'api', clock }),
      logger,
      lookbackDays: 3,
      clock,
    });
    expect(asked).toEqual([
      { from: '2025-03-07', to: '2025-03-09', entities: 0 },
    ]);
    expect(result.stored).toBe(1);
    expect([...store.stored.keys()]).toEqual([
      'component:default/a|requests|2025-03-09',
    ]);
    // deployments come from the API by default, so the provider's are refused
    expect(result.rejected.map(r => r.reason)).toEqual([
      "metric deployments comes from the metrics API and CSV imports (finops.metrics.deployments.source), not from 'prom'",
      'value -1 is negative',
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('takes deployments from the provider configured as their source', async () => {
    const metrics = new MetricService(memoryStore(), {
      deploymentsSource: 'prom',
      clock,
    });
    const { p } = provider('prom');
    const result = await runMetricProvider({
      provider: p,
      entities: async () => [],
      metrics,
      logger: mockServices.logger.mock(),
      lookbackDays: 1,
      clock,
    });
    expect(result.stored).toBe(2);
    const api = await metrics.record(
      [
        {
          entity: 'component:default/a',
          metric: 'deployments',
          date: '2025-03-09',
          value: 9,
        },
      ],
      'api',
    );
    expect(api.rejected[0].reason).toMatch(
      /comes from the metric provider 'prom'/,
    );
  });
});
