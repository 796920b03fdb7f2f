/**
 * An override rule either gives what it matches to its entity (`assign`)
 * or forbids its entity to take it (`deny`: an admin rejected a claim).
 */

exports.up = async function up(knex) {
  await knex.schema.alterTable('finops_overrides', table => {
    table.string('effect', 16).notNullable().defaultTo('assign');
  });
};

exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_overrides', table => {
    table.dropColumn('effect');
  });
};
