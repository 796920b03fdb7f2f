/**
 * Cost anomalies and their triage:
 * - `finops_anomalies`: one row per anomaly episode of a series (an
 *   entity's rolled-up daily cost, or one fact group's cost on an entity),
 *   found again and updated in place by later detections (matched by series
 *   and days, so the id and the triage status stay), with its explanation;
 * - `finops_anomaly_events`: every change of status, with who, when, from,
 *   to and the note given.
 * Amounts are exact decimal text.
 */

exports.up = async function up(knex) {
  await knex.schema.createTable('finops_anomalies', table => {
    table.comment('Cost anomalies, explained and triaged');
    table.string('id', 64).primary();
    table.string('series_key', 1024).notNullable();
    table.string('scope', 16).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.text('resource_id');
    table.string('group_key', 64);
    table.string('measure', 32).notNullable();
    table.string('currency', 16).notNullable();
    table.string('day', 10).notNullable();
    table.string('last_day', 10).notNullable();
    table.integer('days').notNullable();
    table.string('expected', 64).notNullable();
    table.string('actual', 64).notNullable();
    table.string('impact', 64).notNullable();
    table.string('peak_impact', 64).notNullable();
    table.float('score').notNullable();
    table.text('root_causes').notNullable().defaultTo('[]');
    table.text('new_resources').notNullable().defaultTo('[]');
    table.text('usage_vs_price');
    table.text('explanation').notNullable();
    table.text('parents').notNullable().defaultTo('[]');
    table.string('status', 16).notNullable();
    table.string('detected_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.string('acknowledged_at', 32);
    table.string('resolved_at', 32);
    table.index(['entity_ref', 'day'], 'finops_anomalies_entity_day_idx');
    table.index(['day'], 'finops_anomalies_day_idx');
    table.index(['status'], 'finops_anomalies_status_idx');
    table.index(['series_key'], 'finops_anomalies_series_idx');
  });
  await knex.schema.createTable('finops_anomaly_events', table => {
    table.comment('Every change of an anomaly status');
    table.bigIncrements('id').primary();
    table.string('anomaly', 64).notNullable();
    table.string('at', 32).notNullable();
    table.string('actor', 512).notNullable();
    table.string('from_status', 16);
    table.string('to_status', 16).notNullable();
    table.text('note');
    table.index(['anomaly', 'id'], 'finops_anomaly_events_anomaly_idx');
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_anomaly_events');
  await knex.schema.dropTable('finops_anomalies');
};
