import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@costwise/plugin-finops-engine',
  'migrations',
);

/** Brings the database to the latest schema.
 *
 * @public
 */
export async function applyMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: 'finops_knex_migrations',
  });
}

export { migrationsDir };
