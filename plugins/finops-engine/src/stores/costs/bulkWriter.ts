import type { Knex } from 'knex';

/** The columns of a stored daily fact, in insert order. */
export const FACT_COLUMNS = [
  'source_id',
  'billing_period',
  'day',
  'group_id',
  'billed_cost',
  'effective_cost',
  'list_cost',
  'contracted_cost',
  'consumed_quantity',
  'row_count',
];

/** The PostgreSQL types of {@link FACT_COLUMNS}. */
const FACT_COLUMN_TYPES = [
  'text',
  'text',
  'text',
  'bigint',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'numeric',
  'integer',
];

/**
 * Facts per insert. SQLite: 10 columns × 500 rows = 5,000 bound values,
 * within its limit of 32,766 (a multi-row VALUES list is not bound by its
 * compound SELECT limit). PostgreSQL takes one array per column, whatever
 * the number of rows.
 */
export const SQLITE_FACT_CHUNK = 500;
/** Groups or tags per insert: within SQLite's 32,766 bound parameters. */
export const SQLITE_GROUP_CHUNK = 1000;
export const POSTGRES_GROUP_CHUNK = 5000;
export const POSTGRES_FACT_CHUNK = 5000;

function factInsertSql(rows: number): string {
  const tuple = `(${FACT_COLUMNS.map(() => '?').join(',')})`;
  return `INSERT INTO finops_cost_facts (${FACT_COLUMNS.join(
    ',',
  )}) VALUES ${Array.from({ length: rows }, () => tuple).join(',')}`;
}

/** A better-sqlite3 statement (it runs synchronously). */
export interface SqliteStatement {
  run(bindings: unknown[]): unknown;
  all(bindings: unknown[]): unknown[];
  /** Rows as arrays of column values instead of objects. */
  raw(arrays: boolean): SqliteStatement;
  iterate(bindings: unknown[]): IterableIterator<unknown[]>;
}

/** The part of a better-sqlite3 connection the inserts use. */
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/**
 * Statements prepared once on a transaction's better-sqlite3 connection:
 * bulk inserts skip the query builder's per-statement work (binding
 * thousands of values, preparing the same SQL again).
 */
export type PreparedStatements = (sql: string) => SqliteStatement;

/** Splits a list into lists of at most `size` items. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/**
 * The bulk statements of one transaction: fact inserts, multi-row inserts
 * with RETURNING, and (on better-sqlite3) statements prepared once on the
 * transaction's own connection.
 */
export class BulkWriter {
  private constructor(
    readonly tx: Knex.Transaction,
    readonly sqlite: boolean,
    /** Statements on the transaction's better-sqlite3 connection; undefined on other drivers. */
    readonly prepared: PreparedStatements | undefined,
  ) {}

  /** Opens the writer of a transaction of `db`. */
  static async open(db: Knex, tx: Knex.Transaction): Promise<BulkWriter> {
    const client = String(db.client.config.client);
    return new BulkWriter(
      tx,
      client.includes('sqlite'),
      client === 'better-sqlite3' ? await preparedStatements(tx) : undefined,
    );
  }

  /**
   * Returns a function inserting flat fact values (10 per fact) in the
   * transaction. On SQLite it runs a multi-row INSERT (prepared once per
   * batch size on better-sqlite3); on PostgreSQL one INSERT of the facts'
   * column arrays, unnested into rows: ten parameters however many facts it
   * carries.
   */
  factInserter(): (values: unknown[]) => Promise<void> {
    const { tx, prepared } = this;
    const columns = FACT_COLUMNS.length;
    if (this.sqlite) {
      return async values => {
        const sql = factInsertSql(values.length / columns);
        if (prepared) prepared(sql).run(values);
        else await tx.raw(sql, values as Knex.RawBinding[]);
      };
    }
    const sql = `INSERT INTO finops_cost_facts (${FACT_COLUMNS.join(
      ',',
    )}) SELECT * FROM unnest(${FACT_COLUMN_TYPES.map(t => `?::${t}[]`).join(
      ',',
    )})`;
    return async values => {
      const arrays: unknown[][] = FACT_COLUMNS.map(() => []);
      for (let i = 0; i < values.length; i++)
        arrays[i % columns].push(values[i]);
      await tx.raw(sql, arrays as Knex.RawBinding[]);
    };
  }

  /**
   * Inserts rows of values in one statement: multi-row VALUES on SQLite,
   * unnested column arrays on PostgreSQL. Returns the `returning` columns
   * of the inserted rows.
   */
  async insertRows(
    table: string,
    columns: readonly (readonly [string, string])[],
    rows: unknown[][],
    returning?: string,
  ): Promise<unknown[]> {
    const { tx, prepared } = this;
    if (rows.length === 0) return [];
    const names = columns.map(([name]) => name).join(', ');
    const tail = returning ? ` RETURNING ${returning}` : '';
    if (this.sqlite) {
      const row = `(${columns.map(() => '?').join(',')})`;
      const sql = `INSERT INTO ${table} (${names}) VALUES ${rows
        .map(() => row)
        .join(',')}${tail}`;
      if (prepared) {
        const statement = prepared(sql);
        if (!returning) {
          statement.run(rows.flat());
          return [];
        }
        return statement.all(rows.flat());
      }
      const result = await tx.raw(sql, rows.flat() as Knex.RawBinding[]);
      return Array.isArray(result) ? result : [];
    }
    const arrays = columns.map((_, i) => rows.map(r => r[i]));
    const result = await tx.raw(
      `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${columns
        .map(([, type]) => `?::${type}[]`)
        .join(', ')})${tail}`,
      arrays as Knex.RawBinding[],
    );
    return result.rows ?? [];
  }
}

/** Prepared statements on the transaction's connection, when it is better-sqlite3. */
async function preparedStatements(
  tx: Knex.Transaction,
): Promise<PreparedStatements | undefined> {
  const connection = (await (
    tx as unknown as {
      client: { acquireConnection(): Promise<unknown> };
    }
  ).client.acquireConnection()) as Partial<SqliteConnection>;
  if (typeof connection?.prepare !== 'function') return undefined;
  const statements = new Map<string, SqliteStatement>();
  return sql => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = connection.prepare!(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
