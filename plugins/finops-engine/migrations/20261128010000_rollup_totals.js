/**
 * Rollup totals written with each attribution run, so that a System's,
 * Domain's or Group's summary reads tens of rows instead of every allocation
 * of its members: the daily cost of each rollup per currency and method, and
 * its cost per fact group and method over the run's last 30 days; and the
 * version of the allocations, changed in the transaction that replaces them.
 */

function money(knex, table, name) {
  if (knex.client.config.client.includes('sqlite')) {
    return table.text(name).notNullable().defaultTo('0');
  }
  return table.specificType(name, 'numeric').notNullable().defaultTo(0);
}

function measures(knex, table) {
  money(knex, table, 'billed_cost');
  money(knex, table, 'effective_cost');
  money(knex, table, 'list_cost');
  money(knex, table, 'contracted_cost');
  // the sums of the negative allocation amounts, from which the absolute sums follow
  money(knex, table, 'billed_negative');
  money(knex, table, 'effective_negative');
  money(knex, table, 'list_negative');
  money(knex, table, 'contracted_negative');
}

exports.up = async function up(knex) {
  await knex.schema.createTable('finops_rollup_daily', table => {
    table.comment(
      'Attributed cost of a rollup entity per day, currency and method (the allocations of its members summed)',
    );
    table.string('entity_ref', 512).notNullable();
    table.string('day', 10).notNullable();
    table.string('currency', 16).notNullable();
    table.string('method', 32).notNullable();
    measures(knex, table);
    table.integer('rows').notNullable();
    table.index(['entity_ref', 'day'], 'finops_rollup_daily_entity_day_idx');
  });
  await knex.schema.createTable('finops_rollup_groups', table => {
    table.comment(
      'Attributed cost of a rollup entity per fact group and method over the last 30 days of the data of the run',
    );
    table.string('entity_ref', 512).notNullable();
    table.string('from_day', 10).notNullable();
    table.string('to_day', 10).notNullable();
    table.string('currency', 16).notNullable();
    table.bigInteger('group_id').notNullable();
    table.string('method', 32).notNullable();
    measures(knex, table);
    table.integer('rows').notNullable();
    table.index(['entity_ref'], 'finops_rollup_groups_entity_idx');
  });

  await knex.schema.createTable('finops_data_versions', table => {
    table.comment(
      'Changes in the same transaction as the data it names, so caches of views know when to forget',
    );
    table.string('name', 64).primary();
    table.string('version', 64).notNullable();
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_data_versions');
  await knex.schema.dropTable('finops_rollup_groups');
  await knex.schema.dropTable('finops_rollup_daily');
};
