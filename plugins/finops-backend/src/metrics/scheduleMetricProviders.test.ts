import { mockServices } from '@backstage/backend-test-utils';
import type { MetricProvider } from '@costwise/plugin-finops-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyMigrations } from '../database/migrations';
import { MetricStore } from '../database/MetricStore';
import { MetricService } from './MetricService';
import { runMetricProvider } from './scheduleMetricProviders';

jest.setTimeout(60_000);

const databases = createTestDatabases();

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

describe.each(databases.eachSupportedId())('metric providers on %p', id => {
  it('stores what a provider returns over the look-back days, checked like the API', async () => {
    const knex = await databases.init(id);
    await applyMigrations(knex);
    const store = new MetricStore(knex);
    const { p, asked } = provider('prom');
    const logger = mockServices.logger.mock();
    const result = await runMetricProvider({
      provider: p,
      entities: async () => [],
      metrics: new MetricService(store, { deploymentsSource: 'api' }),
      logger,
      lookbackDays: 3,
      now: new Date('2025-03-10T08:00:00Z'),
    });
    expect(asked).toEqual([
      { from: '2025-03-07', to: '2025-03-09', entities: 0 },
    ]);
    expect(result.stored).toBe(1);
    // deployments come from the API by default, so the provider's are refused
    expect(result.rejected.map(r => r.reason)).toEqual([
      "metric deployments comes from the metrics API and CSV imports (finops.metrics.deployments.source), not from 'prom'",
      'value -1 is negative',
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('takes deployments from the provider configured as their source', async () => {
    const knex = await databases.init(id);
    await applyMigrations(knex);
    const store = new MetricStore(knex);
    const metrics = new MetricService(store, { deploymentsSource: 'prom' });
    const { p } = provider('prom');
    const result = await runMetricProvider({
      provider: p,
      entities: async () => [],
      metrics,
      logger: mockServices.logger.mock(),
      lookbackDays: 1,
      now: new Date('2025-03-10T08:00:00Z'),
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
