/**
 * Budgets:
 * - `finops_budgets`: the budgets admins set, for entities whose catalog
 *   file the team does not control (an admin's budget wins over the
 *   entity's `costwise.dev/budget` annotation), with who and when;
 * - `finops_budget_alerts`: the alerts sent, one row per budget period and
 *   threshold, so that each threshold alerts once per period (across
 *   replicas: the row is claimed before the alert is sent).
 */

exports.up = async function up(knex) {
  await knex.schema.createTable('finops_budgets', table => {
    table.comment('Budgets set by admins');
    table.string('entity_ref', 512).primary();
    // exact decimal text, as entered
    table.string('amount', 64).notNullable();
    table.string('currency', 3).notNullable();
    table.string('period', 16).notNullable();
    table.string('set_by', 512).notNullable();
    table.string('set_at', 32).notNullable();
  });
  await knex.schema.createTable('finops_budget_alerts', table => {
    table.comment('Budget alerts sent, once per period and threshold');
    table.string('entity_ref', 512).notNullable();
    table.string('period', 16).notNullable();
    table.string('period_start', 10).notNullable();
    // `spend:0.8`, `forecast:1`
    table.string('threshold', 32).notNullable();
    table.string('amount', 64).notNullable();
    table.string('currency', 3).notNullable();
    table.string('spent', 64).notNullable();
    table.string('forecast', 64).notNullable();
    table.string('sent_at', 32).notNullable();
    table.primary(['entity_ref', 'period', 'period_start', 'threshold']);
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_budget_alerts');
  await knex.schema.dropTable('finops_budgets');
};
