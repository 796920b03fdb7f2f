import type { Knex } from 'knex';
import type { MeasureTotals } from '@costwise/plugin-finops-common';
import {
  CurrencyTotals,
  DailyFact,
  ExactSum,
  PeriodReplacement,
  SourcePeriod,
} from '../../../model';
import {
  BulkWriter,
  FACT_COLUMNS,
  POSTGRES_FACT_CHUNK,
  SQLITE_FACT_CHUNK,
} from '../bulkWriter';
import { storeGroups } from './factGroups';

/** Adds an amount read from the store to a sum; throws on what is not a decimal. */
function addStoredAmount(sum: ExactSum, value: unknown) {
  if (!sum.addText(String(value)))
    throw new TypeError(`Not a decimal number: '${value}'`);
}

/**
 * Replaces, in one transaction, everything stored for the source in each
 * period of the replacement: its groups (stored once), its facts in key
 * order and the record of the period.
 */
export async function replacePeriods(
  db: Knex,
  replacement: PeriodReplacement,
  now: Date,
): Promise<void> {
  const { sourceId, runId } = replacement;
  await db.transaction(async tx => {
    const writer = await BulkWriter.open(db, tx);
    const ids = await storeGroups(writer, [...replacement.groups]);
    const insert = writer.factInserter();
    const factChunk = writer.sqlite ? SQLITE_FACT_CHUNK : POSTGRES_FACT_CHUNK;
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
        ingested_at: now.toISOString(),
        facts: count,
        rows,
        last_day: lastDay ?? null,
      });
    }
  });
}

/**
 * Exact stored totals per currency and measure of a source's periods.
 */
export async function storedTotals(
  db: Knex,
  sourceId: string,
  periods: string[],
): Promise<Record<string, MeasureTotals>> {
  const client = String(db.client.config.client);
  const totals = new CurrencyTotals();
  if (periods.length === 0) return totals.toJSON();
  if (client === 'better-sqlite3') {
    // Read as arrays, straight from the connection: no object per fact.
    const read = await db.transaction(async tx => {
      const { prepared } = await BulkWriter.open(db, tx);
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
  const query = db('finops_cost_facts as f')
    .join('finops_fact_groups as g', 'g.id', 'f.group_id')
    .where('f.source_id', sourceId)
    .whereIn('f.billing_period', periods);
  // PostgreSQL sums NUMERIC exactly; SQLite stores the amounts as text,
  // which its SUM would turn into binary floating point, so they are summed here.
  const rows = client.includes('sqlite')
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
          db.raw('SUM(f.billed_cost) AS billed_cost'),
          db.raw('SUM(f.effective_cost) AS effective_cost'),
          db.raw('SUM(f.list_cost) AS list_cost'),
          db.raw('SUM(f.contracted_cost) AS contracted_cost'),
        );
  for (const r of rows) {
    const sums = totals.of(r.currency);
    const values = [
      r.billed_cost,
      r.effective_cost,
      r.list_cost,
      r.contracted_cost,
    ];
    for (let i = 0; i < values.length; i++) addStoredAmount(sums[i], values[i]);
  }
  return totals.toJSON();
}

export async function listSourcePeriods(
  db: Knex,
  sourceId?: string,
): Promise<SourcePeriod[]> {
  const query = db('finops_source_periods').orderBy([
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
