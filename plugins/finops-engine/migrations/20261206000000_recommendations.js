/**
 * Recommendations and their lifecycle:
 * - `finops_recommendations`: one row per recommendation of a source (a
 *   configured file source, a detector or a module's provider), the source's
 *   row in the shape of the FOCUS Recommendation draft, its owner and the
 *   entities that share its cost, its status and its verification;
 * - `finops_recommendation_entities`: the entities each is shown to (its
 *   owner, and the consumers of a shared owner), for the entity views;
 * - `finops_recommendation_events`: every change of status, with who, when,
 *   from, to and why.
 * Amounts are exact decimal text.
 */

exports.up = async function up(knex) {
  await knex.schema.createTable('finops_recommendations', table => {
    table.comment('Cost recommendations, owned and tracked');
    table.string('id', 64).primary();
    table.string('source', 255).notNullable();
    table.string('format', 64).notNullable();
    table.string('recommendation_id', 1024).notNullable();
    table.text('row').notNullable();
    table.text('resource_id');
    table.string('subcategory', 64).notNullable();
    table.string('estimated_monthly_savings', 64).notNullable();
    table.string('currency', 16).notNullable();
    table.string('owner_ref', 512);
    table.text('owner_evidence');
    table.text('shared_with').notNullable().defaultTo('[]');
    table.string('status', 16).notNullable();
    table.string('dismiss_reason', 32);
    table.text('status_note');
    table.string('deferred_until', 10);
    table.string('first_seen', 32).notNullable();
    table.string('last_seen', 32).notNullable();
    table.string('status_changed_at', 32).notNullable();
    table.string('first_response_at', 32);
    table.string('implemented_at', 32);
    table.text('verification');
    table.index(['owner_ref'], 'finops_recommendations_owner_idx');
    table.index(['source'], 'finops_recommendations_source_idx');
    table.index(['status'], 'finops_recommendations_status_idx');
  });
  await knex.schema.createTable('finops_recommendation_entities', table => {
    table.comment(
      'The entities a recommendation is shown to: its owner and those that share its cost',
    );
    table.string('recommendation', 64).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('role', 16).notNullable();
    table.primary(['recommendation', 'entity_ref']);
    table.index(['entity_ref'], 'finops_recommendation_entities_ref_idx');
  });
  await knex.schema.createTable('finops_recommendation_events', table => {
    table.comment('Every change of a recommendation status');
    table.bigIncrements('id').primary();
    table.string('recommendation', 64).notNullable();
    table.string('at', 32).notNullable();
    table.string('actor', 512).notNullable();
    table.string('from_status', 16);
    table.string('to_status', 16).notNullable();
    table.text('reason');
    table.text('note');
    table.string('deferred_until', 10);
    table.index(
      ['recommendation', 'id'],
      'finops_recommendation_events_rec_idx',
    );
  });
};

exports.down = async function down(knex) {
  await knex.schema.dropTable('finops_recommendation_events');
  await knex.schema.dropTable('finops_recommendation_entities');
  await knex.schema.dropTable('finops_recommendations');
};
