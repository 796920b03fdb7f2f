import type { Knex } from 'knex';
import type { IngestionRun } from '@costwise/plugin-finops-common';
import { CurrencyTotals, DailyFact, FactGroup } from '../model';
import type { CostStore, PeriodReplacement, SourcePeriod } from '../model/costStore';
import type { ExactSum } from '../model/exactSum';

/** The columns of a stored daily fact, in insert order. */
const FACT_COLUMNS = [
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
const SQLITE_FACT_CHUNK = 500;
/** Groups or tags per insert: within SQLite's 32,766 bound parameters. */
const SQLITE_GROUP_CHUNK = 1000;
const POSTGRES_GROUP_CHUNK = 5000;

/** The stored columns of a fact group, with their PostgreSQL array types. */
const GROUP_COLUMNS = [
  ['key_hash', 'text'],
  ['billing_account_id', 'text'],
  ['sub_account_id', 'text'],
  ['sub_account_name', 'text'],
  ['provider', 'text'],
  ['service_name', 'text'],
  ['service_category', 'text'],
  ['region', 'text'],
  ['resource_id', 'text'],
  ['resource_name', 'text'],
  ['resource_type', 'text'],
  ['charge_category', 'text'],
  ['pricing_category', 'text'],
  ['sku_id', 'text'],
  ['commitment_id', 'text'],
  ['commitment_status', 'text'],
  ['consumed_unit', 'text'],
  ['currency', 'text'],
  ['tags', 'text'],
] as const;

const TAG_COLUMNS = [
  ['group_id', 'bigint'],
  ['tag_key', 'text'],
  ['tag_value', 'text'],
] as const;

/** A group's values in {@link GROUP_COLUMNS} order. */
function groupValues(g: FactGroup): unknown[] {
  return [
    g.keyHash,
    g.billingAccountId,
    g.subAccountId ?? null,
    g.subAccountName ?? null,
    g.provider,
    g.serviceName,
    g.serviceCategory ?? null,
    g.region ?? null,
    g.resourceId ?? null,
    g.resourceName ?? null,
    g.resourceType ?? null,
    g.chargeCategory,
    g.pricingCategory ?? null,
    g.skuId ?? null,
    g.commitmentId ?? null,
    g.commitmentStatus ?? null,
    g.consumedUnit ?? null,
    g.currency,
    g.tags,
  ];
}
const POSTGRES_FACT_CHUNK = 5000;

function factInsertSql(rows: number): string {
  const tuple = `(${FACT_COLUMNS.map(() => '?').join(',')})`;
  return `INSERT INTO finops_cost_facts (${FACT_COLUMNS.join(
    ',',
  )}) VALUES ${Array.from({ length: rows }, () => tuple).join(',')}`;
}

/** A better-sqlite3 statement (it runs synchronously). */
interface SqliteStatement {
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
type PreparedStatements = (sql: string) => SqliteStatement;

type RunRow = {
  id: string;
  source_id: string;
  status: string;
  error: string | null;
  files: string;
  billing_periods: string;
  rows: number;
  accepted: number;
  rejected: number;
  rejections: string;
  rejections_truncated: number;
  providers: string;
  totals: string;
  stored_totals: string;
  started_at: string;
  finished_at: string | null;
};

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** Adds an amount read from the store to a sum; throws on what is not a decimal. */
function addStoredAmount(sum: ExactSum, value: unknown) {
  if (!sum.addText(String(value)))
    throw new TypeError(`Not a decimal number: '${value}'`);
}

function normalizeTag(value: string): string {
  return value.trim().toLowerCase();
}

function runToRow(run: IngestionRun): RunRow {
  return {
    id: run.id,
    source_id: run.sourceId,
    status: run.status,
    error: run.error ?? null,
    files: JSON.stringify(run.files),
    billing_periods: JSON.stringify(run.billingPeriods),
    rows: run.rows,
    accepted: run.accepted,
    rejected: run.rejected,
    rejections: JSON.stringify(run.rejections),
    rejections_truncated: run.rejectionsTruncated,
    providers: JSON.stringify(run.providers),
    totals: JSON.stringify(run.totals),
    stored_totals: JSON.stringify(run.storedTotals),
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
  };
}

function rowToRun(row: RunRow): IngestionRun {
  return {
    id: row.id,
    sourceId: row.source_id,
    status: row.status as IngestionRun['status'],
    error: row.error ?? undefined,
    files: JSON.parse(row.files),
    billingPeriods: JSON.parse(row.billing_periods),
    rows: Number(row.rows),
    accepted: Number(row.accepted),
    rejected: Number(row.rejected),
    rejections: JSON.parse(row.rejections),
    rejectionsTruncated: Number(row.rejections_truncated),
    providers: JSON.parse(row.providers),
    totals: JSON.parse(row.totals),
    storedTotals: JSON.parse(row.stored_totals),
    startedAt: row.started_at,
    finishedAt: row.finished_at ?? undefined,
  };
}

/** The knex implementation of {@link CostStore}, for SQLite and PostgreSQL.
 *
 * @public
 */
export class DatabaseCostStore implements CostStore {
  private readonly sqlite: boolean;
  /** better-sqlite3 runs statements synchronously on its connection object. */
  private readonly betterSqlite: boolean;

  constructor(private readonly db: Knex) {
    const client = String(db.client.config.client);
    this.sqlite = client.includes('sqlite');
    this.betterSqlite = client === 'better-sqlite3';
  }

  /** Prepared statements on the transaction's connection, when it is better-sqlite3. */
  private async preparedStatements(
    tx: Knex.Transaction,
  ): Promise<PreparedStatements | undefined> {
    if (!this.betterSqlite) return undefined;
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

  /**
   * Returns a function inserting flat fact values (10 per fact) in the
   * transaction. On SQLite it runs a multi-row INSERT (prepared once per
   * batch size on better-sqlite3); on PostgreSQL one INSERT of the facts'
   * column arrays, unnested into rows: ten parameters however many facts it
   * carries.
   */
  private factInserter(
    tx: Knex.Transaction,
    prepared: PreparedStatements | undefined,
  ): (values: unknown[]) => Promise<void> {
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
  private async insertRows(
    tx: Knex.Transaction,
    prepared: PreparedStatements | undefined,
    table: string,
    columns: readonly (readonly [string, string])[],
    rows: unknown[][],
    returning?: string,
  ): Promise<unknown[]> {
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

  private async groupIds(
    tx: Knex.Transaction,
    prepared: PreparedStatements | undefined,
    groups: FactGroup[],
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const part of chunks(groups, 500)) {
      const rows = await tx('finops_fact_groups')
        .whereIn(
          'key_hash',
          part.map(g => g.keyHash),
        )
        .select('id', 'key_hash');
      for (const r of rows) ids.set(r.key_hash, Number(r.id));
    }
    // in key order: the unique index on key_hash then grows at its end
    const missing = groups
      .filter(g => !ids.has(g.keyHash))
      .sort((a, b) => (a.keyHash < b.keyHash ? -1 : 1));
    // One statement per chunk inserts the groups and returns their ids
    // (RETURNING: PostgreSQL, SQLite 3.35+), another inserts their tags.
    for (const part of chunks(
      missing,
      this.sqlite ? SQLITE_GROUP_CHUNK : POSTGRES_GROUP_CHUNK,
    )) {
      const byHash = new Map(part.map(g => [g.keyHash, g]));
      const inserted = (await this.insertRows(
        tx,
        prepared,
        'finops_fact_groups',
        GROUP_COLUMNS,
        part.map(groupValues),
        'id, key_hash',
      )) as { id: number | string; key_hash: string }[];
      const tagRows: unknown[][] = [];
      for (const r of inserted) {
        ids.set(r.key_hash, Number(r.id));
        const group = byHash.get(r.key_hash)!;
        const seen = new Set<string>();
        for (const [key, value] of Object.entries(
          JSON.parse(group.tags) as Record<string, string>,
        )) {
          const k = normalizeTag(key);
          if (seen.has(k)) continue; // keys differing only in case or spaces: first one wins
          seen.add(k);
          tagRows.push([Number(r.id), k, normalizeTag(value)]);
        }
      }
      for (const tagPart of chunks(
        tagRows,
        this.sqlite ? SQLITE_GROUP_CHUNK : POSTGRES_GROUP_CHUNK,
      ))
        await this.insertRows(
          tx,
          prepared,
          'finops_fact_group_tags',
          TAG_COLUMNS,
          tagPart,
        );
    }
    return ids;
  }

  async replacePeriods(replacement: PeriodReplacement): Promise<void> {
    const { sourceId, runId } = replacement;
    await this.db.transaction(async tx => {
      const prepared = await this.preparedStatements(tx);
      const ids = await this.groupIds(tx, prepared, [...replacement.groups]);
      const insert = this.factInserter(tx, prepared);
      const factChunk = this.sqlite ? SQLITE_FACT_CHUNK : POSTGRES_FACT_CHUNK;
      const now = new Date().toISOString();
      for (const [period, { facts, rows }] of replacement.periods) {
        await tx('finops_cost_facts')
          .where({ source_id: sourceId, billing_period: period })
          .delete();
        let count = 0;
        let lastDay: string | undefined;
        let batch: unknown[] = [];
        const flush = async () => {
          if (batch.length) await insert(batch);
          batch = [];
        };
        // In key order (day, group): the table's B-trees then grow at
        // their ends instead of splitting pages all over. Facts are put
        // in lists by day, and each day's list sorted by group.
        const byDay = new Map<string, { fact: DailyFact; id: number }[]>();
        for (const fact of facts as Iterable<DailyFact>) {
          const day = fact.day;
          let list = byDay.get(day);
          if (!list) {
            list = [];
            byDay.set(day, list);
          }
          list.push({ fact, id: ids.get(fact.keyHash)! });
        }
        const ordered = [...byDay.keys()]
          .sort()
          .flatMap(day => byDay.get(day)!.sort((a, b) => a.id - b.id));
        for (const { fact, id } of ordered) {
          count++;
          if (!lastDay || fact.day > lastDay) lastDay = fact.day;
          batch.push(
            sourceId,
            period,
            fact.day,
            id,
            fact.billedCost.toString(),
            fact.effectiveCost.toString(),
            fact.listCost.toString(),
            fact.contractedCost.toString(),
            fact.consumedQuantity.toString(),
            fact.rowCount,
          );
          if (batch.length >= factChunk * FACT_COLUMNS.length) await flush();
        }
        await flush();
        await tx('finops_source_periods')
          .where({ source_id: sourceId, billing_period: period })
          .delete();
        await tx('finops_source_periods').insert({
          source_id: sourceId,
          billing_period: period,
          run_id: runId,
          ingested_at: now,
          facts: count,
          rows,
          last_day: lastDay ?? null,
        });
      }
    });
  }

  async storedTotals(sourceId: string, periods: string[]) {
    const totals = new CurrencyTotals();
    if (periods.length === 0) return totals.toJSON();
    if (this.betterSqlite) {
      // Read as arrays, straight from the connection: no object per fact.
      const read = await this.db.transaction(async tx => {
        const prepared = await this.preparedStatements(tx);
        if (!prepared) return false;
        const statement = prepared(
          `SELECT g.currency, f.billed_cost, f.effective_cost, f.list_cost, f.contracted_cost
           FROM finops_cost_facts f JOIN finops_fact_groups g ON g.id = f.group_id
           WHERE f.source_id = ? AND f.billing_period IN (${periods
             .map(() => '?')
             .join(',')})`,
        ).raw(true);
        for (const row of statement.iterate([sourceId, ...periods])) {
          const sums = totals.of(row[0] as string);
          for (let i = 0; i < 4; i++) addStoredAmount(sums[i], row[i + 1]);
        }
        return true;
      });
      if (read) return totals.toJSON();
    }
    const query = this.db('finops_cost_facts as f')
      .join('finops_fact_groups as g', 'g.id', 'f.group_id')
      .where('f.source_id', sourceId)
      .whereIn('f.billing_period', periods);
    // PostgreSQL sums NUMERIC exactly; SQLite stores the amounts as text,
    // which its SUM would turn into binary floating point, so they are summed here.
    const rows = this.sqlite
      ? await query.select(
          'g.currency',
          'f.billed_cost',
          'f.effective_cost',
          'f.list_cost',
          'f.contracted_cost',
        )
      : await query
          .groupBy('g.currency')
          .select(
            'g.currency',
            this.db.raw('SUM(f.billed_cost) AS billed_cost'),
            this.db.raw('SUM(f.effective_cost) AS effective_cost'),
            this.db.raw('SUM(f.list_cost) AS list_cost'),
            this.db.raw('SUM(f.contracted_cost) AS contracted_cost'),
          );
    for (const r of rows) {
      const sums = totals.of(r.currency);
      const values = [
        r.billed_cost,
        r.effective_cost,
        r.list_cost,
        r.contracted_cost,
      ];
      for (let i = 0; i < values.length; i++)
        addStoredAmount(sums[i], values[i]);
    }
    return totals.toJSON();
  }

  async listSourcePeriods(sourceId?: string): Promise<SourcePeriod[]> {
    const query = this.db('finops_source_periods').orderBy([
      'source_id',
      'billing_period',
    ]);
    if (sourceId) query.where({ source_id: sourceId });
    const rows = await query;
    return rows.map(r => ({
      sourceId: r.source_id,
      billingPeriod: r.billing_period,
      runId: r.run_id,
      ingestedAt: r.ingested_at,
      facts: Number(r.facts),
      rows: Number(r.rows),
      lastDay: r.last_day ?? undefined,
    }));
  }

  async createRun(run: IngestionRun) {
    await this.db('finops_ingestion_runs').insert(runToRow(run));
  }

  async updateRun(run: IngestionRun) {
    const { id, ...rest } = runToRow(run);
    await this.db('finops_ingestion_runs').where({ id }).update(rest);
  }

  async listRuns(options: { sourceId?: string; limit?: number } = {}) {
    const query = this.db<RunRow>('finops_ingestion_runs')
      .orderBy('started_at', 'desc')
      .limit(options.limit ?? 50);
    if (options.sourceId) query.where({ source_id: options.sourceId });
    return (await query).map(rowToRun);
  }

  async getRun(id: string) {
    const row = await this.db<RunRow>('finops_ingestion_runs')
      .where({ id })
      .first();
    return row ? rowToRun(row) : undefined;
  }

  async tryLock(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    try {
      return await this.db.transaction(async tx => {
        await tx('finops_locks')
          .where({ name })
          .andWhere('expires_at', '<', now.toISOString())
          .delete();
        const existing = await tx('finops_locks').where({ name }).first();
        if (existing && existing.holder !== holder) return false;
        if (existing) {
          await tx('finops_locks')
            .where({ name })
            .update({
              expires_at: new Date(now.getTime() + ttlMs).toISOString(),
            });
        } else {
          await tx('finops_locks').insert({
            name,
            holder,
            expires_at: new Date(now.getTime() + ttlMs).toISOString(),
          });
        }
        return true;
      });
    } catch {
      return false; // a concurrent insert won the race
    }
  }

  async renewLock(
    name: string,
    holder: string,
    ttlMs: number,
  ): Promise<boolean> {
    const now = new Date();
    const updated = await this.db('finops_locks')
      .where({ name, holder })
      .andWhere('expires_at', '>=', now.toISOString())
      .update({ expires_at: new Date(now.getTime() + ttlMs).toISOString() });
    return Number(updated) > 0;
  }

  async unlock(name: string, holder: string) {
    await this.db('finops_locks').where({ name, holder }).delete();
  }
}
