/*
 * Load test: `npm run bench:load -- [--entities 2000] [--days 400]
 *   [--duration 60] [--warmup 10] [--connections 50] [--database sqlite|postgres]
 *   [--db postgres://...] [--sqlite-file f] [--cache-bytes 16777216]`.
 *
 * Fills a database with the synthetic store of the API benchmark (and daily
 * `requests` for every Component, which declares them as its unit metric),
 * serves the plugin's router from its own process on loopback, and sends
 * `--connections` clients at it for `--duration` seconds, each request to a
 * random route of the entity, benchmark and unit-cost routes, for a random
 * entity and a random range (some reaching past the data, some years long).
 *
 * It prints requests per second and latency, per route as the server timed
 * them, every error and non-2xx answer, and the server's resident memory
 * after the warm-up, at its peak and at the end. It fails (exit code 1) on
 * any error or non-2xx answer, or when the memory grows past the response
 * cache's bound plus the heap's headroom.
 */
import os from 'os';
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import { addDays } from '@costwise/plugin-finops-engine';
import { syntheticCatalog } from './apiCatalog';
import {
  arg,
  percentile,
  postgresTarget,
  prepare,
  printRows,
  Server,
  sqliteTarget,
  startServer,
} from './apiHarness';

const ENTITIES = Number(arg('entities', '2000'));
const DAYS = Number(arg('days', '400'));
const DURATION = Number(arg('duration', '60'));
const WARMUP = Number(arg('warmup', '10'));
const CONNECTIONS = Number(arg('connections', '50'));
const CACHE_BYTES = Number(arg('cache-bytes', String(16 * 1024 * 1024)));
/** What live memory may grow by beyond the cache: the route timings the server keeps for this report, the JIT's code. */
const LIVE_SLACK = 16 * 1024 * 1024;
/** What resident memory may still grow by in the last third of the run over its middle third. */
const RSS_SLACK = 32 * 1024 * 1024;
const METRIC_DAYS = 180;

// the data ends yesterday, as a daily export does
const AS_OF = addDays(new Date().toISOString().slice(0, 10), -1);
const FIRST = addDays(AS_OF, -(DAYS - 1));
const catalog = syntheticCatalog(ENTITIES, { unitMetric: true });
const pathOf = (ref: string) => ref.replace(/^(\w+):(\w+)\//, '$1/$2/');

/** A random whole number from 0 to n − 1. */
const below = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(items: readonly T[]) => items[below(items.length)];

/** A random range: mostly within the data, some reaching before or after it, a few years long. */
function randomRange(): string {
  const roll = Math.random();
  let from: string;
  let to: string;
  if (roll < 0.1) {
    // years, from before the data to after it: clamped to the data
    from = addDays(FIRST, -below(2000));
    to = addDays(AS_OF, below(800));
  } else if (roll < 0.15) {
    // wholly before the data: answered without points
    to = addDays(FIRST, -1 - below(300));
    from = addDays(to, -below(90));
  } else {
    to = addDays(AS_OF, -below(DAYS));
    from = addDays(to, -below(Math.min(DAYS, 366)));
    if (from < FIRST) from = FIRST;
  }
  const granularity = Math.random() < 0.7 ? 'day' : 'month';
  return `from=${from}&to=${to}&granularity=${granularity}`;
}

const GROUP_BY = ['service', 'resource', 'region', 'provider', 'method'];

/** The routes of the mix, with their weights. */
const ROUTES: { weight: number; path: () => string }[] = [
  {
    weight: 3,
    path: () => `/entities/${pathOf(pick(catalog.components))}/summary`,
  },
  {
    weight: 4,
    path: () =>
      `/entities/${pathOf(
        pick(catalog.components),
      )}/costs?${randomRange()}&groupBy=${pick(GROUP_BY)}`,
  },
  {
    weight: 2,
    path: () =>
      `/entities/${pathOf(
        pick(catalog.systems),
      )}/costs?${randomRange()}&groupBy=${pick([...GROUP_BY, 'child'])}`,
  },
  {
    weight: 1,
    path: () => `/entities/${pathOf(pick(catalog.groups))}/summary`,
  },
  {
    weight: 1,
    path: () =>
      `/entities/${pathOf(
        pick(catalog.groups),
      )}/costs?${randomRange()}&groupBy=child`,
  },
  {
    weight: 2,
    path: () =>
      `/entities/${pathOf(
        pick(catalog.components),
      )}/resources?${randomRange()}&offset=${pick([0, 0, 0, 10, 1000])}`,
  },
  {
    weight: 3,
    path: () =>
      `/entities/${pathOf(
        pick(catalog.components),
      )}/unit-cost?${randomRange()}`,
  },
  {
    weight: 1,
    path: () =>
      `/entities/${pathOf(pick(catalog.systems))}/unit-cost?${randomRange()}`,
  },
  {
    weight: 3,
    path: () => `/entities/${pathOf(pick(catalog.components))}/benchmark`,
  },
  {
    weight: 1,
    path: () => `/entities/${pathOf(pick(catalog.groups))}/benchmark`,
  },
];
const WEIGHTED = ROUTES.flatMap(r => Array(r.weight).fill(r));

/** Daily `requests` of every Component over the last METRIC_DAYS days. */
async function fillMetrics(knex: Knex): Promise<Record<string, number>> {
  const now = new Date().toISOString();
  let rows: object[] = [];
  let count = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    await knex.batchInsert('finops_metrics', rows as any[], 500);
    count += rows.length;
    rows = [];
  };
  for (const [i, ref] of catalog.components.entries()) {
    for (let d = 0; d < Math.min(METRIC_DAYS, DAYS); d++) {
      rows.push({
        entity_ref: ref,
        metric: 'requests',
        day: addDays(AS_OF, -d),
        value: 1000 + ((i * 7919 + d * 104729) % 50_000),
        source: 'api',
        updated_at: now,
      });
      if (rows.length >= 20_000) await flush();
    }
  }
  await flush();
  return { finops_metrics: count };
}

/** RSS of the server every second while `work` runs: the samples. */
async function sampling<T>(
  server: Server,
  work: Promise<T>,
): Promise<{ result: T; rss: number[] }> {
  const rss: number[] = [];
  let done = false;
  const sampler = (async () => {
    while (!done) {
      rss.push((await server.memory()).rss);
      await new Promise(r => setTimeout(r, 1000));
    }
  })();
  try {
    return { result: await work, rss };
  } finally {
    done = true;
    await sampler;
  }
}

function load(base: string, seconds: number) {
  const latencies: number[] = [];
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'GET',
        setupRequest: (req: any) => ({
          ...req,
          path: `/api/finops${pick(WEIGHTED).path()}`,
        }),
      },
    ],
  });
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) =>
    latencies.push(ms),
  );
  return (async () => {
    const result: any = await instance;
    latencies.sort((a, b) => a - b);
    return { result, latencies };
  })();
}

/** Asks a few hundred requests of the mix again, one at a time, and prints the first failing answers. */
async function showFailures(base: string) {
  const seen = new Set<string>();
  for (let i = 0; i < 300 && seen.size < 8; i++) {
    const path = pick(WEIGHTED).path();
    const res = await fetch(`${base}/api/finops${path}`);
    if (res.ok) continue;
    const body = await res.text();
    let message = body;
    try {
      message = JSON.parse(body).error?.message ?? body;
    } catch {
      // not JSON: the body as it is
    }
    const kind = `${res.status} ${message}`.slice(0, 300);
    if (seen.has(kind)) continue;
    seen.add(kind);
    console.log(`  GET ${path}\n    ${kind}`);
  }
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024) || 0} MiB`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main() {
  const database = arg('database', 'sqlite');
  const target =
    database === 'postgres'
      ? await postgresTarget(arg('db'))
      : await sqliteTarget(arg('sqlite-file'));
  if (!target) {
    console.error(
      'No PostgreSQL on 127.0.0.1:5432 and no --db given; use --database sqlite',
    );
    process.exit(1);
  }
  console.log(
    `Catalog: ${catalog.components.length} components, ${catalog.systems.length} systems, ${catalog.groups.length} groups; ${DAYS} days to ${AS_OF}; ${target.label}`,
  );
  let failed = false;
  try {
    await prepare(target, catalog, { days: DAYS, asOf: AS_OF }, fillMetrics);
    const server = await startServer(target.config, {
      entities: ENTITIES,
      unitMetric: true,
      finops: { views: { cacheBytes: CACHE_BYTES } },
    });
    try {
      console.log(
        `Warm-up: ${WARMUP} s, then ${CONNECTIONS} clients for ${DURATION} s over ${ROUTES.length} routes`,
      );
      await load(server.base, WARMUP);
      await server.drain();
      await server.stats(true);
      const warm = await server.memory(true);
      const { result: run, rss } = await sampling(
        server,
        load(server.base, DURATION),
      );
      await server.drain();
      const end = await server.stats(true);
      const after = await server.memory(true);

      const { result, latencies } = run;
      const errors = result.errors + result.timeouts;
      const non2xx = result.non2xx;
      console.log('');
      console.log(
        `${target.label}, ${
          os.cpus().length
        } CPUs: ${latencies.length.toLocaleString(
          'en-US',
        )} requests in ${DURATION} s = ${(latencies.length / DURATION).toFixed(
          0,
        )} req/s; latency p50 ${ms(percentile(latencies, 0.5))}, p95 ${ms(
          percentile(latencies, 0.95),
        )}, p99 ${ms(percentile(latencies, 0.99))}, max ${ms(
          latencies[latencies.length - 1] ?? NaN,
        )}; errors ${errors}, non-2xx ${non2xx}`,
      );
      console.log('');
      const rows = [
        [
          'route (server time)',
          'requests',
          'p50',
          'p95',
          'p99',
          'max',
          'statuses',
        ],
        ...Object.entries(end.routes)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([route, r]) => {
            const sorted = [...r.ms].sort((a, b) => a - b);
            return [
              route,
              String(sorted.length),
              ms(percentile(sorted, 0.5)),
              ms(percentile(sorted, 0.95)),
              ms(percentile(sorted, 0.99)),
              ms(sorted[sorted.length - 1]),
              Object.entries(r.statuses)
                .map(([status, n]) => `${status}×${n}`)
                .join(' '),
            ];
          }),
      ];
      printRows(rows);

      // live memory: the heap after a full collection, before and after
      const liveGrowth = after.heapUsed - warm.heapUsed;
      const liveBound = CACHE_BYTES + LIVE_SLACK;
      // resident memory: the heap may grow to collect less often, but it
      // levels off; what it holds in the last third of the run must not keep
      // climbing past what it held in the middle third
      const third = Math.max(1, Math.floor(rss.length / 3));
      const middlePeak = Math.max(...rss.slice(third, 2 * third));
      const lastPeak = Math.max(...rss.slice(2 * third));
      const peak = Math.max(...rss);
      const rssGrowth = lastPeak - middlePeak;
      console.log('');
      console.log(
        `Server memory: RSS every ${Math.max(
          1,
          Math.round(rss.length / 12),
        )} s: ${rss
          .filter((_, i) => i % Math.max(1, Math.round(rss.length / 12)) === 0)
          .map(v => (v / 1024 / 1024).toFixed(0))
          .join(' ')} MiB`,
      );
      console.log(
        `  RSS ${mib(warm.rss)} after the warm-up, peak ${mib(
          peak,
        )}; peak of the middle third ${mib(middlePeak)}, of the last ${mib(
          lastPeak,
        )} (growth ${mib(rssGrowth)}; bound ${mib(RSS_SLACK)})`,
      );
      console.log(
        `  live heap after a full collection: ${mib(
          warm.heapUsed,
        )} after the warm-up, ${mib(after.heapUsed)} at the end (growth ${mib(
          liveGrowth,
        )}; bound ${mib(liveBound)} = cache ${mib(CACHE_BYTES)} + ${mib(
          LIVE_SLACK,
        )}); cache ${after.cache.entries} answers, ${mib(after.cache.bytes)}`,
      );
      const bad = Object.entries(end.routes).flatMap(([route, r]) =>
        Object.entries(r.statuses)
          .filter(([status]) => !status.startsWith('2'))
          .map(([status, n]) => `${route} ${status}×${n}`),
      );
      if (errors > 0 || non2xx > 0 || bad.length > 0) {
        console.log(
          `FAILED: ${errors} errors, ${non2xx} non-2xx answers ${bad.join(
            ', ',
          )}`,
        );
        await showFailures(server.base);
        failed = true;
      }
      if (liveGrowth > liveBound || rssGrowth > RSS_SLACK) {
        console.log(
          `FAILED: memory grew past its bound (live ${mib(liveGrowth)} of ${mib(
            liveBound,
          )}, resident ${mib(rssGrowth)} of ${mib(RSS_SLACK)})`,
        );
        failed = true;
      }
      if (after.cache.bytes > CACHE_BYTES) {
        console.log(
          `FAILED: the cache holds ${after.cache.bytes} bytes, past its bound of ${CACHE_BYTES}`,
        );
        failed = true;
      }
      if (!failed) console.log('PASSED: no errors, memory within its bound');
    } finally {
      await server.stop();
    }
  } finally {
    await target.cleanup();
  }
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
