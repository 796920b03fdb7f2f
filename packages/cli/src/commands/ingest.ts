import { Command } from 'commander';
import type { IngestionSummary } from '@costwise/plugin-finops-common';
import {
  aggregateRecords,
  CostAggregator,
  CostFileError,
  DatabaseCostStore,
  IngestionService,
  readCostFiles,
  ShrinkError,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { fail, info, printSummary, progressPrinter } from '../output';

interface CommonOptions {
  json?: boolean;
  strict?: boolean;
  type?: string;
  currency?: string;
}

function toJson(summary: IngestionSummary) {
  const {
    rows,
    accepted,
    rejected,
    rejections,
    totals,
    billingPeriods,
    providers,
  } = summary;
  return {
    rows,
    accepted,
    rejected,
    rejections,
    totals,
    billingPeriods,
    providers,
  };
}

function finish(
  summary: IngestionSummary,
  options: CommonOptions,
  verb: string,
  extra: Record<string, unknown> = {},
) {
  if (options.json)
    process.stdout.write(
      `${JSON.stringify({ ...toJson(summary), ...extra })}\n`,
    );
  else printSummary(summary, verb);
  process.exitCode = options.strict && summary.rejected > 0 ? 1 : 0;
}

function fileError(error: unknown, options: CommonOptions): never {
  return fail(
    error instanceof Error ? error.message : String(error),
    options.json,
  );
}

async function validate(patterns: string[], options: CommonOptions) {
  const aggregator = new CostAggregator({ summaryOnly: true });
  const progress = progressPrinter(
    !options.json || process.stderr.isTTY === true,
  );
  try {
    // large plain CSV files are read in parts, on as many threads as cores
    await aggregateRecords(
      readCostFiles(patterns, {
        sourceType: options.type,
        currency: options.currency,
      }),
      aggregator,
      { onProgress: p => progress.update(p.rows, p.file) },
    );
  } catch (error) {
    progress.done();
    if (error instanceof CostFileError) fileError(error, options);
    throw error;
  }
  progress.done();
  finish(aggregator.summary(), options, 'Validated');
}

async function ingest(
  patterns: string[],
  options: CommonOptions & {
    db?: string;
    source?: string;
    allowShrink?: boolean;
  },
) {
  const knex = await openDatabase(options.db);
  const progress = progressPrinter(
    !options.json || process.stderr.isTTY === true,
  );
  try {
    const service = new IngestionService(new DatabaseCostStore(knex), {
      info: () => {},
      warn: message => info(message),
      error: () => {},
    });
    const run = await service.ingest(
      options.source ?? 'cli',
      readCostFiles(patterns, {
        sourceType: options.type,
        currency: options.currency,
      }),
      {
        onProgress: p => progress.update(p.rows, p.file),
        allowShrink: options.allowShrink,
      },
    );
    progress.done();
    finish(run, options, 'Ingested', {
      runId: run.id,
      source: run.sourceId,
      storedTotals: run.storedTotals,
    });
    if (!options.json)
      info(
        `Stored as source '${run.sourceId}' (run ${
          run.id
        }); totals in the store match: ${
          JSON.stringify(run.storedTotals) === JSON.stringify(run.totals)
            ? 'yes'
            : 'see storedTotals'
        }`,
      );
  } catch (error) {
    progress.done();
    if (error instanceof CostFileError) fileError(error, options);
    if (error instanceof ShrinkError) {
      // the files were read, but what they hold is refused: as --strict refuses rejected rows
      if (options.json)
        process.stdout.write(`${JSON.stringify({ error: error.message })}\n`);
      info(`costwise: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await knex.destroy();
  }
}

/** `costwise validate` and `costwise ingest`. */
export function registerIngestCommands(program: Command) {
  const common = (command: Command) =>
    command
      .option('--json', 'print exactly one JSON object on stdout')
      .option('--strict', 'exit 1 when any row is rejected')
      .option(
        '--type <type>',
        'only read files of this source type: focus, aws-cur, azure-export, oci',
      )
      .option(
        '--currency <code>',
        'currency to assume where an export has none',
      );

  common(
    program
      .command('validate')
      .description('read and check cost export files without storing them')
      .argument(
        '<files...>',
        'files, directories or globs (CSV, gzip-compressed CSV)',
      ),
  ).action(validate);

  common(
    program
      .command('ingest')
      .description(
        'read cost export files and store them as daily facts (replacing the billing periods they cover)',
      )
      .argument(
        '<files...>',
        'files, directories or globs (CSV, gzip-compressed CSV)',
      )
      .option(
        '--db <target>',
        'SQLite file path or postgres:// URL (default: $COSTWISE_DB, else costwise.sqlite; a URL with a password is better given in $COSTWISE_DB)',
      )
      .option('--source <id>', 'source id to store the facts under', 'cli')
      .option(
        '--allow-shrink',
        'replace a stored billing period even when its total shrinks by more than finops.ingestion.maxShrink (50%)',
      ),
  ).action(ingest);
}
