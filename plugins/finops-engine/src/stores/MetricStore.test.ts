import { createTestDatabases } from '../__testUtils__/databases';
import { applyMigrations } from './migrations';
import { MetricStore } from './MetricStore';

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('MetricStore on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    await knex('finops_metrics').delete();
    return { knex, store: new MetricStore(knex) };
  }

  it('upserts idempotently on entity, metric and day', async () => {
    const { knex, store } = await setup();
    const batch = [
      {
        entity: 'component:default/a',
        metric: 'requests',
        date: '2025-03-01',
        value: 1200,
      },
      {
        entity: 'component:default/a',
        metric: 'requests',
        date: '2025-03-02',
        value: 0,
      },
      {
        entity: 'component:default/b',
        metric: 'orders',
        date: '2025-03-01',
        value: 0.1,
      },
    ];
    expect(await store.upsert(batch, 'api')).toBe(3);
    expect(await store.upsert(batch, 'api')).toBe(3);
    expect(Number((await knex('finops_metrics').count({ n: '*' }))[0].n)).toBe(
      3,
    );

    // a corrected value replaces the old one
    await store.upsert(
      [
        {
          entity: 'component:default/a',
          metric: 'requests',
          date: '2025-03-01',
          value: 1300,
        },
      ],
      'csv',
    );
    const values = await store.values({ entityRefs: ['component:default/a'] });
    expect(values).toEqual([
      {
        entity: 'component:default/a',
        metric: 'requests',
        date: '2025-03-01',
        value: 1300,
        source: 'csv',
      },
      {
        entity: 'component:default/a',
        metric: 'requests',
        date: '2025-03-02',
        value: 0,
        source: 'api',
      },
    ]);
  });

  it('reads values back exactly as sent', async () => {
    const { store } = await setup();
    const odd = [0.1, 1e-7, 123456789.123456, 2 ** 53 - 1, 1e15 + 0.5];
    await store.upsert(
      odd.map((value, i) => ({
        entity: 'component:default/a',
        metric: 'gauge',
        date: `2025-01-0${i + 1}`,
        value,
      })),
      'api',
    );
    const values = await store.values({
      entityRefs: ['component:default/a'],
      metrics: ['gauge'],
    });
    expect(values.map(v => v.value)).toEqual(odd);
  });

  it('filters by metric and days and lists the metric names per entity', async () => {
    const { store } = await setup();
    await store.upsert(
      [
        {
          entity: 'component:default/a',
          metric: 'requests',
          date: '2025-03-01',
          value: 1,
        },
        {
          entity: 'component:default/a',
          metric: 'requests',
          date: '2025-03-05',
          value: 2,
        },
        {
          entity: 'component:default/a',
          metric: 'deployments',
          date: '2025-03-05',
          value: 3,
        },
        {
          entity: 'component:default/b',
          metric: 'orders',
          date: '2025-03-05',
          value: 4,
        },
      ],
      'api',
    );
    const values = await store.values({
      entityRefs: ['component:default/a', 'component:default/b'],
      metrics: ['requests', 'orders'],
      from: '2025-03-02',
      to: '2025-03-31',
    });
    expect(values.map(v => [v.entity, v.metric, v.value])).toEqual([
      ['component:default/a', 'requests', 2],
      ['component:default/b', 'orders', 4],
    ]);
    const names = await store.metricNames([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    expect([...names.get('component:default/a')!].sort()).toEqual([
      'deployments',
      'requests',
    ]);
    expect([...names.get('component:default/b')!]).toEqual(['orders']);
    expect(names.has('component:default/c')).toBe(false);
  });
});
