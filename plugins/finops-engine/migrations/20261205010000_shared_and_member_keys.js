/**
 * What the views break costs down by beyond the fact group:
 * - `finops_allocations.shared_from`: the shared Resource a `shared`
 *   allocation came through, so that a Resource shows the cost it pooled
 *   and how it was split;
 * - `finops_entity_members.team_ref` and `system_ref`: for each member of a
 *   rollup, the line it counts in by team (a Group's sub-team, or the
 *   member's owner) and by system.
 * A run after this migration fills them (the catalog fingerprint includes
 * the results' format, so one runs at start-up).
 */

exports.up = async function up(knex) {
  await knex.schema.alterTable('finops_allocations', table => {
    table.string('shared_from', 512).nullable();
    table.index(['shared_from', 'day'], 'finops_allocations_shared_day_idx');
  });
  await knex.schema.alterTable('finops_entity_members', table => {
    table.string('team_ref', 512).nullable();
    table.string('system_ref', 512).nullable();
  });
};

exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_entity_members', table => {
    table.dropColumn('system_ref');
    table.dropColumn('team_ref');
  });
  await knex.schema.alterTable('finops_allocations', table => {
    table.dropIndex(
      ['shared_from', 'day'],
      'finops_allocations_shared_day_idx',
    );
    table.dropColumn('shared_from');
  });
};
