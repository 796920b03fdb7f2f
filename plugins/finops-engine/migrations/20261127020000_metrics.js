/**
 * Business metrics: one value per entity, metric and day (requests, orders,
 * active users, deployments ...), the denominators of unit cost.
 *
 * Values are counts and gauges, not money: they are stored as IEEE 754 double
 * precision (`double precision` on PostgreSQL, `REAL` on SQLite), which holds
 * every JavaScript number exactly, so a value reads back as it was sent.
 * Sums over days are made exactly in decimal by the backend.
 */

exports.up = async function up(knex) {
  await knex.schema.createTable('finops_metrics', table => {
    table.comment('Daily business metric values per catalog entity');
    table.string('entity_ref', 512).notNullable();
    table.string('metric', 100).notNullable();
    table.string('day', 10).notNullable();
    table.double('value').notNullable();
    // who sent it: api, csv, demo, or a metric provider id
    table.string('source', 128).notNullable();
    table.string('updated_at', 32).notNullable();
    table.primary(['entity_ref', 'metric', 'day']);
    table.index(['metric', 'day'], 'finops_metrics_metric_day_idx');
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_metrics');
};
