import { Command, InvalidArgumentError, Option } from 'commander';
import {
  AttributionReport,
  COST_MEASURES,
  CostMeasure,
} from '@costwise/plugin-finops-common';
import {
  attributeStoredFacts,
  AttributionStore,
  CatalogFileError,
  readCatalogFiles,
  readConfigFiles,
  readFinopsConfig,
  summarizeAttribution,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { loadFinopsModules, ModuleLoadError } from '../modules';
import { fail } from '../output';

/** Options of `costwise attribute`. */
export interface AttributeOptions {
  catalog: string[];
  db?: string;
  period?: string;
  from?: string;
  to?: string;
  measure?: CostMeasure;
  currency?: string;
  config?: string[];
  /** Packages of finops backend modules whose attribution signals apply. */
  module?: string[];
  json?: boolean;
}

function pattern(regex: RegExp, what: string) {
  return (value: string) => {
    if (!regex.test(value)) throw new InvalidArgumentError(`must be ${what}`);
    return value;
  };
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

/**
 * Reads the catalog, attributes the stored facts exactly as the backend's
 * attribution runs do (each day on its own, with the stored overrides and
 * the signals of the modules given) and summarizes one currency.
 */
export async function runAttribute(
  options: AttributeOptions,
): Promise<AttributionReport> {
  if (options.period && (options.from || options.to)) {
    throw new InvalidArgumentError(
      'give either --period or --from/--to, not both',
    );
  }
  const config = await readConfigFiles(options.config ?? []);
  const finops = readFinopsConfig(config);
  const measure = options.measure ?? finops.measure;
  const entities = await readCatalogFiles(options.catalog);
  const modules = await loadFinopsModules(
    [
      ...(config.getOptionalStringArray('finops.cli.modules') ?? []),
      ...(options.module ?? []),
    ],
    config,
  );
  const knex = await openDatabase(options.db);
  try {
    const pass = await attributeStoredFacts(new AttributionStore(knex), {
      entities,
      config: { ...finops, measure },
      signals: modules.signals,
      range: { period: options.period, from: options.from, to: options.to },
    });
    return summarizeAttribution(pass, {
      currency: options.currency ?? finops.currency,
    });
  } finally {
    await knex.destroy();
    await modules.stop();
  }
}

function pad(text: string, width: number, right = false) {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The human-readable form of a report. */
export function formatReport(report: AttributionReport): string {
  const lines: string[] = [];
  const costed = report.entities.filter(
    e => e.total !== '0' || e.direct !== '0',
  );
  const width = Math.max(6, ...costed.map(e => e.entity.length));
  const money = (s: string) =>
    Number(s).toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
  lines.push(`${report.measure} in ${report.currency || '(no data)'}`);
  lines.push(
    `${pad('entity', width)}  ${pad('direct', 16, true)}  ${pad(
      'total',
      16,
      true,
    )}  methods`,
  );
  for (const e of costed) {
    const methods = Object.keys(e.methods).join(', ');
    lines.push(
      `${pad(e.entity, width)}  ${pad(money(e.direct), 16, true)}  ${pad(
        money(e.total),
        16,
        true,
      )}  ${methods}`,
    );
  }
  lines.push('');
  lines.push(
    `Total ${report.total}, unattributed ${report.unattributed}, coverage ${(
      report.coverage * 100
    ).toFixed(1)}%`,
  );
  if (report.suggestions.length > 0) lines.push('', 'Suggestions:');
  for (const s of report.suggestions.slice(0, 20)) {
    const matched = Object.entries(s.evidence.matched)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    lines.push(
      `  ${s.entity} (confidence ${s.confidence}): ${money(
        s.amount,
      )} from ${matched} ~ ${s.evidence.selector}`,
    );
  }
  if (report.conflicts.length > 0) lines.push('', 'Conflicts (split evenly):');
  for (const c of report.conflicts.slice(0, 20)) {
    lines.push(
      `  ${c.method}: ${c.entities.join(' = ')}: ${money(
        c.amount,
      )} (${c.evidence.map(e => e.selector).join(' | ')})`,
    );
  }
  if (report.warnings.length > 0) lines.push('', 'Warnings:');
  for (const w of report.warnings)
    lines.push(`  ${w.entity} ${w.annotation}: ${w.message}`);
  return lines.join('\n');
}

async function attributeAction(options: AttributeOptions) {
  let report: AttributionReport;
  try {
    report = await runAttribute(options);
  } catch (error) {
    if (
      error instanceof CatalogFileError ||
      error instanceof InvalidArgumentError ||
      error instanceof ModuleLoadError
    ) {
      fail(error.message, options.json);
    }
    throw error;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(`${formatReport(report)}\n`);
}

/** `costwise attribute`. */
export function registerAttributeCommand(program: Command) {
  program
    .command('attribute')
    .description(
      'attribute the stored cost facts to the entities of Backstage catalog files',
    )
    .requiredOption(
      '--catalog <path...>',
      'entity YAML files, directories or globs',
      collect,
    )
    .option(
      '--db <target>',
      'SQLite file path or postgres:// URL (default: $COSTWISE_DB, else costwise.sqlite; a URL with a password is better given in $COSTWISE_DB)',
    )
    .option(
      '--period <YYYY-MM>',
      'billing period',
      pattern(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
    )
    .option(
      '--from <YYYY-MM-DD>',
      'first day, inclusive',
      pattern(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    )
    .option(
      '--to <YYYY-MM-DD>',
      'last day, inclusive',
      pattern(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    )
    .addOption(
      new Option(
        '--measure <measure>',
        'cost measure (default: finops.measure, else EffectiveCost)',
      ).choices(COST_MEASURES),
    )
    .option(
      '--currency <code>',
      'currency to attribute (default: the one with the largest total)',
    )
    .option(
      '--config <app-config.yaml>',
      'apply the finops: settings of this file (repeatable, later files win)',
      collect,
    )
    .option(
      '--module <package>',
      'a finops backend module whose attribution signals apply (repeatable; also finops.cli.modules)',
      collect,
    )
    .option('--json', 'print exactly one JSON object on stdout')
    .action(attributeAction);
}
