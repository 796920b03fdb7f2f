import { Command } from 'commander';
import {
  CatalogFileError,
  entityRefOf,
  importMetricCsv,
  MetricFileError,
  MetricImportResult,
  MetricService,
  MetricStore,
  readCatalogFiles,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { fail, info } from '../output';

/** Options of `costwise metrics import`. */
export interface MetricsImportOptions {
  db?: string;
  catalog?: string[];
  json?: boolean;
  strict?: boolean;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

/** Imports the file into the database; entities are checked against `--catalog` files when given. */
export async function runMetricsImport(
  file: string,
  options: MetricsImportOptions,
): Promise<MetricImportResult & { entitiesChecked: boolean }> {
  const known = options.catalog?.length
    ? new Set((await readCatalogFiles(options.catalog)).map(entityRefOf))
    : undefined;
  const knex = await openDatabase(options.db);
  try {
    const service = new MetricService(new MetricStore(knex), {
      lookup: known
        ? async refs => new Set(refs.filter(r => known.has(r)))
        : undefined,
    });
    const result = await importMetricCsv(file, service);
    return { ...result, entitiesChecked: known !== undefined };
  } finally {
    await knex.destroy();
  }
}

function printResult(
  result: MetricImportResult & { entitiesChecked: boolean },
) {
  info(
    `Imported ${result.file}: ${result.received.toLocaleString(
      'en-US',
    )} rows, ${result.stored.toLocaleString('en-US')} stored, ${
      result.rejected.length
    } rejected`,
  );
  if (result.ignoredColumns.length)
    info(`Ignored columns: ${result.ignoredColumns.join(', ')}`);
  if (!result.entitiesChecked)
    info(
      'Entities were not checked against the catalog: pass --catalog <files> to reject unknown entities',
    );
  const shown = result.rejected.slice(0, 20);
  for (const r of shown) info(`  rejected line ${r.index}: ${r.reason}`);
  if (result.rejected.length > shown.length)
    info(`  … and ${result.rejected.length - shown.length} more rejected rows`);
}

async function importAction(file: string, options: MetricsImportOptions) {
  let result;
  try {
    result = await runMetricsImport(file, options);
  } catch (error) {
    if (error instanceof MetricFileError || error instanceof CatalogFileError)
      fail(error.message, options.json);
    throw error;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else printResult(result);
  process.exitCode = options.strict && result.rejected.length > 0 ? 1 : 0;
}

/** `costwise metrics import`. */
export function registerMetricsCommands(program: Command) {
  const metrics = program
    .command('metrics')
    .description('business metrics: the denominators of unit cost');
  metrics
    .command('import')
    .description(
      'store daily metric values from a CSV with the columns entity,metric,date,value (replacing the values of the same entity, metric and day)',
    )
    .argument('<file>', 'CSV file (gzip-compressed too)')
    .option(
      '--db <target>',
      'SQLite file path or postgres:// URL (default: $COSTWISE_DB, else costwise.sqlite; a URL with a password is better given in $COSTWISE_DB)',
    )
    .option(
      '--catalog <path...>',
      'entity YAML files, directories or globs: rows of entities not in them are rejected',
      collect,
    )
    .option('--strict', 'exit 1 when any row is rejected')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(importAction);
}
