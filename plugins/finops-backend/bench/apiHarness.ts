/*
 * What the API benchmark and the load script share: command-line flags, the
 * databases (a SQLite file, a scratch PostgreSQL database) filled with the
 * synthetic store, and the server process answering on loopback.
 */
import { fork } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { applyMigrations } from '@costwise/plugin-finops-engine';
import type { SyntheticCatalog } from './apiCatalog';
import { fillDatabase } from './apiData';

/** The value of `--name`, or the fallback. */
export function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** JSON with sorted keys: key order follows row order, which databases do not fix. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );
}

/** What the server process measured of itself (see apiServer.ts). */
export interface ServerStats {
  /** Resident set size, heap in use, bytes. */
  rss: number;
  heapUsed: number;
  /** The views' response cache: entries and bytes held. */
  cache: { entries: number; bytes: number };
  /** Per route: answer times in ms and statuses. */
  routes: Record<string, { ms: number[]; statuses: Record<string, number> }>;
}

export interface Server {
  base: string;
  /** Resolves once the server has answered every request it received. */
  drain: () => Promise<void>;
  /** The server's memory and, since the last call with `reset`, its answers. */
  stats: (reset?: boolean) => Promise<ServerStats>;
  /** The server's memory alone (cheap to ask often); with `collect`, after a full garbage collection. */
  memory: (collect?: boolean) => Promise<Omit<ServerStats, 'routes'>>;
  stop: () => Promise<void>;
}

/** How the server process is started: see apiServer.ts. */
export interface ServerOptions {
  /** The size of the synthetic catalog, and whether its Components declare a unit metric. */
  entities: number;
  unitMetric?: boolean;
  /** The views' response cache on (default) or off. */
  cache?: boolean;
  /** More of the `finops:` config. */
  finops?: object;
}

/** Starts the server process on the database. */
export function startServer(
  config: Knex.Config,
  options: ServerOptions,
): Promise<Server> {
  const child = fork(
    path.join(__dirname, 'apiServer.ts'),
    [JSON.stringify(config), JSON.stringify(options)],
    // a full collection before a measurement of live memory
    {
      stdio: 'inherit',
      execArgv: [
        ...process.execArgv,
        '--expose-gc',
        // COSTWISE_BENCH_PROFILE=dir writes the server's CPU profile there
        ...(process.env.COSTWISE_BENCH_PROFILE
          ? ['--cpu-prof', '--cpu-prof-dir', process.env.COSTWISE_BENCH_PROFILE]
          : []),
      ],
    },
  );
  let calls = 0;
  const ask = <T>(type: string, extra: object = {}) =>
    new Promise<T>(done => {
      const id = ++calls;
      const onMessage = (r: any) => {
        if (r?.type !== `${type}:done` || r.id !== id) return;
        child.off('message', onMessage);
        done(r.value as T);
      };
      child.on('message', onMessage);
      child.send({ type, id, ...extra });
    });
  return new Promise((resolve, reject) => {
    // the TypeScript transform also reports each file it loads on this channel
    child.on('message', (m: any) => {
      if (typeof m?.port !== 'number') return;
      resolve({
        base: `http://127.0.0.1:${m.port}`,
        drain: () => ask<void>('drain'),
        stats: (reset = false) => ask<ServerStats>('stats', { reset }),
        memory: (collect = false) =>
          ask<Omit<ServerStats, 'routes'>>('memory', { collect }),
        stop: () =>
          new Promise<void>(done => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
    child.once('exit', code => reject(new Error(`server exited (${code})`)));
  });
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ host, port, timeout: 500 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export interface Target {
  label: string;
  config: Knex.Config;
  cleanup: () => Promise<void>;
  reuse: boolean;
}

/** A SQLite file: `kept` is kept (and reused when filled), else a scratch one. */
export async function sqliteTarget(kept?: string): Promise<Target> {
  const dir = kept
    ? undefined
    : await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-bench-api-'));
  const filename = kept ? path.resolve(kept) : path.join(dir!, 'api.sqlite');
  return {
    label: 'SQLite',
    config: {
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    },
    reuse: existsSync(filename),
    cleanup: async () => {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A PostgreSQL database on the server of `url` (or one answering on
 * 127.0.0.1:5432; undefined when none does): `kept` is kept (and reused
 * when filled), else a scratch one dropped afterwards.
 */
export async function postgresTarget(
  url?: string,
  kept?: string,
): Promise<Target | undefined> {
  let server = url;
  if (!server) {
    if (!(await reachable('127.0.0.1', 5432))) return undefined;
    server = 'postgresql://postgres@127.0.0.1:5432/postgres';
  }
  const name = kept ?? `costwise_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: server });
  const exists =
    (await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [name]))
      .rows.length > 0;
  if (!exists) await admin.raw(`CREATE DATABASE ??`, [name]);
  const connection = new URL(server);
  connection.pathname = `/${name}`;
  return {
    label: 'PostgreSQL',
    config: { client: 'pg', connection: connection.toString() },
    reuse: exists,
    cleanup: async () => {
      if (!kept)
        await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [name]);
      await admin.destroy();
    },
  };
}

/**
 * Migrates the target's database and fills it with the synthetic store
 * (unless it is a kept one already filled); `extra` writes more afterwards.
 */
export async function prepare(
  target: Target,
  catalog: SyntheticCatalog,
  options: { days: number; asOf: string },
  extra?: (knex: Knex) => Promise<Record<string, number>>,
) {
  const knex = knexFactory(target.config);
  try {
    const started = Date.now();
    await applyMigrations(knex);
    const [{ n }] = await knex('finops_allocations').count({ n: '*' });
    if (target.reuse && Number(n) > 0) {
      console.log(
        `${target.label}: reusing the filled database (${Number(
          n,
        ).toLocaleString('en-US')} allocations)`,
      );
      return;
    }
    const counts = await fillDatabase(knex, catalog, options);
    if (extra) Object.assign(counts, await extra(knex));
    // statistics, as autovacuum would gather them after such a load
    if (target.label === 'PostgreSQL') await knex.raw('ANALYZE');
    console.log(
      `${target.label}: filled in ${((Date.now() - started) / 1000).toFixed(
        0,
      )} s`,
    );
    for (const [table, rows] of Object.entries(counts))
      console.log(`  ${table.padEnd(28)} ${rows.toLocaleString('en-US')}`);
  } finally {
    await knex.destroy();
  }
}

/** Prints rows as a table with a rule under the header; the first column left-aligned. */
export function printRows(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row
        .map((cell, j) =>
          j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]),
        )
        .join('  '),
    );
    if (i === 0) console.log(widths.map(w => '-'.repeat(w)).join('  '));
  }
}
