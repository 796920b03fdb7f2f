#!/usr/bin/env node
/*
 * `npm test` / `yarn test`: every check of the project, in order, on the
 * supported Node.js (scripts/run.js puts it first on PATH):
 *
 *   type check · lint · prettier · API reports · published packages (built,
 *   packed, file lists checked) · unit, integration and store tests
 *   (SQLite, and PostgreSQL when one is reachable) · browser tests.
 *
 * Environment:
 *   COSTWISE_TEST_POSTGRES  a PostgreSQL connection URL for the store tests
 *                           (default: postgresql://postgres@127.0.0.1:5432 when
 *                           a server answers there)
 *   COSTWISE_CHROMIUM       the Chromium binary for the browser tests
 *                           (default: chromium on PATH, /usr/bin/chromium)
 *   COSTWISE_SKIP           comma-separated step names to skip, e.g. `browser`
 *
 * Exits non-zero when any step fails; the last line reads
 * `checks: N passed, N failed`.
 */
'use strict';

const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

function say(message) {
  process.stdout.write(`\n[costwise test] ${message}\n`);
}

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port });
    const done = ok => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function findPostgres() {
  if (process.env.COSTWISE_TEST_POSTGRES)
    return process.env.COSTWISE_TEST_POSTGRES;
  if (await canConnect('127.0.0.1', 5432))
    return 'postgresql://postgres@127.0.0.1:5432';
  return undefined;
}

function findChromium() {
  const candidates = [
    process.env.COSTWISE_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    candidates.push(
      path.join(dir, 'chromium'),
      path.join(dir, 'chromium-browser'),
    );
  }
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      const version = execFileSync(candidate, ['--version'], {
        encoding: 'utf8',
        timeout: 20000,
      }).trim();
      return { path: candidate, version };
    } catch {
      /* try the next one */
    }
  }
  return undefined;
}

function run(name, bin, args, env = {}) {
  say(`${name}: ${path.basename(bin)} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(BIN, bin), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const ok = result.status === 0;
  say(
    `${name}: ${
      ok ? 'passed' : `FAILED (exit ${result.status ?? result.signal})`
    } in ${seconds}s`,
  );
  return ok;
}

async function main() {
  const skip = new Set(
    (process.env.COSTWISE_SKIP || '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  );
  const postgres = await findPostgres();
  const chromium = skip.has('browser') ? undefined : findChromium();

  const databases = ['SQLite (better-sqlite3, in memory)'];
  if (postgres)
    databases.push(
      `PostgreSQL (${postgres.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@')})`,
    );
  say(`Node.js ${process.version}`);
  say(`Databases for store tests: ${databases.join(' and ')}`);
  if (!postgres)
    say(
      'No PostgreSQL reachable (set COSTWISE_TEST_POSTGRES to a connection URL): store tests run on SQLite only.',
    );
  say(
    `Browser: ${
      chromium
        ? `${chromium.version} at ${chromium.path}`
        : skip.has('browser')
        ? 'skipped (COSTWISE_SKIP)'
        : 'none found'
    }`,
  );

  const testEnv = {
    CI: process.env.CI || 'true',
    COSTWISE_TEST_DATABASES: postgres ? 'SQLITE_3,POSTGRES_16' : 'SQLITE_3',
  };
  if (postgres)
    testEnv.BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING = postgres;

  const steps = [
    ['typecheck', () => run('typecheck', 'tsc', ['-p', 'tsconfig.json'])],
    ['lint', () => run('lint', 'backstage-cli', ['repo', 'lint'])],
    ['prettier', () => run('prettier', 'prettier', ['--check', '.'])],
    [
      'api-reports',
      () =>
        run('api-reports', 'backstage-repo-tools', [
          'api-reports',
          '--ci',
          // compiled as `npm run build:api-reports` compiles them, so that inferred union types print in the same order
          '--tsc',
          '-o',
          'ae-wrong-input-file-type,ae-undocumented',
          'plugins/*',
          'packages/cli',
        ]),
    ],
    [
      'packages',
      () => {
        say('packages: build and pack each published package, check its files');
        const started = Date.now();
        const result = spawnSync(
          process.execPath,
          [path.join(__dirname, 'check-packages.js')],
          { cwd: ROOT, stdio: 'inherit', env: process.env },
        );
        const ok = result.status === 0;
        say(
          `packages: ${ok ? 'passed' : 'FAILED'} in ${(
            (Date.now() - started) /
            1000
          ).toFixed(0)}s`,
        );
        return ok;
      },
    ],
    [
      'unit',
      () =>
        run(
          'unit, integration and store tests',
          'backstage-cli',
          // testTimeout is a global Jest option: per-package values are ignored
          // when the repository runs every package as one multi-project run.
          ['repo', 'test', '--ci', '--testTimeout=60000'],
          testEnv,
        ),
    ],
    [
      'browser',
      () => {
        if (!chromium) {
          say(
            'browser: no Chromium found. Install it (Debian: apt-get install -y chromium) or set COSTWISE_CHROMIUM.',
          );
          return false;
        }
        return run('browser tests', 'playwright', ['test'], {
          COSTWISE_CHROMIUM: chromium.path,
          CI: 'true',
        });
      },
    ],
  ];

  const results = [];
  for (const [name, step] of steps) {
    if (skip.has(name)) {
      say(`${name}: skipped (COSTWISE_SKIP)`);
      continue;
    }
    results.push([name, step()]);
  }
  const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
  say(
    `Summary: ${results
      .map(([n, ok]) => `${n} ${ok ? 'ok' : 'FAILED'}`)
      .join(', ')}`,
  );
  say(
    `Store tests ran on: ${databases.join(' and ')}; browser: ${
      chromium ? chromium.version : 'none'
    }`,
  );
  process.stdout.write(
    `checks: ${results.length - failed.length} passed, ${
      failed.length
    } failed\n`,
  );
  process.exitCode = failed.length ? 1 : 0;
}

main().catch(error => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
