#!/usr/bin/env node
/*
 * `npm run smoke:prod`: the app and backend as they run in production, not
 * as `npm start` runs them. It builds the frontend and the backend bundle,
 * installs the bundle's production dependencies into a folder of its own
 * (as a container image would), starts the backend alone on PostgreSQL with
 * app-config.yaml and app-config.production.yaml, serving the built
 * frontend, and checks that the app page and /api/finops/health answer.
 * Prints the time of each step. Not part of `npm test`.
 *
 * Environment: COSTWISE_TEST_POSTGRES (default
 * postgresql://postgres@127.0.0.1:5432), SMOKE_PORT (default 7017),
 * SMOKE_KEEP=1 to keep the folder.
 */
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const started = Date.now();

function say(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stdout.write(`[smoke ${seconds}s] ${message}\n`);
}

function fail(message) {
  say(`FAILED: ${message}`);
  process.exit(1);
}

function run(cwd, command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0)
    fail(
      `${path.basename(command)} ${args.join(' ')} in ${cwd}:\n${(
        result.stderr || result.stdout
      ).slice(-4000)}`,
    );
  return result.stdout;
}

function get(url) {
  return new Promise(resolve => {
    const req = http.get(url, res => {
      let body = '';
      res.on('data', d => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.setTimeout(5000, () => req.destroy());
  });
}

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) fail(`${what} did not answer in time`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

async function main() {
  const postgres = new URL(
    process.env.COSTWISE_TEST_POSTGRES ||
      'postgresql://postgres@127.0.0.1:5432',
  );
  const port = Number(process.env.SMOKE_PORT || 7017);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'costwise-prod-'));
  const database = `costwise_smoke_${Date.now()}`;

  say('building the frontend (packages/app)');
  run(path.join(ROOT, 'packages/app'), path.join(BIN, 'backstage-cli'), [
    'package',
    'build',
  ]);
  say('building the backend bundle (packages/backend)');
  run(path.join(ROOT, 'packages/backend'), path.join(BIN, 'backstage-cli'), [
    'package',
    'build',
  ]);

  say(`installing the bundle's production dependencies in ${dir}`);
  const dist = path.join(ROOT, 'packages/backend/dist');
  run(dir, 'tar', ['xzf', path.join(dist, 'skeleton.tar.gz')]);
  for (const file of ['.yarnrc.yml', 'yarn.lock', 'package.json'])
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  run(dir, 'yarn', ['workspaces', 'focus', '--all', '--production'], {
    YARN_ENABLE_GLOBAL_CACHE: '1',
  });
  run(dir, 'tar', ['xzf', path.join(dist, 'bundle.tar.gz')]);

  say('preparing the catalog, an export and the database');
  const exports = path.join(dir, 'exports');
  fs.mkdirSync(exports);
  run(ROOT, process.execPath, [
    path.join(ROOT, 'packages/cli/bin/costwise'),
    'demo-data',
    '--out',
    exports,
    '--days',
    '10',
    '--json',
  ]);
  // file sources leave files modified in the last minute for the next run
  const settled = new Date(Date.now() - 5 * 60_000);
  for (const file of fs.readdirSync(exports))
    fs.utimesSync(path.join(exports, file), settled, settled);
  for (const file of ['entities.yaml', 'org.yaml'])
    fs.copyFileSync(
      path.join(ROOT, 'examples', file),
      path.join(dir, `catalog-${file}`),
    );
  fs.writeFileSync(
    path.join(dir, 'catalog.yaml'),
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata: { name: smoke }',
      'spec:',
      '  targets: [./catalog-entities.yaml, ./catalog-org.yaml]',
      '',
    ].join('\n'),
  );
  const admin = new URL(postgres.toString());
  admin.pathname = '/postgres';
  run(ROOT, process.execPath, [
    '-e',
    `const { Client } = require('pg');
     const c = new Client({ connectionString: ${JSON.stringify(
       admin.toString(),
     )} });
     c.connect().then(() => c.query('CREATE DATABASE ${database}')).then(() => c.end());`,
  ]);

  say(`starting the backend on PostgreSQL database ${database}, port ${port}`);
  const backend = spawn(
    process.execPath,
    [
      'packages/backend',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      path.join(ROOT, 'app-config.production.yaml'),
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_BASE_URL: `http://localhost:${port}`,
        BACKEND_PORT: String(port),
        POSTGRES_HOST: postgres.hostname,
        POSTGRES_PORT: postgres.port || '5432',
        POSTGRES_USER: decodeURIComponent(postgres.username || 'postgres'),
        POSTGRES_PASSWORD: decodeURIComponent(postgres.password || ''),
        POSTGRES_DB: database,
        COSTWISE_CATALOG: path.join(dir, 'catalog.yaml'),
        COSTWISE_FOCUS_EXPORTS: path.join(exports, '*.csv'),
      },
    },
  );
  let log = '';
  backend.stdout.on('data', d => (log += d));
  backend.stderr.on('data', d => (log += d));
  backend.on('exit', code => {
    if (code !== null && code !== 0)
      fail(`the backend exited with ${code}:\n${log.slice(-4000)}`);
  });
  const stop = () => backend.kill('SIGTERM');
  process.on('exit', stop);

  try {
    const health = await until(
      '/api/finops/health',
      async () => {
        const res = await get(`http://localhost:${port}/api/finops/health`);
        return res.status === 200 ? res : undefined;
      },
      180_000,
    );
    say(`/api/finops/health: ${health.status} ${health.body.trim()}`);
    const page = await get(`http://localhost:${port}/`);
    if (page.status !== 200 || !/<div id="root">/.test(page.body))
      fail(`the app page answered ${page.status}: ${page.body.slice(0, 200)}`);
    const title = /<title>([^<]*)<\/title>/.exec(page.body)?.[1] ?? '';
    say(`app page: ${page.status}, "${title}", the built frontend`);
    const ingested = await until(
      'the ingestion of the file source',
      () => /Ingested cost source/.test(log),
      120_000,
    );
    say(`file source ingested: ${ingested ? 'yes' : 'no'}`);
  } finally {
    stop();
    await new Promise(r => setTimeout(r, 2000));
    run(ROOT, process.execPath, [
      '-e',
      `const { Client } = require('pg');
       const c = new Client({ connectionString: ${JSON.stringify(
         admin.toString(),
       )} });
       c.connect().then(() => c.query('DROP DATABASE IF EXISTS ${database} WITH (FORCE)')).then(() => c.end());`,
    ]);
    if (!process.env.SMOKE_KEEP)
      fs.rmSync(dir, { recursive: true, force: true });
  }
  say('smoke test passed');
}

main().catch(error => fail(error.stack || String(error)));
