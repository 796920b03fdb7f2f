import type { Knex } from 'knex';
import { MEASURE_COLUMNS } from '../model/measures';
import {
  AttributionMethod,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import { ExactSum } from '../model';

/**
 * What allocation sums can be grouped by, besides the currency.
 *
 * @public
 */
export type AllocationSumKey =
  | 'day'
  | 'month'
  | 'groupId'
  | 'entityRef'
  | 'method';

/**
 * The sum of the allocations that share a currency and a grouping's keys.
 *
 * @public
 */
export interface AllocationSum {
  currency: string;
  day?: string;
  month?: string;
  groupId?: string;
  entityRef?: string;
  method?: AttributionMethod;
  amount: Decimal;
  /** The sum of the amounts' absolute values. */
  abs: Decimal;
  /** How many allocations were summed. */
  rows: number;
}

/**
 * A grouping of allocation sums; `from` may start it later than the query.
 *
 * @public
 */
export interface AllocationGrouping {
  by: AllocationSumKey[];
  from?: string;
}

/**
 * What to sum: one measure of the entities' allocations from `from` to `to`.
 *
 * @public
 */
export interface AllocationSumQuery {
  entityRefs: string[];
  from?: string;
  to?: string;
  measure: CostMeasure;
  groupings: AllocationGrouping[];
}

const KEY_SQL: Record<AllocationSumKey, string> = {
  day: 'day',
  month: 'substr(day, 1, 7)',
  groupId: 'CAST(group_id AS text)',
  entityRef: 'entity_ref',
  method: 'method',
};

/** A grouping key of a row read with the allocations' column names. */
export const KEY_OF_ROW: Record<AllocationSumKey, (row: any) => string> = {
  day: r => r.day,
  month: r => r.day.slice(0, 7),
  groupId: r => String(r.group_id),
  entityRef: r => r.entity_ref,
  method: r => r.method,
};

const REFS_PER_QUERY = 500;

/**
 * Running sums per currency and keys, in the order keys are first seen, so
 * that ties sort as they did when rows were summed in the order read. The
 * negative part is kept apart: the absolute sum follows from it without a
 * second addition per row.
 */
export class SumTable {
  private readonly sums = new Map<
    string,
    {
      keys: string[];
      currency: string;
      amount: ExactSum;
      negative: ExactSum;
      rows: number;
    }
  >();

  constructor(private readonly by: AllocationSumKey[]) {}

  add(
    currency: string,
    keys: string[],
    amount: Decimal,
    negative: Decimal,
    rows: number,
  ) {
    const id = `${currency}\u0001${keys.join('\u0001')}`;
    let sum = this.sums.get(id);
    if (!sum) {
      sum = {
        keys,
        currency,
        amount: new ExactSum(),
        negative: new ExactSum(),
        rows: 0,
      };
      this.sums.set(id, sum);
    }
    sum.amount.addDecimal(amount);
    if (negative.isNegative()) sum.negative.addDecimal(negative);
    sum.rows += rows;
  }

  values(): AllocationSum[] {
    return [...this.sums.values()].map(s => {
      const amount = s.amount.toDecimal();
      const out: AllocationSum = {
        currency: s.currency,
        amount,
        abs: amount.sub(s.negative.toDecimal().mulInt(2)),
        rows: s.rows,
      };
      this.by.forEach((k, i) => {
        (out as any)[k] = s.keys[i];
      });
      return out;
    });
  }
}

/**
 * PostgreSQL sums its exact NUMERIC columns itself: every grouping in one
 * statement over one scan of the entities' rows.
 */
async function sumInSql(
  db: Knex,
  query: AllocationSumQuery,
  refs: string[],
  tables: SumTable[],
) {
  const column = MEASURE_COLUMNS[query.measure];
  const width = Math.max(1, ...query.groupings.map(g => g.by.length));
  const bindings: string[] = [...refs];
  const where = [`entity_ref IN (${refs.map(() => '?').join(', ')})`];
  if (query.from) {
    where.push('day >= ?');
    bindings.push(query.from);
  }
  if (query.to) {
    where.push('day <= ?');
    bindings.push(query.to);
  }
  const branches = query.groupings.map((grouping, g) => {
    const keys = grouping.by.map(k => KEY_SQL[k]);
    const columns = Array.from(
      { length: width },
      (_, i) => `${keys[i] ?? 'CAST(NULL AS text)'} AS k${i}`,
    );
    const from = grouping.from && grouping.from !== query.from;
    if (from) bindings.push(grouping.from!);
    return `SELECT ${g} AS g, currency, ${columns.join(', ')},
        SUM(amount) AS amount, SUM(LEAST(amount, 0)) AS negative, COUNT(*) AS n
      FROM a ${from ? 'WHERE day >= ?' : ''}
      GROUP BY ${['currency', ...keys].join(', ')}`;
  });
  const result = await db.raw(
    `WITH a AS (
       SELECT currency, day, group_id, entity_ref, method, ${column} AS amount
       FROM finops_allocations WHERE ${where.join(' AND ')})
     ${branches.join(' UNION ALL ')}`,
    bindings,
  );
  for (const r of result.rows) {
    const g = Number(r.g);
    tables[g].add(
      r.currency,
      query.groupings[g].by.map((_, i) => String(r[`k${i}`])),
      Decimal.parse(String(r.amount)),
      Decimal.parse(String(r.negative)),
      Number(r.n),
    );
  }
}

/**
 * Elsewhere (SQLite keeps amounts as text, and its SUM would round through
 * binary floating point) the needed columns are read once and summed
 * exactly here.
 */
async function sumInProcess(
  db: Knex,
  query: AllocationSumQuery,
  refs: string[],
  tables: SumTable[],
) {
  const needed = new Set(query.groupings.flatMap(g => g.by));
  const select = db('finops_allocations')
    .select('currency', 'day', { amount: MEASURE_COLUMNS[query.measure] })
    .whereIn('entity_ref', refs);
  if (needed.has('groupId')) select.select('group_id');
  if (needed.has('entityRef')) select.select('entity_ref');
  if (needed.has('method')) select.select('method');
  if (query.from) select.where('day', '>=', query.from);
  if (query.to) select.where('day', '<=', query.to);
  const keyFns = query.groupings.map(g => g.by.map(k => KEY_OF_ROW[k]));
  for (const r of await select) {
    const amount = Decimal.parse(String(r.amount));
    query.groupings.forEach((grouping, g) => {
      if (grouping.from && r.day < grouping.from) return;
      tables[g].add(
        r.currency,
        keyFns[g].map(key => key(r)),
        amount,
        amount,
        1,
      );
    });
  }
}

/**
 * Sums one measure of the entities' allocations per currency and each
 * grouping's keys, in one list per grouping.
 */
export async function sumAllocations(
  db: Knex,
  query: AllocationSumQuery,
): Promise<AllocationSum[][]> {
  const client = String(db.client.config.client);
  const inSql = client === 'pg' || client.includes('postgres');
  const tables = query.groupings.map(g => new SumTable(g.by));
  if (tables.length === 0) return [];
  for (let i = 0; i < query.entityRefs.length; i += REFS_PER_QUERY) {
    const refs = query.entityRefs.slice(i, i + REFS_PER_QUERY);
    await (inSql ? sumInSql : sumInProcess)(db, query, refs, tables);
  }
  return tables.map(t => t.values());
}
