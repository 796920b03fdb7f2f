/*
 * Ingestion benchmark:
 * `npm run bench:ingest -- --rows 1000000 [--db postgres://...] [--dir /tmp] [--no-duckdb] [--keep] [--file f.csv]`.
 *
 * `--file` reuses a file a previous run kept (`--keep`) instead of generating one.
 * `--threads N` sets the threads reading the file (default: the cores, at most 4).
 *
 * Generates a wide FOCUS file, ingests it (read, validate, aggregate, store)
 * and prints rows per second, peak RSS and facts stored, next to the time
 * DuckDB takes to group the same CSV by the same daily-fact key with exact
 * DECIMAL sums, and whether each target of the ingestion is met.
 */
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import knexFactory from 'knex';
import {
  applyMigrations,
  DatabaseCostStore,
  IngestionService,
  readCostFiles,
} from '../src';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The targets of the ingestion (issue 3). */
const TARGET_ROWS_PER_SECOND = 150_000;
const TARGET_PEAK_RSS = 2 ** 30;
const TARGET_RSS_AT_ROWS = 10_000_000;
const TARGET_DUCKDB_RATIO = 5;

/** The process's peak resident set so far (the kernel's high-water mark), in bytes. */
function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

function met(ok: boolean): string {
  return ok ? 'met' : 'NOT met';
}

async function duckdbSeconds(file: string): Promise<number | undefined> {
  let duckdb: any;
  try {
    duckdb = require('@duckdb/node-api');
  } catch {
    return undefined;
  }
  const instance = await duckdb.DuckDBInstance.create(':memory:', {
    threads: String(os.cpus().length),
  });
  const connection = await instance.connect();
  const started = Date.now();
  await connection.run(`
    CREATE TABLE facts AS
    SELECT CAST(ChargePeriodStart AS DATE) AS day, BillingAccountId, SubAccountId, ProviderName, ServiceName,
           ServiceCategory, RegionId, ResourceId, ChargeCategory, PricingCategory, Tags, BillingCurrency,
           SUM(CAST(BilledCost AS DECIMAL(38, 12))) AS billed, SUM(CAST(EffectiveCost AS DECIMAL(38, 12))) AS effective,
           SUM(CAST(ListCost AS DECIMAL(38, 12))) AS list, SUM(CAST(ContractedCost AS DECIMAL(38, 12))) AS contracted,
           COUNT(*) AS n
    FROM read_csv('${file.replace(
      /'/g,
      "''",
    )}', header = true, all_varchar = true)
    GROUP BY ALL`);
  const seconds = (Date.now() - started) / 1000;
  connection.closeSync?.();
  return seconds;
}

async function main() {
  const rows = Number(arg('rows', '1000000'));
  const db = arg('db');
  const dir = await fs.mkdtemp(
    path.join(arg('dir', os.tmpdir())!, 'costwise-bench-'),
  );
  const given = arg('file');
  const file = given ?? path.join(dir, 'focus-bench.csv');
  if (!given) {
    console.log(
      `Generating ${rows.toLocaleString(
        'en-US',
      )} FOCUS rows (45 columns, tags) ...`,
    );
    const generated = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        path.join(__dirname, 'syntheticFocus.ts'),
        file,
        String(rows),
      ],
      { stdio: 'inherit' },
    );
    if (generated.status !== 0) throw new Error('generating the file failed');
  }
  const size = (await fs.stat(file)).size;
  if (!given)
    console.log(
      `File: ${(size / 1e6).toFixed(0)} MB, ${Math.round(
        size / rows,
      )} bytes per row`,
    );

  const knex = db
    ? knexFactory({ client: 'pg', connection: db })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'bench.sqlite') },
        useNullAsDefault: true,
      });
  await applyMigrations(knex);
  let phases = '';
  const service = new IngestionService(
    new DatabaseCostStore(knex),
    {
      info(_message: string, meta?: Record<string, unknown>) {
        if (meta?.readSeconds !== undefined)
          phases = `read and aggregate ${meta.readSeconds} s, store ${meta.storeSeconds} s, reconcile ${meta.reconcileSeconds} s`;
      },
      warn() {},
      error() {},
    } as any,
    [],
    { threads: arg('threads') ? Number(arg('threads')) : undefined },
  );
  const rssBefore = process.memoryUsage.rss();
  const started = Date.now();
  const run = await service.ingest(
    `bench-${Date.now()}`,
    readCostFiles([file]),
  );
  const seconds = (Date.now() - started) / 1000;
  const rss = peakRss();
  const [{ n }] = await knex('finops_cost_facts')
    .where({ source_id: run.sourceId })
    .count({ n: '*' });
  const duck = process.argv.includes('--no-duckdb')
    ? undefined
    : await duckdbSeconds(file);

  const database = db ? 'PostgreSQL' : 'SQLite';
  const rowsPerSecond = run.rows / seconds;
  const reconciled =
    run.status === 'succeeded' &&
    JSON.stringify(run.storedTotals) === JSON.stringify(run.totals);
  console.log('');
  console.log(
    `File:              ${(size / 1e6).toFixed(
      0,
    )} MB, ${run.rows.toLocaleString('en-US')} rows`,
  );
  console.log(
    `Rows:              ${run.rows.toLocaleString(
      'en-US',
    )} (${run.accepted.toLocaleString('en-US')} accepted, ${
      run.rejected
    } rejected)`,
  );
  console.log(
    `Facts stored:      ${Number(n).toLocaleString('en-US')} (${database})`,
  );
  console.log(
    `Costwise ingest:   ${seconds.toFixed(1)} s, ${Math.round(
      run.rows / seconds,
    ).toLocaleString('en-US')} rows/s`,
  );
  if (phases) console.log(`Phases:            ${phases}`);
  console.log(
    `Peak RSS:          ${(rss / 2 ** 20).toFixed(0)} MiB (${(
      rssBefore /
      2 ** 20
    ).toFixed(0)} MiB before the ingestion)`,
  );
  console.log(
    `Reconciled:        ${
      reconciled
        ? 'yes, stored totals equal source totals'
        : 'NO, stored totals differ from source totals'
    }`,
  );
  if (duck !== undefined) {
    console.log(
      `DuckDB GROUP BY:   ${duck.toFixed(
        1,
      )} s (same file, same daily-fact key, DECIMAL sums)`,
    );
    console.log(
      `Ratio:             ${(seconds / duck).toFixed(2)}x DuckDB's time`,
    );
  } else {
    console.log(
      'DuckDB:            not installed (@duckdb/node-api), comparison skipped',
    );
  }
  console.log('');
  console.log('Targets:');
  console.log(
    `  at least ${TARGET_ROWS_PER_SECOND.toLocaleString(
      'en-US',
    )} rows/s into SQLite: ${
      db
        ? 'not measured (this run stored into PostgreSQL)'
        : `${met(rowsPerSecond >= TARGET_ROWS_PER_SECOND)} (${Math.round(
            rowsPerSecond,
          ).toLocaleString('en-US')} rows/s)`
    }`,
  );
  console.log(
    `  peak RSS under 1 GiB at ${TARGET_RSS_AT_ROWS.toLocaleString(
      'en-US',
    )} rows: ${
      run.rows >= TARGET_RSS_AT_ROWS
        ? `${met(rss < TARGET_PEAK_RSS)} (${(rss / 2 ** 20).toFixed(0)} MiB)`
        : `not measured at this size (${(rss / 2 ** 20).toFixed(
            0,
          )} MiB at ${run.rows.toLocaleString('en-US')} rows)`
    }`,
  );
  console.log(
    `  at most ${TARGET_DUCKDB_RATIO}x DuckDB's time: ${
      duck === undefined
        ? 'not measured (no DuckDB run)'
        : `${met(seconds / duck <= TARGET_DUCKDB_RATIO)} (${(
            seconds / duck
          ).toFixed(2)}x)`
    }`,
  );
  console.log(`  stored totals equal source totals: ${met(reconciled)}`);
  await knex.destroy();
  if (!process.argv.includes('--keep'))
    await fs.rm(dir, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
