/**
 * Attribution results: daily allocations of fact groups to entities (all four
 * measures, exact), their evidence, rollup membership, attribution runs with
 * what moved between entities, and admins' override rules.
 */

function money(knex, table, name) {
  if (knex.client.config.client.includes('sqlite')) {
    return table.text(name).notNullable().defaultTo('0');
  }
  return table.specificType(name, 'numeric').notNullable().defaultTo(0);
}

exports.up = async function up(knex) {
  await knex.schema.createTable('finops_allocations', table => {
    table.comment(
      'The cost of each fact group and day attributed to an entity',
    );
    table.string('currency', 16).notNullable();
    table.string('day', 10).notNullable();
    table.string('billing_period', 7).notNullable();
    table.bigInteger('group_id').notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('method', 32).notNullable();
    table.float('confidence').notNullable();
    money(knex, table, 'billed_cost');
    money(knex, table, 'effective_cost');
    money(knex, table, 'list_cost');
    money(knex, table, 'contracted_cost');
    table.index(['entity_ref', 'day'], 'finops_allocations_entity_day_idx');
    table.index(['group_id'], 'finops_allocations_group_idx');
    table.index(['day'], 'finops_allocations_day_idx');
  });

  await knex.schema.createTable('finops_allocation_evidence', table => {
    table.comment('Why a fact group is attributed to an entity');
    table.bigInteger('group_id').notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('method', 32).notNullable();
    table.text('evidence').notNullable();
    table.primary(['group_id', 'entity_ref', 'method']);
    table.index(['entity_ref'], 'finops_allocation_evidence_entity_idx');
  });

  await knex.schema.createTable('finops_entity_members', table => {
    table.comment(
      'Rollup closure: the entities whose direct cost counts in an entity total (itself included)',
    );
    table.string('entity_ref', 512).notNullable();
    table.string('member_ref', 512).notNullable();
    // the direct child of entity_ref through which member_ref rolls up (member_ref itself for the entity)
    table.string('via_ref', 512).notNullable();
    table.primary(['entity_ref', 'member_ref']);
  });

  await knex.schema.createTable('finops_attribution_runs', table => {
    table.comment('One row per attribution run, with its findings');
    table.string('id', 64).primary();
    table.string('trigger', 64).notNullable();
    table.string('status', 16).notNullable();
    table.text('error');
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32);
    table.string('catalog_fingerprint', 64);
    table.text('report').notNullable().defaultTo('{}');
  });

  await knex.schema.createTable('finops_attribution_changes', table => {
    table.comment('How much cost moved to or from an entity in a run, and why');
    table.string('run_id', 64).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('currency', 16).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.text('previous').notNullable();
    table.text('current').notNullable();
    table.text('delta').notNullable();
    table.text('reason').notNullable();
    table.index(['created_at'], 'finops_attribution_changes_created_idx');
  });

  await knex.schema.createTable('finops_overrides', table => {
    table.comment(
      'Attribution rules stored by admins, applied at the resource-id level',
    );
    table.string('id', 64).primary();
    table.text('match').notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('created_by', 512).notNullable();
    table.string('created_at', 32).notNullable();
    table.text('note');
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_overrides');
  await knex.schema.dropTable('finops_attribution_changes');
  await knex.schema.dropTable('finops_attribution_runs');
  await knex.schema.dropTable('finops_entity_members');
  await knex.schema.dropTable('finops_allocation_evidence');
  await knex.schema.dropTable('finops_allocations');
};
