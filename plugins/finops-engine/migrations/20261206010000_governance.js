/**
 * Governance:
 * - `finops_kpi_history`: each KPI's value per scope (the organization, or a
 *   team's ref) and month, stored when the month closed, so that its trend
 *   does not shift when rules change later;
 * - `finops_kpi_targets`: the targets admins set (the organization's, with
 *   an empty scope, or a team's), with who and when.
 */

exports.up = async function up(knex) {
  await knex.schema.createTable('finops_kpi_history', table => {
    table.comment('KPI values per scope and closed month');
    table.string('scope', 512).notNullable();
    table.string('kpi', 64).notNullable();
    table.string('month', 7).notNullable();
    table.string('value', 64);
    table.text('detail').notNullable().defaultTo('{}');
    table.text('message');
    table.string('computed_at', 32).notNullable();
    table.primary(['scope', 'kpi', 'month']);
  });
  await knex.schema.createTable('finops_kpi_targets', table => {
    table.comment('KPI targets set by admins');
    table.string('kpi', 64).notNullable();
    table.string('scope', 512).notNullable();
    table.string('target', 64);
    table.string('updated_by', 512).notNullable();
    table.string('updated_at', 32).notNullable();
    table.primary(['kpi', 'scope']);
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_kpi_targets');
  await knex.schema.dropTable('finops_kpi_history');
};
