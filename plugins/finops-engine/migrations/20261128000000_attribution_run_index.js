/**
 * The entity views look up the latest succeeded attribution run on every
 * request. Runs accumulate (one per ingestion and catalog change, each with
 * its report), and without an index every look-up reads them all.
 */

exports.up = async function up(knex) {
  await knex.schema.alterTable('finops_attribution_runs', table => {
    table.index(['status', 'started_at'], 'finops_attribution_runs_status_idx');
  });
};

exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_attribution_runs', table => {
    table.dropIndex(
      ['status', 'started_at'],
      'finops_attribution_runs_status_idx',
    );
  });
};
