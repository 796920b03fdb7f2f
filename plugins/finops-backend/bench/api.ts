/*
 * API benchmark: `npm run bench:api -- [--entities 10000] [--days 400]
 *   [--duration 15] [--connections 20] [--db postgres://...]
 *   [--databases sqlite,postgres] [--sqlite-file f] [--pg-database name]
 *   [--check responses.json] [--no-cache]`.
 *
 * Fills a SQLite file (and a scratch PostgreSQL database when `--db` is given
 * or a server answers on 127.0.0.1:5432) with the store of a 10,000-entity
 * catalog over 400 days, serves the plugin's router from a separate process,
 * and loads the entity routes with autocannon, a random entity per request.
 * Prints requests per second and p50/p95/p99 latency per route against the
 * 50 ms p95 target. `--sqlite-file` and `--pg-database` keep (and reuse)
 * the filled databases. Sample responses of each database are compared with
 * the first one's, and with `--check`'s file (written when missing).
 * `--no-cache` turns the views' response cache off, so that every request
 * is computed (the figures of a first visit).
 */
import { existsSync, promises as fs } from 'fs';
import os from 'os';
import autocannon from 'autocannon';
import { addDays } from '@costwise/plugin-finops-engine';
import { prng, syntheticCatalog } from './apiCatalog';
import {
  arg,
  canonical,
  percentile,
  postgresTarget,
  prepare,
  printRows,
  sqliteTarget,
  startServer,
  Target,
} from './apiHarness';

const ENTITIES = Number(arg('entities', '10000'));
const DAYS = Number(arg('days', '400'));
const DURATION = Number(arg('duration', '15'));
const CONNECTIONS = Number(arg('connections', '20'));
const TARGET_MS = 50;
// the views' response cache off: every request computes its answer
const NO_CACHE = process.argv.includes('--no-cache');
// the data ends yesterday, as a daily export does
const AS_OF = addDays(new Date().toISOString().slice(0, 10), -1);
const FROM = addDays(AS_OF, -29);

const catalog = syntheticCatalog(ENTITIES);
const pathOf = (ref: string) => ref.replace(/^(\w+):(\w+)\//, '$1/$2/');
const anyOf = (refs: string[]) => refs[Math.floor(Math.random() * refs.length)];

const ROUTES: { name: string; url: (ref: string) => string; refs: string[] }[] =
  [
    {
      name: 'component /summary',
      refs: catalog.components,
      url: ref => `/entities/${pathOf(ref)}/summary`,
    },
    {
      name: 'component /costs 30 d by service',
      refs: catalog.components,
      url: ref =>
        `/entities/${pathOf(
          ref,
        )}/costs?from=${FROM}&to=${AS_OF}&groupBy=service`,
    },
    {
      name: 'component /resources',
      refs: catalog.components,
      url: ref => `/entities/${pathOf(ref)}/resources`,
    },
    {
      name: 'system /costs 30 d by child',
      refs: catalog.systems,
      url: ref =>
        `/entities/${pathOf(ref)}/costs?from=${FROM}&to=${AS_OF}&groupBy=child`,
    },
    {
      name: 'group /summary',
      refs: catalog.groups,
      url: ref => `/entities/${pathOf(ref)}/summary`,
    },
  ];

interface RouteResult {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  base: string,
  route: (typeof ROUTES)[number],
  duration: number,
): Promise<RouteResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'GET',
        setupRequest: (req: any) => ({
          ...req,
          path: `/api/finops${route.url(anyOf(route.refs))}`,
        }),
      },
    ],
  });
  // autocannon's own percentiles skip p95, so keep every latency
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) =>
    latencies.push(ms),
  );
  const result: any = await instance;
  latencies.sort((a, b) => a - b);
  return {
    name: route.name,
    requests: latencies.length,
    rps: latencies.length / duration,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Fixed sample requests whose bodies must not depend on the database or on an optimization. */
async function sampleResponses(base: string): Promise<Record<string, unknown>> {
  const rand = prng(3);
  const out: Record<string, unknown> = {};
  for (const route of ROUTES) {
    for (let i = 0; i < 10; i++) {
      const url = route.url(route.refs[Math.floor(rand() * route.refs.length)]);
      const res = await fetch(`${base}/api/finops${url}`);
      out[url] = { status: res.status, body: await res.json() };
    }
  }
  return out;
}

function printTable(label: string, results: RouteResult[]) {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const rows = [
    ['route', 'req/s', 'p50', 'p95', 'p99', 'errors/non-2xx', 'p95 < 50 ms'],
    ...results.map(r => [
      r.name,
      r.rps.toFixed(0),
      ms(r.p50),
      ms(r.p95),
      ms(r.p99),
      `${r.errors}/${r.non2xx}`,
      r.p95 < TARGET_MS ? 'yes' : 'NO',
    ]),
  ];
  console.log('');
  console.log(
    `${label}: ${CONNECTIONS} connections, ${DURATION} s per route, ${
      os.cpus().length
    } CPUs, response cache ${NO_CACHE ? 'off' : 'on'}`,
  );
  printRows(rows);
  console.log('');
}

async function main() {
  const wanted = (arg('databases', 'sqlite,postgres') ?? '').split(',');
  console.log(
    `Catalog: ${catalog.components.length} components, ${catalog.systems.length} systems, ${catalog.groups.length} groups; ${DAYS} days to ${AS_OF}`,
  );
  const targets: Target[] = [];
  try {
    if (wanted.includes('sqlite'))
      targets.push(await sqliteTarget(arg('sqlite-file')));
    if (wanted.includes('postgres')) {
      const pg = await postgresTarget(arg('db'), arg('pg-database'));
      if (pg) targets.push(pg);
      else
        console.log('PostgreSQL: none on 127.0.0.1:5432 and no --db; skipped');
    }
    let reference: Record<string, unknown> | undefined;
    const checkFile = arg('check');
    if (checkFile && existsSync(checkFile))
      reference = JSON.parse(await fs.readFile(checkFile, 'utf8'));
    for (const target of targets) {
      await prepare(target, catalog, { days: DAYS, asOf: AS_OF });
      const server = await startServer(target.config, {
        entities: ENTITIES,
        cache: !NO_CACHE,
      });
      try {
        const samples = await sampleResponses(server.base);
        if (!reference) {
          reference = samples;
          if (checkFile)
            await fs.writeFile(checkFile, JSON.stringify(samples, null, 1));
        } else {
          const expected = reference;
          const differ = Object.keys(samples).filter(
            k => canonical(samples[k]) !== canonical(expected[k]),
          );
          console.log(
            `${target.label}: ${
              Object.keys(samples).length - differ.length
            } of ${Object.keys(samples).length} sample responses identical${
              differ.length ? `; differ: ${differ.slice(0, 3).join(', ')}` : ''
            }`,
          );
          if (differ.length) process.exitCode = 1;
        }
        // warm caches and the JIT before measuring
        for (const route of ROUTES) await load(server.base, route, 1);
        const results: RouteResult[] = [];
        for (const route of ROUTES) {
          await server.drain();
          results.push(await load(server.base, route, DURATION));
        }
        printTable(target.label, results);
      } finally {
        await server.stop();
      }
    }
  } finally {
    for (const target of targets) await target.cleanup();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
