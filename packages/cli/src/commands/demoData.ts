import { existsSync, promises as fs } from 'fs';
import path from 'path';
import { Command, InvalidArgumentError } from 'commander';
import {
  DemoDataResult,
  DemoMapping,
  writeDemoData,
} from '@costwise/plugin-finops-engine';
import { fail, info, progressPrinter } from '../output';

const MAPPING_PATH = path.join('examples', 'demo-mapping.json');

interface DemoDataCommandOptions {
  out: string;
  seed: number;
  days: number;
  rows?: number;
  end?: string;
  mapping?: string;
  json?: boolean;
}

function integer(name: string, min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(
        `${name} must be an integer of at least ${min}`,
      );
    }
    return n;
  };
}

function date(value: string) {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(ms) ||
    new Date(ms).toISOString().slice(0, 10) !== value
  ) {
    throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  }
  return value;
}

/** The demo mapping in the nearest `examples/` folder, looking from `from` upwards. */
function findMapping(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, MAPPING_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function loadMapping(
  file: string | undefined,
  json?: boolean,
): Promise<DemoMapping> {
  const resolved = file ? path.resolve(file) : findMapping(process.cwd());
  if (!resolved)
    fail(
      `no ${MAPPING_PATH} in ${process.cwd()} or above; pass --mapping <file>`,
      json,
    );
  let parsed: Partial<DemoMapping>;
  try {
    parsed = JSON.parse(await fs.readFile(resolved, 'utf8'));
  } catch (error) {
    fail(
      `cannot read the demo mapping ${resolved}: ${(error as Error).message}`,
      json,
    );
  }
  const sections = [
    'resourceIds',
    'tags',
    'accounts',
    'llm',
    'kubernetes',
    'inferenceOnly',
    'unattributed',
  ] as const;
  const missing = sections.filter(s => !Array.isArray(parsed[s]));
  if (missing.length > 0)
    fail(
      `${resolved} is not a demo mapping: no list ${missing.join(', ')}`,
      json,
    );
  return parsed as DemoMapping;
}

function printResult(
  result: DemoDataResult,
  options: DemoDataCommandOptions,
  end: string,
) {
  info(`Wrote ${result.rows.toLocaleString('en-US')} rows to ${result.file}`);
  info(`Days: ${options.days} ending ${end} (seed ${options.seed})`);
  for (const [currency, totals] of Object.entries(result.totals)) {
    info(
      `Totals ${currency}: BilledCost ${totals.BilledCost}, EffectiveCost ${totals.EffectiveCost}, ListCost ${totals.ListCost}, ContractedCost ${totals.ContractedCost}`,
    );
  }
  for (const a of result.anomalies) {
    info(
      `Anomaly on ${a.day} (${a.offset} days before the end): ${a.entity}: ${a.description}`,
    );
  }
  info(`Check it with: costwise validate ${result.file}`);
}

async function demoData(options: DemoDataCommandOptions) {
  const mapping = await loadMapping(options.mapping, options.json);
  // the file is named after its last day, so resolve the default here rather than in the generator
  const end =
    options.end ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const file = path.resolve(options.out, `focus-demo-${end}.csv`);
  const progress = progressPrinter(
    !options.json || process.stderr.isTTY === true,
  );
  let result: DemoDataResult;
  try {
    result = await writeDemoData(
      file,
      {
        mapping,
        seed: options.seed,
        days: options.days,
        end,
        rows: options.rows,
      },
      rows => progress.update(rows, file),
    );
  } catch (error) {
    progress.done();
    fail((error as Error).message, options.json);
  }
  progress.done();
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({
        file: result.file,
        rows: result.rows,
        totals: result.totals,
      })}\n`,
    );
  } else {
    printResult(result, options, end);
  }
}

/** `costwise demo-data`. */
export function registerDemoDataCommand(program: Command) {
  program
    .command('demo-data')
    .description(
      'write a deterministic FOCUS 1.2 demo cost export for the demo catalog',
    )
    .requiredOption(
      '--out <dir>',
      'directory to write focus-demo-<end>.csv into',
    )
    .option(
      '--seed <n>',
      'random seed; the same seed, end and days give the same file',
      integer('--seed', 0),
      1,
    )
    .option('--days <n>', 'number of days of data', integer('--days', 1), 90)
    .option(
      '--rows <n>',
      'approximate number of rows (usage is split into more line items to reach it)',
      integer('--rows', 1),
    )
    .option(
      '--end <date>',
      'last day of data, YYYY-MM-DD (default: yesterday, UTC)',
      date,
    )
    .option(
      '--mapping <file>',
      `demo mapping (default: ${MAPPING_PATH} in the current directory or above)`,
    )
    .option(
      '--json',
      'print exactly one JSON object {file, rows, totals} on stdout',
    )
    .action(demoData);
}
