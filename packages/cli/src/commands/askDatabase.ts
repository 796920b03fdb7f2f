import { existsSync } from 'fs';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import {
  applyMigrations,
  AttributionRunner,
  AttributionStore,
  catalogFingerprint,
  FinopsConfig,
  readCatalogFiles,
} from '@costwise/plugin-finops-engine';
import type { AttributionSignal } from '@costwise/plugin-finops-node';
import { openDatabase } from '../database';

type Entity = Awaited<ReturnType<typeof readCatalogFiles>>[number];

/** Input `costwise ask` cannot work from: exit code 2, the message says what to give. */
export class AskInputError extends Error {
  name = 'AskInputError';
}

/** The tables a question reads besides the attribution's results, copied as they are. */
const COPIED = [
  'finops_fact_groups',
  'finops_fact_group_tags',
  'finops_cost_facts',
  'finops_source_periods',
  'finops_overrides',
  'finops_metrics',
  'finops_recommendations',
  'finops_recommendation_entities',
];
const ROWS_PER_INSERT = 100;

/** The database a question reads: a PostgreSQL URL, or a SQLite file that must exist. */
function databaseOf(db: string | undefined): string {
  const target = db ?? process.env.COSTWISE_DB ?? 'costwise.sqlite';
  if (/^postgres(ql)?:\/\//.test(target)) return target;
  if (!existsSync(path.resolve(target)))
    throw new AskInputError(
      `no database file ${path.resolve(
        target,
      )}: give --db the file costwise ingest wrote (or set COSTWISE_DB)`,
    );
  return target;
}

/** Whether the stored attribution is of this catalog and newer than every ingestion. */
async function attributionIsCurrent(
  knex: Knex,
  entities: Entity[],
): Promise<boolean> {
  const store = new AttributionStore(knex);
  const latest = await store.latestRun();
  if (!latest || latest.catalogFingerprint !== catalogFingerprint(entities))
    return false;
  const freshness = await store.freshness();
  return freshness.every(f => f.ingestedAt <= latest.startedAt);
}

async function copyInto(from: Knex, to: Knex): Promise<void> {
  for (const table of COPIED) {
    const rows = await from(table).select('*');
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await to(table).insert(rows.slice(i, i + ROWS_PER_INSERT));
  }
}

/**
 * The database a question is answered from. When it already holds the
 * attribution of these catalog files, made after its last ingestion (a
 * backend's database, or one attributed before), it is read as it is.
 * Otherwise its cost facts, overrides, metrics and recommendations are
 * copied into a database in memory and attributed there, as the backend
 * would: nothing is written to the database given.
 */
export async function openAskDatabase(
  db: string | undefined,
  entities: Entity[],
  config: FinopsConfig,
  signals: readonly AttributionSignal[] = [],
): Promise<{ knex: Knex; attributed: boolean; close(): Promise<void> }> {
  const source = await openDatabase(databaseOf(db));
  if (await attributionIsCurrent(source, entities))
    return { knex: source, attributed: false, close: () => source.destroy() };
  const memory = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  try {
    await applyMigrations(memory);
    await copyInto(source, memory);
  } finally {
    await source.destroy();
  }
  await new AttributionRunner(
    new AttributionStore(memory),
    async () => entities,
    {
      config: {
        measure: config.measure,
        tagKeyAliases: config.tagKeyAliases,
        accountOwners: config.accountOwners,
        inferenceTagKeys: config.inferenceTagKeys,
        inferenceMinConfidence: config.inferenceMinConfidence,
      },
      signals,
    },
  ).run('costwise ask');
  return { knex: memory, attributed: true, close: () => memory.destroy() };
}
