import { createWriteStream } from 'fs';
import { promises as fs } from 'fs';
import path from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { createGzip } from 'zlib';
import { COST_MEASURES, MeasureTotals } from '@costwise/plugin-finops-common';
import { applyAnomalies, DemoAnomaly } from './anomalies';
import { applyChanges, DemoChange } from './changes';
import {
  CSV_HEADER,
  dayString,
  DemoRow,
  parseDay,
  toCsvLine,
} from './focusCsv';
import { moneyToString } from './money';
import { rngFor } from '../model/prng';
import { DemoLlmUsage, llmUsageOf } from './llmUsage';
import { demoRows, RowContext } from './rows';
import { buildSeries, Series } from './series';
import type { DemoMapping } from './types';

/** Options of {@link generateDemoData}. @public */
export interface DemoDataOptions {
  mapping: DemoMapping;
  /** Same seed, end and days give byte-identical output. Default 1. */
  seed?: number;
  /** Number of days, ending with `end`. Default 90. */
  days?: number;
  /** Last day included, YYYY-MM-DD. Default yesterday (UTC). */
  end?: string;
  /**
   * Approximate number of rows to write. Usage is split into more line items
   * to reach it; below the mapping's natural row count the natural count is written.
   */
  rows?: number;
  /**
   * Providers of the mapping's `llm` entries (`OpenAI`, `Anthropic`,
   * compared without case) whose direct API rows are not written, for a
   * demo whose usage and cost of those providers arrive through their
   * connectors instead (see {@link demoDataLlmUsage}). The anomalies listed
   * still include theirs. Default none: every `llm` entry is written.
   */
  omitLlmProviders?: string[];
}

/** What {@link writeDemoData} wrote. @public */
export interface DemoDataResult {
  file: string;
  rows: number;
  /** Exact sums per billing currency, as the reader computes them. */
  totals: Record<string, MeasureTotals>;
  anomalies: DemoAnomaly[];
  /** Deliberate changes that are not anomalies (a rightsized resource). */
  changes: DemoChange[];
}

const DAY_MS = 86_400_000;
const PROGRESS_EVERY = 100_000;

const EMPTY_MAPPING: DemoMapping = {
  tags: [],
  resourceIds: [],
  accounts: [],
  llm: [],
  kubernetes: [],
  inferenceOnly: [],
  unattributed: [],
};

interface Plan {
  ctx: RowContext;
  anomalies: DemoAnomaly[];
  changes: DemoChange[];
  /** Every LLM series of the mapping, the omitted providers' included. */
  llm: Series[];
}

function plan(options: DemoDataOptions): Plan {
  const seed = options.seed ?? 1;
  const days = options.days ?? 90;
  if (!Number.isInteger(seed))
    throw new TypeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(days) || days < 1 || days > 3660)
    throw new RangeError(`days must be an integer from 1 to 3660, got ${days}`);
  const endDay = demoDataEnd(options);
  const end = parseDay(endDay);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(endDay) ||
    Number.isNaN(end) ||
    dayString(end) !== endDay
  ) {
    throw new TypeError(`end must be a date YYYY-MM-DD, got '${endDay}'`);
  }
  const start = end - days + 1;
  // sections a hand-written mapping leaves out simply produce no rows
  const mapping: DemoMapping = { ...EMPTY_MAPPING, ...options.mapping };
  const series = buildSeries(seed, mapping);
  const anomalies = applyAnomalies(seed, series, mapping, start, end);
  const changes = applyChanges(series, start, end);
  const omitted = new Set(
    (options.omitLlmProviders ?? []).map(p => p.trim().toLowerCase()),
  );
  const written = series.filter(
    s => s.origin !== 'llm' || !omitted.has(s.account.provider.toLowerCase()),
  );
  const ctx: RowContext = {
    seed,
    start,
    end,
    series: written,
    parts: () => 1,
  };

  if (options.rows !== undefined) {
    // count the natural rows once, then split each usage line often enough to reach the target
    let splittable = 0;
    let natural = 0;
    const counting: RowContext = {
      ...ctx,
      parts: () => {
        splittable++;
        return 1;
      },
    };
    for (const _ of demoRows(counting)) natural++;
    const factor =
      splittable > 0 ? (options.rows - (natural - splittable)) / splittable : 1;
    if (factor > 1) {
      const whole = Math.floor(factor);
      const fraction = factor - whole;
      ctx.parts = (s, day) =>
        whole + (rngFor(seed, 'parts', s.key, day)() < fraction ? 1 : 0);
    }
  }
  return {
    ctx,
    anomalies,
    changes,
    llm: series.filter(s => s.origin === 'llm'),
  };
}

/**
 * Generates a deterministic FOCUS 1.2 cost and usage export for the demo
 * catalog: the header, then one CSV line per charge.
 *
 * @public
 */
export function* generateDemoData(options: DemoDataOptions): Generator<string> {
  const { ctx } = plan(options);
  yield CSV_HEADER;
  for (const row of demoRows(ctx)) yield toCsvLine(row);
}

/** The day the data ends on (for file names), as {@link generateDemoData} resolves it. @public */
export function demoDataEnd(options: Pick<DemoDataOptions, 'end'>): string {
  return (
    options.end ?? new Date(Date.now() - DAY_MS).toISOString().slice(0, 10)
  );
}

class Totals {
  private readonly sums = new Map<string, bigint[]>();

  add(row: DemoRow) {
    const s = this.sums.get(row.account.currency) ?? [0n, 0n, 0n, 0n];
    this.sums.set(row.account.currency, [
      s[0] + row.billed,
      s[1] + row.effective,
      s[2] + row.list,
      s[3] + row.contracted,
    ]);
  }

  toJSON(): Record<string, MeasureTotals> {
    const out: Record<string, MeasureTotals> = {};
    for (const currency of [...this.sums.keys()].sort()) {
      const s = this.sums.get(currency)!;
      out[currency] = Object.fromEntries(
        COST_MEASURES.map((m, i) => [m, moneyToString(s[i])]),
      ) as MeasureTotals;
    }
    return out;
  }
}

/**
 * The deliberate changes (not anomalies) the demo data of these options
 * holds, without generating its rows.
 *
 * @public
 */
export function demoDataChanges(options: DemoDataOptions): DemoChange[] {
  return plan(options).changes;
}

/**
 * The resources the demo data of these options bills, with the entity each
 * is generated for (none for the cost that nothing maps), without
 * generating its rows.
 *
 * @public
 */
export function demoDataResources(
  options: DemoDataOptions,
): Array<{ resourceId: string; entity?: string; provider: string }> {
  const seen = new Map<
    string,
    { resourceId: string; entity?: string; provider: string }
  >();
  for (const s of plan(options).ctx.series) {
    if (!s.resourceId || seen.has(s.resourceId)) continue;
    seen.set(s.resourceId, {
      resourceId: s.resourceId,
      ...(s.entity && s.origin !== 'unattributed' ? { entity: s.entity } : {}),
      provider: s.account.provider,
    });
  }
  return [...seen.values()];
}

/**
 * The direct LLM API usage the demo data of these options holds (or, for
 * the providers it omits, would hold), per provider, project or workspace
 * and model, without generating its rows: what a fake of the OpenAI or
 * Anthropic API serves for the demo to stay consistent with the generated
 * data.
 *
 * @public
 */
export function demoDataLlmUsage(options: DemoDataOptions): DemoLlmUsage[] {
  return llmUsageOf(plan(options).llm);
}

/**
 * Writes the demo data to a file (gzip-compressed when the name ends in
 * `.gz`), creating its directory, and returns its row count and exact totals.
 * `onProgress` hears the number of rows written every 100,000 rows.
 *
 * @public
 */
export async function writeDemoData(
  file: string,
  options: DemoDataOptions,
  onProgress?: (rows: number) => void,
): Promise<DemoDataResult> {
  const { ctx, anomalies, changes } = plan(options);
  const totals = new Totals();
  let rows = 0;
  // lines are batched so that the stream sees a few hundred kilobytes at a time, not one line
  function* chunks(): Generator<string> {
    let buffer = `${CSV_HEADER}\n`;
    for (const row of demoRows(ctx)) {
      totals.add(row);
      rows++;
      if (onProgress && rows % PROGRESS_EVERY === 0) onProgress(rows);
      buffer += `${toCsvLine(row)}\n`;
      if (buffer.length > 1 << 18) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  const target = path.resolve(file);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const source = Readable.from(chunks());
  const sink = createWriteStream(target);
  if (target.endsWith('.gz')) await pipeline(source, createGzip(), sink);
  else await pipeline(source, sink);
  return {
    file: target,
    rows,
    totals: totals.toJSON(),
    anomalies,
    changes,
  };
}
