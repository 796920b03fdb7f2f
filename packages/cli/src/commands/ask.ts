import { Command, InvalidArgumentError } from 'commander';
import {
  AskAnswer,
  COST_MEASURES,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import {
  AskEngine,
  AttributionStore,
  CatalogFileError,
  CostViewService,
  entityRefOf,
  MetricStore,
  readCatalogFiles,
  readConfigFiles,
  readFinopsConfig,
  normalizeEntityRef,
  RecommendationStore,
  UnitCostService,
} from '@costwise/plugin-finops-engine';
import { loadFinopsModules, ModuleLoadError } from '../modules';
import { fail, info } from '../output';
import { AskInputError, openAskDatabase } from './askDatabase';

/** Options of `costwise ask`. */
export interface AskOptions {
  db?: string;
  catalog: string[];
  config?: string[];
  measure?: string;
  /** The asker: a user (their groups are "our") or a group. */
  as?: string;
  today?: string;
  json?: boolean;
}

/** What `costwise ask --json` prints. */
export interface AskJson {
  question: string;
  intent: string;
  answer: string;
  period: { from: string; to: string } | null;
  figures: Array<{
    label: string;
    entity: string | null;
    amount: string;
    currency: string;
  }>;
  breakdown: Array<{ label: string; amount: string; change: string | null }>;
  lineage: AskAnswer['lineage'];
  supported: boolean;
}

/** Exit code of a question the engine cannot answer. */
export const UNSUPPORTED_EXIT_CODE = 3;

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

type Entity = Awaited<ReturnType<typeof readCatalogFiles>>[number];

/** The groups of the asker: a group itself, or a user's groups (either side of the membership). */
function groupsOf(as: string, entities: Entity[]): string[] {
  const ref = normalizeEntityRef(as, 'user');
  const entity = ref ? entities.find(e => entityRefOf(e) === ref) : undefined;
  if (!ref || !entity)
    throw new AskInputError(
      `--as ${as}: no user or group ${ref ?? as} in the catalog files`,
    );
  const kind = entity.kind.toLowerCase();
  if (kind === 'group') return [ref];
  if (kind !== 'user')
    throw new AskInputError(
      `--as ${as}: give a user or a group, not a ${entity.kind}`,
    );
  const namespace = entity.metadata.namespace ?? 'default';
  const memberOf = (
    (entity.spec as { memberOf?: string[] } | undefined)?.memberOf ?? []
  ).map(g => normalizeEntityRef(g, 'group', namespace));
  const listing = entities
    .filter(
      e =>
        e.kind.toLowerCase() === 'group' &&
        ((e.spec as { members?: string[] } | undefined)?.members ?? []).some(
          m =>
            normalizeEntityRef(m, 'user', e.metadata.namespace ?? 'default') ===
            ref,
        ),
    )
    .map(entityRefOf);
  return [
    ...new Set(
      [...memberOf, ...listing].filter((g): g is string => g !== undefined),
    ),
  ];
}

/**
 * Answers a question from a cost database and catalog files, with the
 * engine the backend runs: the stored attribution when it is of these
 * files, else an attribution made in memory.
 */
export async function runAsk(
  question: string,
  options: AskOptions,
): Promise<AskAnswer> {
  if (
    options.measure &&
    !(COST_MEASURES as readonly string[]).includes(options.measure)
  )
    throw new AskInputError(
      `--measure must be one of ${COST_MEASURES.join(', ')}, got '${
        options.measure
      }'`,
    );
  if (options.today && !/^\d{4}-\d{2}-\d{2}$/.test(options.today))
    throw new AskInputError(
      `--today must be a day YYYY-MM-DD, got '${options.today}'`,
    );
  const config = await readConfigFiles(options.config ?? []);
  const finops = readFinopsConfig(config);
  const entities = await readCatalogFiles(options.catalog);
  const userGroups = options.as ? groupsOf(options.as, entities) : [];
  const modules = await loadFinopsModules(
    config.getOptionalStringArray('finops.cli.modules') ?? [],
    config,
  );
  const db = await openAskDatabase(
    options.db,
    entities,
    finops,
    modules.signals,
  );
  try {
    const attributionStore = new AttributionStore(db.knex);
    const defaults = { measure: finops.measure, currency: finops.currency };
    const views = new CostViewService(attributionStore, defaults);
    const engine = new AskEngine({
      knex: db.knex,
      attributionStore,
      views,
      unitCosts: new UnitCostService(views, new MetricStore(db.knex)),
      recommendations: new RecommendationStore(db.knex),
      catalogEntities: async () => entities,
      defaults,
      config: finops.ask,
      logger: {
        info() {},
        warn: message => info(`costwise: ${message}`),
        error: message => info(`costwise: ${message}`),
      },
    });
    return await engine.ask(question, {
      userGroups,
      today: options.today,
      measure: options.measure as CostMeasure | undefined,
    });
  } finally {
    await db.close();
    await modules.stop();
  }
}

/** The `--json` form: exactly the keys of the contract. */
export function askJson(answer: AskAnswer): AskJson {
  return {
    question: answer.question,
    intent: answer.intent,
    answer: answer.answer,
    period: answer.period,
    figures: answer.figures.map(f => ({
      label: f.label,
      entity: f.entity,
      amount: f.amount,
      currency: f.currency,
    })),
    breakdown: answer.breakdown.map(b => ({
      label: b.label,
      amount: b.amount,
      change: b.change,
    })),
    lineage: answer.lineage,
    supported: answer.supported,
  };
}

function money(amount: string, currency: string): string {
  const d = Decimal.parse(amount);
  return `${d.toFixed(2)}${currency ? ` ${currency}` : ''}`;
}

/** The human form: the answer, its figures and breakdown, what it came from. */
export function formatAnswer(answer: AskAnswer): string {
  const lines = [answer.answer];
  if (answer.period)
    lines.push('', `Period: ${answer.period.from} to ${answer.period.to}`);
  if (answer.figures.length) {
    lines.push('');
    for (const f of answer.figures)
      lines.push(
        `  ${f.label}: ${f.currency ? money(f.amount, f.currency) : f.amount}`,
      );
  }
  if (answer.breakdown.length) {
    const currency = answer.lineage?.currency ?? '';
    const by: Record<string, string> = {
      child: 'member',
      chargeCategory: 'charge category',
      sku: 'SKU',
    };
    lines.push(
      '',
      `By ${by[answer.breakdownBy ?? ''] ?? answer.breakdownBy ?? 'item'}:`,
    );
    const width = Math.max(...answer.breakdown.map(b => b.label.length));
    for (const b of answer.breakdown)
      lines.push(
        `  ${b.label.padEnd(width)}  ${money(b.amount, currency).padStart(16)}${
          b.change !== null
            ? `  ${
                Decimal.parse(b.change).isNegative() ? '' : '+'
              }${Decimal.parse(b.change).toFixed(2)}`
            : ''
        }`,
      );
  }
  if (answer.didYouMean?.length)
    lines.push('', `Did you mean: ${answer.didYouMean.join(', ')}?`);
  if (answer.suggestions.length)
    lines.push(
      '',
      answer.supported ? 'You could also ask:' : 'Questions I can answer:',
      ...answer.suggestions.map(s => `  ${s}`),
    );
  if (answer.lineage)
    lines.push(
      '',
      `${answer.lineage.measure} in ${
        answer.lineage.currency || '(no data)'
      }, attribution run ${
        answer.lineage.attributionRunId ?? '(none)'
      }, data up to ${
        answer.freshness
          .map(f => f.lastDay)
          .sort()
          .pop() ?? '(none)'
      }`,
    );
  return lines.join('\n');
}

async function askAction(question: string, options: AskOptions) {
  let answer: AskAnswer;
  try {
    answer = await runAsk(question, options);
  } catch (error) {
    const name = (error as Error).name;
    if (
      error instanceof AskInputError ||
      error instanceof CatalogFileError ||
      error instanceof ModuleLoadError ||
      error instanceof InvalidArgumentError ||
      ['InputError', 'NotFoundError', 'NotAllowedError'].includes(name)
    )
      fail((error as Error).message, options.json);
    throw error;
  }
  if (options.json)
    process.stdout.write(`${JSON.stringify(askJson(answer))}\n`);
  else process.stdout.write(`${formatAnswer(answer)}\n`);
  process.exitCode = answer.supported ? 0 : UNSUPPORTED_EXIT_CODE;
}

/** `costwise ask`. */
export function registerAskCommand(program: Command) {
  program
    .command('ask')
    .description(
      'answer a question about cost in plain language ("Why did checkout\'s costs spike on Thursday?") from the stored cost and the catalog files; exit code 3 when it cannot be answered',
    )
    .argument('<question>', 'the question, in quotes')
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
      '--config <file>',
      'app-config YAML with a finops: block (repeatable)',
      collect,
    )
    .option('--measure <measure>', `cost measure: ${COST_MEASURES.join(', ')}`)
    .option(
      '--as <entityRef>',
      'the asker: a user (their groups are "our") or a group',
    )
    .option(
      '--today <YYYY-MM-DD>',
      'the day relative dates are read from (default: the last day with data)',
    )
    .option('--json', 'print the answer as JSON')
    .action(askAction);
}
