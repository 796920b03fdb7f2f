/**
 * The estimate a recommendation had when it was dismissed
 * (`finops_recommendations.dismissed_savings`, exact decimal text): a
 * dismissed recommendation reopens when a source's estimate grows by more
 * than the configured factor over this one, however many imports updated
 * the estimate in between. Recommendations dismissed before keep their
 * current estimate as the one at dismissal.
 */

exports.up = async function up(knex) {
  await knex.schema.alterTable('finops_recommendations', table => {
    table.string('dismissed_savings', 64);
  });
  await knex('finops_recommendations')
    .where('status', 'dismissed')
    .update({ dismissed_savings: knex.ref('estimated_monthly_savings') });
};

exports.down = async function down(knex) {
  await knex.schema.alterTable('finops_recommendations', table => {
    table.dropColumn('dismissed_savings');
  });
};
