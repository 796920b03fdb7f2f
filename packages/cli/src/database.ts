import knexFactory, { Knex } from 'knex';
import path from 'path';
import { applyMigrations } from '@costwise/plugin-finops-engine';

/**
 * Opens the cost database: a PostgreSQL URL, or a SQLite file path. Without
 * `--db`, the `COSTWISE_DB` environment variable names it (so that a
 * password need not appear on a command line, where other users of the
 * machine and shell histories see it), else ./costwise.sqlite.
 */
export async function openDatabase(db: string | undefined): Promise<Knex> {
  const target = db ?? process.env.COSTWISE_DB ?? 'costwise.sqlite';
  const knex = /^postgres(ql)?:\/\//.test(target)
    ? knexFactory({
        client: 'pg',
        connection: target,
        pool: { min: 0, max: 4 },
      })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.resolve(target) },
        useNullAsDefault: true,
      });
  await applyMigrations(knex);
  return knex;
}
