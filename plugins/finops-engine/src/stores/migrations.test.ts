import { createTestDatabases } from '../__testUtils__/databases';
import { migrationsDir } from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('migrate up, hold data, and migrate down cleanly', async () => {
    const knex = await databases.init(databaseId);
    const config = {
      directory: migrationsDir,
      tableName: 'finops_knex_migrations',
    };
    await knex.migrate.latest(config);

    const [group] = await knex('finops_fact_groups')
      .insert({
        key_hash: 'h1',
        billing_account_id: '1',
        provider: 'AWS',
        service_name: 'S3',
        charge_category: 'Usage',
        currency: 'USD',
      })
      .returning('id');
    const groupId = typeof group === 'object' ? group.id : group;
    await knex('finops_cost_facts').insert({
      source_id: 's',
      billing_period: '2024-01',
      day: '2024-01-02',
      group_id: groupId,
      billed_cost: '0.00000000001',
      effective_cost: '12345678901234.123456789012',
      list_cost: '1',
      contracted_cost: '1',
      consumed_quantity: '0',
      row_count: 1,
    });
    const fact = await knex('finops_cost_facts').first();
    expect(String(fact.effective_cost)).toMatch(
      /^12345678901234\.123456789012/,
    );
    expect(String(fact.billed_cost)).toMatch(/^0\.00000000001/);

    await knex('finops_metrics').insert({
      entity_ref: 'component:default/a',
      metric: 'requests',
      day: '2024-01-02',
      value: 0.1,
      source: 'api',
      updated_at: '2024-01-03T00:00:00.000Z',
    });
    const metric = await knex('finops_metrics').first();
    expect(Number(metric.value)).toBe(0.1);

    await knex.migrate.rollback(config, true);
    expect(await knex.schema.hasTable('finops_metrics')).toBe(false);
    expect(await knex.schema.hasTable('finops_cost_facts')).toBe(false);
    expect(await knex.schema.hasTable('finops_fact_groups')).toBe(false);
    await knex.migrate.latest(config);
    expect(await knex.schema.hasTable('finops_cost_facts')).toBe(true);
  });
});
