import { existsSync, promises as fs } from 'fs';
import path from 'path';
import { Command } from 'commander';
import {
  COST_MEASURES,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import {
  attributedShowbackData,
  AttributionStore,
  CatalogFileError,
  isMonth,
  monthRange,
  readCatalogFiles,
  readConfigFiles,
  readFinopsConfig,
  ShowbackInputError,
  ShowbackReport,
  ShowbackService,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { loadFinopsModules, ModuleLoadError } from '../modules';
import { fail, info } from '../output';

/** Options of `costwise report showback` and `costwise report focus`. */
export interface ReportOptions {
  month?: string;
  db?: string;
  catalog?: string[];
  config?: string[];
  measure?: string;
  /** `showback`: text (default), json or csv. */
  format?: string;
  /** `focus`: the file to write instead of stdout. */
  out?: string;
}

/** Input a report cannot be made from: exit code 2, the message says what to give instead. */
export class ReportInputError extends Error {
  name = 'ReportInputError';
}

const FORMATS = ['text', 'json', 'csv'];

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

/** The database a report reads: a PostgreSQL URL, or a SQLite file that must exist. */
function databaseOf(db: string | undefined): string {
  const target = db ?? process.env.COSTWISE_DB ?? 'costwise.sqlite';
  if (/^postgres(ql)?:\/\//.test(target)) return target;
  if (!existsSync(path.resolve(target)))
    throw new ReportInputError(
      `no database file ${path.resolve(
        target,
      )}: give --db the file costwise ingest wrote (or set COSTWISE_DB)`,
    );
  return target;
}

/**
 * The month's statements for the catalog files: the stored facts of the
 * month attributed by the backend's own pass (each day on its own, with the
 * stored overrides and the signals of the modules in `finops.cli.modules`),
 * then summed per owner. Nothing is written to the database.
 */
export async function openShowback(options: ReportOptions): Promise<{
  service: ShowbackService;
  measure: CostMeasure;
  month: string;
  /** The last day of the month with cost data. */
  lastDay?: string;
}> {
  const month = options.month;
  if (!month)
    throw new ReportInputError('give the month to report with --month YYYY-MM');
  if (!isMonth(month))
    throw new ReportInputError(
      `--month '${month}' is not a month: give it as YYYY-MM with a month from 01 to 12, e.g. 2026-11`,
    );
  if (
    options.measure !== undefined &&
    !COST_MEASURES.includes(options.measure as CostMeasure)
  )
    throw new ReportInputError(
      `--measure '${
        options.measure
      }' is not a cost measure: give one of ${COST_MEASURES.join(', ')}`,
    );
  if (!options.catalog?.length)
    throw new ReportInputError(
      'give the catalog with --catalog <file|dir|glob>: statements are per owner',
    );
  let config;
  let finops;
  try {
    config = await readConfigFiles(options.config ?? []);
    finops = readFinopsConfig(config);
  } catch (error) {
    throw new ReportInputError(
      `the --config file cannot be used: ${(error as Error).message}`,
    );
  }
  const measure = (options.measure as CostMeasure) ?? finops.measure;
  const entities = await readCatalogFiles(options.catalog);
  const db = databaseOf(options.db);
  const modules = await loadFinopsModules(
    config.getOptionalStringArray('finops.cli.modules') ?? [],
    config,
  );
  const knex = await openDatabase(db);
  try {
    const data = await attributedShowbackData(new AttributionStore(knex), {
      month,
      entities,
      config: { ...finops, measure },
      signals: modules.signals,
    });
    const { from, to } = monthRange(month);
    return {
      service: new ShowbackService({
        data,
        catalogEntities: async () => entities,
        defaults: { measure },
      }),
      measure,
      month,
      lastDay: await data.lastDay(from, to),
    };
  } finally {
    await knex.destroy();
    await modules.stop();
  }
}

/** `costwise report showback --format json`'s object. */
export async function runShowback(
  options: ReportOptions,
): Promise<ShowbackReport> {
  const { service, month, measure } = await openShowback(options);
  return service.showback(month, measure);
}

/** An exact amount rounded to cents with thousands separators, for reading. */
function money(amount: string): string {
  const [whole, cents] = Decimal.parse(amount).toFixed(2).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}.${cents}`;
}

/** The human-readable statements: each team's lines, then the reconciliation per currency. */
export function formatShowback(
  report: ShowbackReport,
  lastDay: string | undefined,
): string {
  const out: string[] = [];
  const { to } = monthRange(report.month);
  let coverage = 'the whole month';
  if (!lastDay) coverage = 'no cost data in this month';
  else if (lastDay < to) coverage = `cost data to ${lastDay}: the month so far`;
  out.push(`Showback ${report.month} in ${report.measure} (${coverage})`);
  out.push(
    'Amounts are rounded to cents here; --format json or csv gives them exact.',
  );
  const entityWidth = Math.max(
    6,
    ...report.teams.flatMap(t => t.lines.map(l => l.entity.length)),
  );
  const serviceWidth = Math.max(
    7,
    ...report.teams.flatMap(t => t.lines.map(l => l.service.length)),
  );
  for (const team of report.teams) {
    out.push('', `${team.team}  ${team.currency} ${money(team.total)}`);
    for (const l of team.lines)
      out.push(
        `  ${l.entity.padEnd(entityWidth)}  ${l.service.padEnd(
          serviceWidth,
        )}  ${l.method.padEnd(11)}  ${money(l.amount).padStart(16)}`,
      );
  }
  out.push(
    '',
    `${'currency'.padEnd(8)}  ${'statements'.padStart(
      16,
    )}  ${'unattributed'.padStart(16)}  ${'ingested'.padStart(16)}`,
  );
  let reconciles = true;
  for (const [currency, ingested] of Object.entries(report.ingested)) {
    const statements = Decimal.sum(
      report.teams
        .filter(t => t.currency === currency)
        .map(t => Decimal.parse(t.total)),
    );
    const rest = report.unattributed[currency] ?? '0';
    if (!statements.add(Decimal.parse(rest)).equals(Decimal.parse(ingested)))
      reconciles = false;
    out.push(
      `${currency.padEnd(8)}  ${money(statements.toString()).padStart(
        16,
      )}  ${money(rest).padStart(16)}  ${money(ingested).padStart(16)}`,
    );
  }
  if (Object.keys(report.ingested).length > 0)
    out.push(
      reconciles
        ? 'The statements plus the unattributed rest equal the ingested total exactly, in every currency.'
        : 'The statements plus the unattributed rest do NOT equal the ingested total: run the report again once attribution has caught up with the last ingestion.',
    );
  return out.join('\n');
}

/** Whether an error is about the input (exit code 2) rather than a fault. */
function inputError(error: unknown): error is Error {
  return (
    error instanceof ReportInputError ||
    error instanceof ShowbackInputError ||
    error instanceof CatalogFileError ||
    error instanceof ModuleLoadError
  );
}

async function showbackAction(options: ReportOptions) {
  const format = options.format ?? 'text';
  const json = format === 'json';
  try {
    if (!FORMATS.includes(format))
      throw new ReportInputError(
        `--format '${format}' is not a format: give json, csv or text`,
      );
    const { service, month, measure, lastDay } = await openShowback(options);
    if (format === 'csv') {
      process.stdout.write(await service.showbackCsv(month, measure));
      return;
    }
    const report = await service.showback(month, measure);
    if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else process.stdout.write(`${formatShowback(report, lastDay)}\n`);
  } catch (error) {
    if (inputError(error)) fail(error.message, json);
    throw error;
  }
}

async function focusAction(options: ReportOptions) {
  try {
    const { service, month } = await openShowback(options);
    const csv = await service.focusCsv(month);
    if (!options.out) {
      process.stdout.write(csv);
      return;
    }
    await fs.writeFile(options.out, csv).catch(error => {
      throw new ReportInputError(
        `cannot write ${options.out}: ${(error as Error).message}`,
      );
    });
    info(`Wrote the FOCUS-shaped allocated cost of ${month} to ${options.out}`);
  } catch (error) {
    if (inputError(error)) fail(error.message, false);
    throw error;
  }
}

/** The options `report showback` and `report focus` share. */
function withReportOptions(command: Command): Command {
  return command
    .option('--month <YYYY-MM>', 'the month to report (required)')
    .option(
      '--db <target>',
      'SQLite file path or postgres:// URL (default: $COSTWISE_DB, else costwise.sqlite; a URL with a password is better given in $COSTWISE_DB)',
    )
    .option(
      '--catalog <path...>',
      'entity YAML files, directories or globs (required; repeatable)',
      collect,
    )
    .option(
      '--config <app-config.yaml>',
      'apply the finops: settings of this file (repeatable, later files win)',
      collect,
    )
    .option(
      '--measure <measure>',
      `cost measure: ${COST_MEASURES.join(
        ', ',
      )} (default: finops.measure, else EffectiveCost)`,
    );
}

/** `costwise report`. */
export function registerReportCommands(program: Command) {
  const report = program
    .command('report')
    .description('monthly reports of the stored cost, attributed to a catalog');
  withReportOptions(
    report
      .command('showback')
      .description(
        "each team's monthly statement (the cost of the entities it owns, by entity, service and method), the unattributed rest and the ingested total, which they add up to exactly",
      ),
  )
    .option(
      '--format <format>',
      'text (default), json (exactly one JSON object) or csv (team,system,entity,service,method,currency,amount)',
    )
    .action(showbackAction);
  withReportOptions(
    report
      .command('focus')
      .description(
        "the month's cost in FOCUS columns with the owning entity, method, owner and system of each part (x_CostwiseEntity, x_CostwiseMethod, x_CostwiseOwner, x_CostwiseSystem), as CSV for finance tools",
      ),
  )
    .option('--out <file>', 'write the CSV to this file instead of stdout')
    .action(focusAction);
}
