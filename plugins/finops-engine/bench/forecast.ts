/*
 * Forecast backtest: `npm run bench:forecast [-- --days 365] [--json]
 * [--series FILE] [--set damping=0.95,widen=1.1]`.
 *
 * Backtests the daily cost forecast (the card's month-end forecast and the
 * budgets' period-end forecast use it) on two datasets:
 *
 * - the demo data (`generateDemoData`, `--days` days up to 2026-11-30)
 *   ingested and attributed to the demo catalog: one series per entity with
 *   cost (its daily attributed cost, as its pages show it, members
 *   included), and the organization's total;
 * - a real export: the AWS Cost and Usage Report fixture (14 days of
 *   November 2023), summed per day, in all and per product;
 * - for information, rougher synthetic series than either (heavy noise, a
 *   drifting level, recurring spikes, step changes, steady growth; 20 of
 *   each, seeded): what the band does where the data is less kind.
 *
 * From every origin with at least 28 days of history (7 for the 14-day
 * export), the model forecasts the total of the next 7 and 30 days from
 * the history up to the origin; the table gives the mean absolute
 * percentage error of those totals and the share of actual totals inside
 * the 90% band (target: 85–95%), next to the former forecast (the mean of
 * the last 14 days ± 1.645σ√days). `--series FILE` keeps the demo series in
 * a JSON file and reads them from it on later runs; `--set` overrides the
 * model's settings, for tuning.
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import knexFactory from 'knex';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  applyMigrations,
  AttributionRunner,
  AttributionStore,
  CostViewService,
  DatabaseCostStore,
  DemoMapping,
  IngestionService,
  readCatalogFiles,
  readCostFiles,
  readFinopsConfig,
  silentLogger,
  writeDemoData,
} from '../src';
import {
  DEFAULT_FORECAST_MODEL,
  fitForecast,
  forecastPath,
  ForecastModelOptions,
} from '../src/queries/views/forecastModel';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'examples');
const CUR_FIXTURE = path.join(
  __dirname,
  '../src/ingestion/__fixtures__/providers/aws/sample-anonymous-aws-export-dataset.csv',
);
const DEMO_END = '2026-11-30';
const HORIZONS = [7, 30, 90];
const TARGET = { low: 0.85, high: 0.95 };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A daily series: values oldest first, and the day of week of the first one. */
interface Series {
  name: string;
  firstDow: number;
  values: number[];
}

const dowOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The demo data ingested and attributed: each entity's daily cost. */
async function demoSeries(days: number): Promise<Series[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-forecast-'));
  try {
    const mapping = JSON.parse(
      await fs.readFile(path.join(EXAMPLES, 'demo-mapping.json'), 'utf8'),
    ) as DemoMapping;
    const file = path.join(dir, 'demo.csv');
    await writeDemoData(file, { mapping, end: DEMO_END, days });
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'bench.sqlite') },
      useNullAsDefault: true,
    });
    await applyMigrations(knex);
    const config = readFinopsConfig(new ConfigReader({}));
    const ingestion = new IngestionService(
      new DatabaseCostStore(knex),
      silentLogger,
      [],
    );
    await ingestion.ingest('demo', readCostFiles([file]));
    const entities: Entity[] = await readCatalogFiles([
      path.join(EXAMPLES, 'entities.yaml'),
      path.join(EXAMPLES, 'org.yaml'),
    ]);
    const store = new AttributionStore(knex);
    await new AttributionRunner(store, async () => entities, {
      config,
    }).run('forecast backtest');
    const views = new CostViewService(store, {
      measure: config.measure,
      currency: 'USD',
    });
    const first = new Date(Date.parse(`${DEMO_END}T00:00:00Z`));
    first.setUTCDate(first.getUTCDate() - days + 1);
    const from = first.toISOString().slice(0, 10);
    const allDays: string[] = [];
    for (let d = new Date(first); allDays.length < days; ) {
      allDays.push(d.toISOString().slice(0, 10));
      d = new Date(d.getTime() + 86_400_000);
    }
    const out: Series[] = [];
    for (const entity of entities) {
      const kind = entity.kind.toLowerCase();
      if (kind === 'user') continue;
      const cost = await views.dailyCost(entity, { from, to: DEMO_END });
      const values = allDays.map(d => cost.byDay.get(d)?.toNumber() ?? 0);
      out.push({ name: cost.ref, firstDow: dowOf(from), values });
    }
    // the organization's total, attributed or not
    const rows: Array<{ day: string; amount: string | number }> = await knex(
      'finops_cost_facts',
    )
      .select('day')
      .sum({ amount: 'effective_cost' })
      .groupBy('day');
    const total = new Map(rows.map(r => [String(r.day), Number(r.amount)]));
    out.push({
      name: 'all cost',
      firstDow: dowOf(from),
      values: allDays.map(d => total.get(d) ?? 0),
    });
    await knex.destroy();
    return out;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The AWS CUR fixture summed per day: in all, and per product. */
async function curSeries(): Promise<Series[]> {
  const byProduct = new Map<string, Map<string, number>>();
  const add = (key: string, day: string, amount: number) => {
    let days = byProduct.get(key);
    if (!days) byProduct.set(key, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + amount);
  };
  for await (const record of readCostFiles([CUR_FIXTURE])) {
    if (record.kind !== 'row') continue;
    const day = record.row.chargePeriodStart.slice(0, 10);
    const amount = Number(record.row.effectiveCost);
    add('all cost', day, amount);
    add(record.row.serviceName, day, amount);
  }
  const allDays = [...byProduct.get('all cost')!.keys()].sort();
  return [...byProduct]
    .map(([name, days]) => ({
      name,
      firstDow: dowOf(allDays[0]),
      values: allDays.map(d => days.get(d) ?? 0),
    }))
    .filter(s => s.values.filter(v => v !== 0).length >= 7);
}

/** A fast deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rough synthetic series of a year, 20 of each kind (day 0 is a Sunday). */
function syntheticSeries(): Series[] {
  const rnd = prng(7);
  const gauss = () =>
    Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
  const weekend = (d: number, f: number) =>
    d % 7 === 0 || d % 7 === 6 ? f : 1;
  const kinds: Record<string, (d: number, state: { level: number }) => number> =
    {
      'noise 15%': d => 100 * weekend(d, 0.6) * Math.exp(0.15 * gauss()),
      'drifting level': (d, state) => {
        state.level *= Math.exp(0.01 * gauss());
        return state.level * weekend(d, 0.7) * (1 + 0.05 * gauss());
      },
      'spikes ×4 on 3% of days': () =>
        100 * (1 + 0.05 * gauss()) * (rnd() < 0.03 ? 4 : 1),
      'steps on 2% of days': (_d, state) => {
        if (rnd() < 0.02) state.level *= 0.7 + 0.7 * rnd();
        return state.level * (1 + 0.05 * gauss());
      },
      'growth 0.2%/day': d =>
        100 * Math.exp(0.002 * d) * weekend(d, 0.5) * (1 + 0.08 * gauss()),
    };
  const out: Series[] = [];
  for (const [name, next] of Object.entries(kinds))
    for (let i = 0; i < 20; i++) {
      const state = { level: 100 };
      const values: number[] = [];
      for (let d = 0; d < 365; d++) values.push(next(d, state));
      out.push({ name: `${name} #${i}`, firstDow: 0, values });
    }
  return out;
}

type Forecaster = (
  history: number[],
  lastDow: number,
  horizon: number,
) => { total: number; low: number; high: number };

const model =
  (options: ForecastModelOptions): Forecaster =>
  (history, lastDow, horizon) =>
    forecastPath(
      fitForecast(history, lastDow, options),
      lastDow,
      horizon,
      options,
    );

/** The former forecast: the mean of the last 14 days ± 1.645σ√days. */
const former: Forecaster = (history, _lastDow, horizon) => {
  const trailing = history.slice(-14);
  while (trailing.length < 14) trailing.unshift(0);
  const mean = trailing.reduce((a, b) => a + b, 0) / trailing.length;
  const sd = Math.sqrt(
    trailing.reduce((a, b) => a + (b - mean) ** 2, 0) / (trailing.length - 1),
  );
  const total = mean * horizon;
  const band = 1.645 * sd * Math.sqrt(horizon);
  return { total, low: Math.max(0, total - band), high: total + band };
};

interface Score {
  horizon: number;
  forecasts: number;
  mape: number;
  /** The total absolute error over the total actual (robust to small series). */
  wape: number;
  coverage: number;
  below: number;
  above: number;
}

function backtest(
  series: Series[],
  forecaster: Forecaster,
  minHistory: number,
): Score[] {
  return HORIZONS.map(horizon => {
    let forecasts = 0;
    let ape = 0;
    let apeCount = 0;
    let absError = 0;
    let actualTotal = 0;
    let inside = 0;
    let below = 0;
    let above = 0;
    for (const s of series) {
      for (let t = minHistory - 1; t + horizon < s.values.length; t++) {
        const history = s.values.slice(0, t + 1);
        if (history.every(v => v === 0)) continue;
        const actual = s.values
          .slice(t + 1, t + 1 + horizon)
          .reduce((a, b) => a + b, 0);
        const f = forecaster(history, (s.firstDow + t) % 7, horizon);
        forecasts++;
        if (actual > 0) {
          ape += Math.abs(f.total - actual) / actual;
          apeCount++;
        }
        absError += Math.abs(f.total - actual);
        actualTotal += Math.abs(actual);
        // to the cent, as the forecast is shown
        const cents = (v: number) => Math.round(v * 100);
        if (cents(actual) < cents(f.low)) below++;
        else if (cents(actual) > cents(f.high)) above++;
        else inside++;
      }
    }
    return {
      horizon,
      forecasts,
      mape: apeCount ? ape / apeCount : NaN,
      wape: actualTotal ? absError / actualTotal : NaN,
      coverage: forecasts ? inside / forecasts : NaN,
      below: forecasts ? below / forecasts : NaN,
      above: forecasts ? above / forecasts : NaN,
    };
  });
}

function parseOverrides(text: string | undefined): ForecastModelOptions {
  const options = { ...DEFAULT_FORECAST_MODEL };
  for (const pair of (text ?? '').split(',').filter(Boolean)) {
    const [key, value] = pair.split('=');
    if (!(key in options)) throw new Error(`no model setting '${key}'`);
    (options as any)[key] = Number(value);
  }
  return options;
}

async function main() {
  const days = Number(arg('days') ?? 365);
  const cache = arg('series');
  const options = parseOverrides(arg('set'));
  const started = Date.now();
  let demo: Series[] | undefined;
  if (cache)
    demo = await fs
      .readFile(cache, 'utf8')
      .then(text => JSON.parse(text) as Series[])
      .then(list => (list[0]?.values.length === days ? list : undefined))
      .catch(() => undefined);
  if (!demo) {
    demo = await demoSeries(days);
    if (cache) await fs.writeFile(cache, JSON.stringify(demo));
  }
  // entities with at least a dollar a day: below, cents make percentages meaningless
  const demoKept = demo.filter(
    s => s.values.reduce((a, b) => a + Math.abs(b), 0) / s.values.length >= 1,
  );
  const cur = await curSeries();
  const datasets = [
    {
      name: `demo (${demoKept.length} series × ${days} days)`,
      series: demoKept,
      minHistory: 28,
    },
    {
      name: `AWS CUR fixture (${cur.length} series × ${cur[0].values.length} days)`,
      series: cur,
      minHistory: 7,
    },
    {
      name: 'synthetic stress, for information (100 series × 365 days)',
      series: syntheticSeries(),
      minHistory: 28,
    },
  ];
  const rows: Array<{
    dataset: string;
    model: string;
    scores: Score[];
  }> = [];
  for (const d of datasets) {
    rows.push({
      dataset: d.name,
      model: 'weekday + damped trend',
      scores: backtest(d.series, model(options), d.minHistory),
    });
    rows.push({
      dataset: d.name,
      model: 'former: mean ± 1.645σ',
      scores: backtest(d.series, former, d.minHistory),
    });
  }
  if (process.argv.includes('--json')) {
    process.stdout.write(
      `${JSON.stringify({ options, target: TARGET, results: rows })}\n`,
    );
    return;
  }
  const pct = (v: number) =>
    Number.isNaN(v) ? 'n/a' : `${(v * 100).toFixed(1)}%`;
  console.log(
    `Forecast backtest (${((Date.now() - started) / 1000).toFixed(
      0,
    )} s); model settings ${JSON.stringify(options)}\n`,
  );
  console.log(
    '| dataset | model | horizon | forecasts | MAPE | WAPE | inside 90% band | below | above |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    for (const s of r.scores)
      console.log(
        `| ${r.dataset} | ${r.model} | ${s.horizon} days | ${s.forecasts} | ${
          s.forecasts ? pct(s.mape) : 'n/a'
        } | ${s.forecasts ? pct(s.wape) : 'n/a'} | ${
          s.forecasts ? pct(s.coverage) : 'n/a (too few days)'
        } | ${s.forecasts ? pct(s.below) : ''} | ${
          s.forecasts ? pct(s.above) : ''
        } |`,
      );
  const ours = rows.filter(
    r => r.model.startsWith('weekday') && !r.dataset.startsWith('synthetic'),
  );
  const misses = ours.flatMap(r =>
    r.scores.filter(
      s =>
        s.forecasts >= 30 &&
        (s.coverage < TARGET.low || s.coverage > TARGET.high),
    ),
  );
  console.log(
    `\nCoverage target ${pct(TARGET.low)}–${pct(
      TARGET.high,
    )} on the demo and the real export (where there are 30 or more forecasts): ${
      misses.length === 0 ? 'met' : 'NOT met'
    }`,
  );
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
