import { createTestDatabases } from '../__testUtils__/databases';
import { applyMigrations, migrationsDir } from './migrations';
import { BudgetStore, StoredBudgetAlert } from './BudgetStore';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const alert = (
  threshold: string,
  overrides: Partial<StoredBudgetAlert> = {},
): StoredBudgetAlert => ({
  entityRef: 'component:default/cart',
  period: 'monthly',
  periodStart: '2026-11-01',
  threshold,
  amount: '1200',
  currency: 'USD',
  spent: '990.123456789',
  forecast: '1310.00',
  sentAt: '2026-11-21T06:00:00.000Z',
  ...overrides,
});

describe.each(databases.eachSupportedId())('BudgetStore on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    await knex('finops_budget_alerts').delete();
    await knex('finops_budgets').delete();
    return { knex, store: new BudgetStore(knex) };
  }

  it('keeps an admin budget exactly, with who and when, and replaces it', async () => {
    const { store } = await setup();
    expect(await store.get('system:default/shop')).toBeUndefined();
    await store.set({
      entityRef: 'system:default/shop',
      amount: '15000.123456789012',
      currency: 'EUR',
      period: 'quarterly',
      setBy: 'user:default/finops-admin',
      setAt: '2026-11-02T10:00:00.000Z',
    });
    await store.set({
      entityRef: 'component:default/cart',
      amount: '1200',
      currency: 'USD',
      period: 'monthly',
      setBy: 'user:default/finops-admin',
      setAt: '2026-11-02T10:00:00.000Z',
    });
    expect(await store.get('system:default/shop')).toEqual({
      entityRef: 'system:default/shop',
      amount: '15000.123456789012',
      currency: 'EUR',
      period: 'quarterly',
      setBy: 'user:default/finops-admin',
      setAt: '2026-11-02T10:00:00.000Z',
    });
    await store.set({
      entityRef: 'system:default/shop',
      amount: '16000',
      currency: 'EUR',
      period: 'yearly',
      setBy: 'user:default/other-admin',
      setAt: '2026-11-03T10:00:00.000Z',
    });
    expect(
      (await store.list()).map(b => [b.entityRef, b.amount, b.period, b.setBy]),
    ).toEqual([
      [
        'component:default/cart',
        '1200',
        'monthly',
        'user:default/finops-admin',
      ],
      ['system:default/shop', '16000', 'yearly', 'user:default/other-admin'],
    ]);
    expect(await store.delete('system:default/shop')).toBe(true);
    expect(await store.delete('system:default/shop')).toBe(false);
    expect((await store.list()).map(b => b.entityRef)).toEqual([
      'component:default/cart',
    ]);
  });

  it('records each threshold of a period once, however often it is claimed', async () => {
    const { store } = await setup();
    const first = await store.claimAlerts([alert('spend:0.8')]);
    expect(first).toEqual([alert('spend:0.8')]);
    // a later run (or another replica) sees 80% again and 100% newly
    const second = await store.claimAlerts([
      alert('spend:0.8'),
      alert('spend:1'),
      alert('forecast:1'),
    ]);
    expect(second.map(a => a.threshold)).toEqual(['spend:1', 'forecast:1']);
    expect(
      await store.claimAlerts([alert('spend:0.8'), alert('spend:1')]),
    ).toEqual([]);
    // the next period alerts again
    expect(
      await store.claimAlerts([
        alert('spend:0.8', { periodStart: '2026-12-01' }),
      ]),
    ).toHaveLength(1);
    const stored = await store.alerts({
      entityRefs: ['component:default/cart'],
      periodStart: '2026-11-01',
    });
    expect(stored.map(a => a.threshold).sort()).toEqual([
      'forecast:1',
      'spend:0.8',
      'spend:1',
    ]);
    expect(stored[0].spent).toBe('990.123456789');
  });

  it('claims concurrent evaluations once', async () => {
    const { store } = await setup();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        store.claimAlerts([alert('spend:0.8'), alert('spend:1')]),
      ),
    );
    expect(results.flat()).toHaveLength(2);
  });

  it('releases an alert that could not be sent, for the next run to send', async () => {
    const { store } = await setup();
    const [claimed] = await store.claimAlerts([alert('spend:1')]);
    await store.releaseAlerts([claimed]);
    expect(await store.alerts()).toEqual([]);
    expect(await store.claimAlerts([alert('spend:1')])).toHaveLength(1);
  });

  it('migrates down and up again with budgets stored', async () => {
    const { knex, store } = await setup();
    await store.set({
      entityRef: 'group:default/team',
      amount: '1',
      currency: 'USD',
      period: 'monthly',
      setBy: 'user:default/a',
      setAt: '2026-11-02T10:00:00.000Z',
    });
    await store.claimAlerts([alert('spend:1')]);
    const config = {
      directory: migrationsDir,
      tableName: 'finops_knex_migrations',
    };
    await knex.migrate.down({ ...config, name: '20261207010000_budgets.js' });
    expect(await knex.schema.hasTable('finops_budgets')).toBe(false);
    expect(await knex.schema.hasTable('finops_budget_alerts')).toBe(false);
    await knex.migrate.latest(config);
    expect(await store.list()).toEqual([]);
  });
});
