/**
 * The cost store: fact groups (one row per distinct set of cost dimensions),
 * their tags, daily facts per group, ingestion runs and per-source locks.
 *
 * Money columns are exact: NUMERIC on PostgreSQL, TEXT holding a decimal
 * string on SQLite (whose NUMERIC affinity would round through a double).
 */

function money(knex, table, name) {
  if (knex.client.config.client.includes('sqlite')) {
    return table.text(name).notNullable().defaultTo('0');
  }
  return table.specificType(name, 'numeric').notNullable().defaultTo(0);
}

exports.up = async function up(knex) {
  await knex.schema.createTable('finops_fact_groups', table => {
    table.comment(
      'Distinct combinations of cost dimensions; daily facts reference them',
    );
    table.bigIncrements('id').primary();
    table.string('key_hash', 64).notNullable().unique();
    table.string('billing_account_id', 255).notNullable();
    table.string('sub_account_id', 255);
    table.string('sub_account_name', 255);
    table.string('provider', 255).notNullable();
    table.string('service_name', 255).notNullable();
    table.string('service_category', 255);
    table.string('region', 255);
    table.text('resource_id');
    table.text('resource_name');
    table.string('resource_type', 255);
    table.string('charge_category', 64).notNullable();
    table.string('pricing_category', 64);
    table.string('sku_id', 255);
    table.string('commitment_id', 512);
    table.string('commitment_status', 64);
    table.string('consumed_unit', 255);
    table.string('currency', 16).notNullable();
    table.text('tags').notNullable().defaultTo('{}');
    table.index(['resource_id'], 'finops_fact_groups_resource_idx');
    table.index(['sub_account_id'], 'finops_fact_groups_sub_account_idx');
    table.index(
      ['billing_account_id'],
      'finops_fact_groups_billing_account_idx',
    );
  });

  await knex.schema.createTable('finops_fact_group_tags', table => {
    table.comment(
      'Tags of fact groups, keys and values trimmed and lower-cased, for tag lookups',
    );
    table
      .bigInteger('group_id')
      .notNullable()
      .references('id')
      .inTable('finops_fact_groups')
      .onDelete('CASCADE');
    table.string('tag_key', 255).notNullable();
    table.text('tag_value').notNullable();
    table.primary(['group_id', 'tag_key']);
    table.index(['tag_key', 'tag_value'], 'finops_fact_group_tags_kv_idx');
  });

  await knex.schema.createTable('finops_cost_facts', table => {
    table.comment('Daily cost per source, billing period and fact group');
    table.string('source_id', 255).notNullable();
    table.string('billing_period', 7).notNullable();
    table.string('day', 10).notNullable();
    table
      .bigInteger('group_id')
      .notNullable()
      .references('id')
      .inTable('finops_fact_groups');
    money(knex, table, 'billed_cost');
    money(knex, table, 'effective_cost');
    money(knex, table, 'list_cost');
    money(knex, table, 'contracted_cost');
    money(knex, table, 'consumed_quantity');
    table.integer('row_count').notNullable().defaultTo(0);
    table.primary(['source_id', 'billing_period', 'day', 'group_id']);
    table.index(['day'], 'finops_cost_facts_day_idx');
    table.index(['group_id', 'day'], 'finops_cost_facts_group_day_idx');
  });

  await knex.schema.createTable('finops_source_periods', table => {
    table.comment(
      'What is stored for each source and billing period, and by which run',
    );
    table.string('source_id', 255).notNullable();
    table.string('billing_period', 7).notNullable();
    table.string('run_id', 64).notNullable();
    table.string('ingested_at', 32).notNullable();
    table.integer('facts').notNullable();
    table.integer('rows').notNullable();
    table.string('last_day', 10);
    table.primary(['source_id', 'billing_period']);
  });

  await knex.schema.createTable('finops_ingestion_runs', table => {
    table.comment('One row per ingestion run, with its reconciliation report');
    table.string('id', 64).primary();
    table.string('source_id', 255).notNullable();
    table.string('status', 16).notNullable();
    table.text('error');
    table.text('files').notNullable().defaultTo('[]');
    table.text('billing_periods').notNullable().defaultTo('[]');
    table.integer('rows').notNullable().defaultTo(0);
    table.integer('accepted').notNullable().defaultTo(0);
    table.integer('rejected').notNullable().defaultTo(0);
    table.text('rejections').notNullable().defaultTo('[]');
    table.integer('rejections_truncated').notNullable().defaultTo(0);
    table.text('providers').notNullable().defaultTo('{}');
    table.text('totals').notNullable().defaultTo('{}');
    table.text('stored_totals').notNullable().defaultTo('{}');
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32);
    table.index(
      ['source_id', 'started_at'],
      'finops_ingestion_runs_source_idx',
    );
  });

  await knex.schema.createTable('finops_locks', table => {
    table.comment(
      'Advisory locks so that one source is never ingested twice at once',
    );
    table.string('name', 255).primary();
    table.string('holder', 255).notNullable();
    table.string('expires_at', 32).notNullable();
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_locks');
  await knex.schema.dropTable('finops_ingestion_runs');
  await knex.schema.dropTable('finops_source_periods');
  await knex.schema.dropTable('finops_cost_facts');
  await knex.schema.dropTable('finops_fact_group_tags');
  await knex.schema.dropTable('finops_fact_groups');
};
