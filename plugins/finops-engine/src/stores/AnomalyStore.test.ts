import { createTestDatabases } from '../__testUtils__/databases';
import { AnomalyStore, StoredAnomaly } from './AnomalyStore';
import { applyMigrations, migrationsDir } from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function anomaly(id: string, over: Partial<StoredAnomaly> = {}): StoredAnomaly {
  return {
    id,
    seriesKey: `entity|USD|EffectiveCost|component:default/${id}`,
    scope: 'entity',
    entityRef: `component:default/${id}`,
    resourceId: null,
    groupKey: null,
    day: '2026-11-26',
    lastDay: '2026-11-26',
    days: 1,
    measure: 'EffectiveCost',
    currency: 'USD',
    expected: '85.02',
    actual: '264.954873609539012345',
    impact: '179.934873609539012345',
    peakImpact: '179.934873609539012345',
    score: 177.9,
    rootCauses: [
      {
        dimension: 'resource',
        value: 'fn-1',
        contribution: '172.74',
        actual: '196.5421512201',
        expected: '23.80',
      },
    ],
    newResources: [],
    explanation: 'cart cost 264.95 USD on Thursday 2026-11-26.',
    parents: ['system:default/shop'],
    status: 'new',
    detectedAt: '2026-11-27T06:00:00.000Z',
    updatedAt: '2026-11-27T06:00:00.000Z',
    ...over,
  };
}

describe.each(databases.eachSupportedId())('AnomalyStore on %p', databaseId => {
  let store: AnomalyStore;
  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    store = new AnomalyStore(knex);
  });

  it('stores anomalies exactly, updates them in place and keeps their history', async () => {
    await store.save(
      [
        anomaly('cart'),
        anomaly('api', {
          day: '2026-11-20',
          lastDay: '2026-11-23',
          days: 3,
          scope: 'resource',
          resourceId: 'i-api',
          groupKey: 'abc',
          usageVsPrice: {
            usage: '1.00',
            price: '2.00',
            other: '0.00',
            lines: 1,
          },
          newResources: [{ resourceId: 'i-api', service: 'EC2', cost: '3' }],
        }),
      ],
      [
        {
          anomaly: 'cart',
          at: '2026-11-27T06:00:00.000Z',
          actor: 'costwise',
          from: null,
          to: 'new',
        },
      ],
    );
    expect(await store.get('cart')).toEqual(anomaly('cart'));
    await store.save(
      [
        anomaly('cart', {
          status: 'acknowledged',
          acknowledgedAt: '2026-11-27T08:00:00.000Z',
        }),
      ],
      [
        {
          anomaly: 'cart',
          at: '2026-11-27T08:00:00.000Z',
          actor: 'user:default/ann',
          from: 'new',
          to: 'acknowledged',
          note: 'looking',
        },
      ],
    );
    const cart = await store.get('cart');
    expect(cart?.status).toBe('acknowledged');
    expect(cart?.acknowledgedAt).toBe('2026-11-27T08:00:00.000Z');
    expect((await store.events(['cart'])).get('cart')).toEqual([
      {
        at: '2026-11-27T06:00:00.000Z',
        actor: 'costwise',
        from: null,
        to: 'new',
      },
      {
        at: '2026-11-27T08:00:00.000Z',
        actor: 'user:default/ann',
        from: 'new',
        to: 'acknowledged',
        note: 'looking',
      },
    ]);
    const api = await store.get('api');
    expect(api?.usageVsPrice).toEqual({
      usage: '1.00',
      price: '2.00',
      other: '0.00',
      lines: 1,
    });
  });

  it('filters by entity, status, series and days, newest first', async () => {
    expect((await store.list()).map(a => a.id)).toEqual(['cart', 'api']);
    expect(
      (await store.list({ entityRefs: ['component:default/api'] })).map(
        a => a.id,
      ),
    ).toEqual(['api']);
    expect(
      (await store.list({ statuses: ['acknowledged'] })).map(a => a.id),
    ).toEqual(['cart']);
    // an episode counts for the days it spans
    expect(
      (await store.list({ from: '2026-11-22', to: '2026-11-22' })).map(
        a => a.id,
      ),
    ).toEqual(['api']);
    expect(await store.list({ entityRefs: [] })).toEqual([]);
    const many = Array.from(
      { length: 1200 },
      (_, i) => `component:default/x${i}`,
    );
    expect(
      (
        await store.list({ entityRefs: [...many, 'component:default/cart'] })
      ).map(a => a.id),
    ).toEqual(['cart']);
    expect(
      (
        await store.list({
          seriesKeys: ['entity|USD|EffectiveCost|component:default/api'],
        })
      ).map(a => a.id),
    ).toEqual(['api']);
  });

  it('deletes anomalies with their events', async () => {
    await store.delete(['cart']);
    expect(await store.get('cart')).toBeUndefined();
    expect((await store.events(['cart'])).get('cart')).toBeUndefined();
    expect((await store.list()).map(a => a.id)).toEqual(['api']);
  });

  it('migrates down and up again with anomalies stored', async () => {
    const knex = await databases.init(databaseId);
    const config = {
      directory: migrationsDir,
      tableName: 'finops_knex_migrations',
    };
    await knex.migrate.latest(config);
    await new AnomalyStore(knex).save([anomaly('kept')]);
    // down to before the anomalies
    while (
      (await knex.migrate.currentVersion(config)) >= '20261207000000' &&
      (await knex.schema.hasTable('finops_anomalies'))
    )
      await knex.migrate.down(config);
    expect(await knex.schema.hasTable('finops_anomalies')).toBe(false);
    expect(await knex.schema.hasTable('finops_anomaly_events')).toBe(false);
    expect(await knex.schema.hasTable('finops_recommendations')).toBe(true);
    await knex.migrate.latest(config);
    expect(await new AnomalyStore(knex).list()).toEqual([]);
  });
});
