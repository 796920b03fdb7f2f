import { existsSync } from 'fs';
import path from 'path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  AnomalyRootCause,
  COST_MEASURES,
  CostMeasure,
} from '@costwise/plugin-finops-common';
import {
  addDays,
  anomalyKey,
  AnomalyService,
  AnomalyStore,
  attributeStoredFacts,
  AttributionStore,
  CatalogFileError,
  detectAnomalies,
  DetectedAnomaly,
  formatAmount,
  passAnomalyData,
  readCatalogFiles,
  readConfigFiles,
  readFinopsConfig,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { loadFinopsModules, ModuleLoadError } from '../modules';
import { fail } from '../output';

/** Options of `costwise anomalies`. */
export interface AnomaliesOptions {
  catalog: string[];
  db?: string;
  config?: string[];
  from?: string;
  to?: string;
  measure?: CostMeasure;
  module?: string[];
  json?: boolean;
}

/** One anomaly as `costwise anomalies --json` prints it. */
export interface AnomalyOutput {
  id: string;
  entity: string;
  resourceId: string | null;
  day: string;
  lastDay: string;
  days: number;
  scope: 'entity' | 'resource';
  currency: string;
  expected: string;
  actual: string;
  impact: string;
  score: number;
  rootCauses: AnomalyRootCause[];
  newResources: DetectedAnomaly['newResources'];
  usageVsPrice?: DetectedAnomaly['usageVsPrice'];
  explanation: string;
  parents: string[];
}

/** `costwise anomalies --json`'s object. */
export interface AnomaliesReport {
  from?: string;
  to?: string;
  measure: CostMeasure;
  series: number;
  anomalies: AnomalyOutput[];
}

/** Input the command cannot use: exit code 2. */
export class AnomaliesInputError extends Error {
  name = 'AnomaliesInputError';
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

function day(value: string) {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  )
    throw new InvalidArgumentError('must be a day YYYY-MM-DD');
  return value;
}

/**
 * Attributes the stored facts of the days detection reads with the catalog
 * files (the backend's own attribution pass, nothing written) and runs the
 * backend's detection on them, with the `finops.anomalies` settings of the
 * config files and the feedback stored in the database.
 */
export async function runAnomalies(
  options: AnomaliesOptions,
): Promise<AnomaliesReport> {
  if (options.from && options.to && options.from > options.to)
    throw new AnomaliesInputError(
      `--from ${options.from} is after --to ${options.to}`,
    );
  const target = options.db ?? process.env.COSTWISE_DB ?? 'costwise.sqlite';
  if (!/^postgres(ql)?:\/\//.test(target) && !existsSync(path.resolve(target)))
    throw new AnomaliesInputError(
      `no database file ${path.resolve(
        target,
      )}: give --db the file costwise ingest wrote (or set COSTWISE_DB)`,
    );
  let finops;
  let config;
  try {
    config = await readConfigFiles(options.config ?? []);
    finops = readFinopsConfig(config);
  } catch (error) {
    throw new AnomaliesInputError(
      `the --config file cannot be used: ${(error as Error).message}`,
    );
  }
  const measure = options.measure ?? finops.measure;
  const entities = await readCatalogFiles(options.catalog);
  const modules = await loadFinopsModules(
    [
      ...(config.getOptionalStringArray('finops.cli.modules') ?? []),
      ...(options.module ?? []),
    ],
    config,
  );
  const knex = await openDatabase(target);
  try {
    const store = new AnomalyStore(knex);
    const attributionStore = new AttributionStore(knex);
    const days = await store.factDays();
    if (!days) return { measure, series: 0, anomalies: [] };
    const to = options.to ?? days.last;
    const from =
      options.from ?? addDays(to, -(finops.anomalies.lookbackDays - 1));
    // what detection reads before the first day it judges
    const readFrom = addDays(from, -(2 * finops.anomalies.baselineDays + 7));
    const pass = await attributeStoredFacts(attributionStore, {
      entities,
      config: { ...finops, measure },
      signals: modules.signals,
      range: { from: readFrom, to },
    });
    const data = passAnomalyData(pass, store, attributionStore);
    const feedback = await new AnomalyService({
      store,
      data,
      config: finops.anomalies,
      measure,
    }).feedback();
    const detection = await detectAnomalies(data, {
      config: finops.anomalies,
      measure,
      from,
      to,
      feedback,
    });
    return {
      from: detection.from,
      to: detection.to,
      measure,
      series: detection.series,
      anomalies: detection.anomalies.map(a => ({
        id: anomalyKey(a.seriesKey, a.day),
        entity: a.entityRef,
        resourceId: a.resourceId,
        day: a.day,
        lastDay: a.lastDay,
        days: a.days,
        scope: a.scope,
        currency: a.currency,
        expected: a.expected,
        actual: a.actual,
        impact: a.impact,
        score: a.score,
        rootCauses: a.rootCauses,
        newResources: a.newResources,
        ...(a.usageVsPrice ? { usageVsPrice: a.usageVsPrice } : {}),
        explanation: a.explanation,
        parents: a.parents,
      })),
    };
  } finally {
    await knex.destroy();
    await modules.stop();
  }
}

function pad(text: string, width: number, right = false) {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The human-readable form: one line per anomaly, then its explanation. */
export function formatAnomalies(report: AnomaliesReport): string {
  const lines = [
    report.from
      ? `Anomalies in ${report.measure} from ${report.from} to ${report.to} (${report.series} series judged): ${report.anomalies.length}`
      : 'No cost data to judge.',
  ];
  if (report.anomalies.length === 0) return lines.join('\n');
  const entityWidth = Math.max(
    6,
    ...report.anomalies.map(a => a.entity.length),
  );
  lines.push(
    '',
    `${pad('day', 10)}  ${pad('days', 4, true)}  ${pad(
      'entity',
      entityWidth,
    )}  ${pad('expected', 16, true)}  ${pad('actual', 16, true)}  ${pad(
      'impact',
      16,
      true,
    )}  top cause`,
  );
  for (const a of report.anomalies) {
    const top = a.rootCauses[0];
    lines.push(
      `${a.day}  ${pad(String(a.days), 4, true)}  ${pad(
        a.entity,
        entityWidth,
      )}  ${pad(formatAmount(a.expected, a.currency), 16, true)}  ${pad(
        formatAmount(a.actual, a.currency),
        16,
        true,
      )}  ${pad(formatAmount(a.impact, a.currency), 16, true)}  ${
        top ? `${top.dimension} ${top.value}` : a.resourceId ?? ''
      }`,
    );
  }
  lines.push('');
  for (const a of report.anomalies) lines.push(`- ${a.explanation}`);
  return lines.join('\n');
}

async function anomaliesAction(options: AnomaliesOptions) {
  let report: AnomaliesReport;
  try {
    report = await runAnomalies(options);
  } catch (error) {
    if (
      error instanceof AnomaliesInputError ||
      error instanceof CatalogFileError ||
      error instanceof InvalidArgumentError ||
      error instanceof ModuleLoadError
    )
      fail(error.message, options.json);
    throw error;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(`${formatAnomalies(report)}\n`);
}

/** `costwise anomalies`. */
export function registerAnomaliesCommand(program: Command) {
  program
    .command('anomalies')
    .description(
      "detect cost anomalies on the stored facts attributed to the catalog files' entities, as the backend does",
    )
    .requiredOption(
      '--catalog <path...>',
      'entity YAML files, directories or globs',
      collect,
    )
    .option(
      '--db <target>',
      'SQLite file path or postgres:// URL (default: $COSTWISE_DB, else costwise.sqlite)',
    )
    .option(
      '--config <app-config.yaml>',
      'apply the finops: settings of this file, finops.anomalies included (repeatable, later files win)',
      collect,
    )
    .option(
      '--from <YYYY-MM-DD>',
      'first day judged (default: finops.anomalies.lookbackDays before --to)',
      day,
    )
    .option(
      '--to <YYYY-MM-DD>',
      'last day judged (default: the last day with cost data)',
      day,
    )
    .addOption(
      new Option(
        '--measure <measure>',
        'cost measure (default: finops.measure, else EffectiveCost)',
      ).choices(COST_MEASURES),
    )
    .option(
      '--module <package>',
      'a finops backend module whose attribution signals apply (repeatable; also finops.cli.modules)',
      collect,
    )
    .option('--json', 'print exactly one JSON object on stdout')
    .action(anomaliesAction);
}
