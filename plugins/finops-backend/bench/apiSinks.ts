/*
 * Bulk inserts for the API benchmark. Going through knex row by row would
 * make filling millions of rows take far longer than the benchmark itself,
 * so rows are written on the raw connection: prepared statements in
 * transactions on SQLite, one `INSERT ... SELECT FROM unnest(...)` per batch
 * on PostgreSQL.
 */
import type { Knex } from 'knex';

/** A column and its PostgreSQL type (for the unnest cast). */
export type Column = [name: string, pgType: string];

export interface Sink {
  readonly table: string;
  pending: number;
  written: number;
  push(row: unknown[]): void;
  flush(): Promise<void>;
}

/** Whether the database behind knex is SQLite. */
export function isSqlite(knex: Knex): boolean {
  return String(knex.client.config.client).includes('sqlite');
}

/**
 * Opens one raw connection for loading and returns a factory of sinks on
 * it, and a function that gives the connection back.
 */
export async function openSinks(knex: Knex) {
  const connection: any = await knex.client.acquireConnection();
  const sqlite = isSqlite(knex);
  if (sqlite) {
    // Only this loading connection skips fsync; the server opens its own.
    connection.pragma('synchronous = OFF');
    connection.pragma('journal_mode = MEMORY');
  }

  const sink = (table: string, columns: Column[]): Sink => {
    let rows: unknown[][] = [];
    const names = columns.map(([name]) => name).join(', ');
    const statement = sqlite
      ? connection.prepare(
          `INSERT INTO ${table} (${names}) VALUES (${columns
            .map(() => '?')
            .join(', ')})`,
        )
      : undefined;
    const insertAll = sqlite
      ? connection.transaction((batch: unknown[][]) => {
          for (const row of batch) statement.run(row);
        })
      : undefined;
    const pgInsert = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${columns
      .map(([, type], i) => `$${i + 1}::${type}[]`)
      .join(', ')})`;
    const out: Sink = {
      table,
      pending: 0,
      written: 0,
      push(row) {
        rows.push(row);
        out.pending++;
      },
      async flush() {
        if (rows.length === 0) return;
        const batch = rows;
        rows = [];
        out.pending = 0;
        if (sqlite) {
          insertAll(batch);
        } else {
          const arrays = columns.map((_, i) => batch.map(r => r[i]));
          await connection.query(pgInsert, arrays);
        }
        out.written += batch.length;
      },
    };
    return out;
  };

  return {
    sink,
    async release() {
      await knex.client.releaseConnection(connection);
    },
  };
}

/**
 * Runs `load` with the big tables' secondary indexes dropped, and builds
 * them again from their own definitions afterwards: one sort per index is
 * much faster than keeping them up to date row by row. Primary keys and
 * unique indexes stay, as they guard the data.
 */
export async function withoutSecondaryIndexes<T>(
  knex: Knex,
  tables: string[],
  load: () => Promise<T>,
): Promise<T> {
  const definitions: { name: string; sql: string }[] = isSqlite(knex)
    ? await knex('sqlite_master')
        .where({ type: 'index' })
        .whereIn('tbl_name', tables)
        .whereNotNull('sql')
        .whereRaw("sql NOT LIKE 'CREATE UNIQUE%'")
        .select('name', 'sql')
    : (
        await knex.raw(
          `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS sql
           FROM pg_index x
           JOIN pg_class i ON i.oid = x.indexrelid
           JOIN pg_class t ON t.oid = x.indrelid
           WHERE t.relname = ANY(?) AND NOT x.indisprimary AND NOT x.indisunique`,
          [tables],
        )
      ).rows;
  for (const { name } of definitions) await knex.raw('DROP INDEX ??', [name]);
  try {
    return await load();
  } finally {
    for (const { sql } of definitions) await knex.raw(sql);
  }
}
