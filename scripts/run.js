#!/usr/bin/env node
/*
 * Entry point of the root scripts. Each command first runs the bootstrap (a
 * no-op when everything is installed) and then runs on the supported Node.js:
 *
 *   node scripts/run.js start            app on :3000 and backend on :7007
 *   node scripts/run.js test             every check of the project (see scripts/test.js)
 *   node scripts/run.js costwise <args>  the Costwise CLI
 *   node scripts/run.js exec <bin> ...   any binary of node_modules/.bin
 *   node scripts/run.js check-packages   build and pack each published package and check its files
 *   node scripts/run.js smoke-prod       build the app and backend and start them as in production
 *   node scripts/run.js bench <name> ... a benchmark of plugins/finops-engine/bench or plugins/finops-backend/bench
 */
'use strict';

const { spawnSync } = require('child_process');
const path = require('path');
const { bootstrap, ROOT, fail } = require('./bootstrap');

function exec(tools, bin, args, extraEnv) {
  const result = spawnSync(
    tools.node.nodeBin,
    [path.join(ROOT, 'node_modules', '.bin', bin), ...args],
    {
      cwd: process.cwd(),
      stdio: 'inherit',
      env: tools.env(extraEnv),
    },
  );
  if (result.error) fail(`${bin}: ${result.error.message}`);
  return result.status ?? 1;
}

function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command) fail('usage: run.js <start|test|costwise|exec> [args...]');
  const tools = bootstrap();
  switch (command) {
    case 'start':
      return exec(tools, 'backstage-cli', ['repo', 'start', ...args]);
    case 'test':
      return (
        spawnSync(
          tools.node.nodeBin,
          [path.join(__dirname, 'test.js'), ...args],
          {
            stdio: 'inherit',
            env: tools.env(),
          },
        ).status ?? 1
      );
    case 'costwise':
      return (
        spawnSync(
          tools.node.nodeBin,
          [path.join(ROOT, 'packages', 'cli', 'bin', 'costwise'), ...args],
          {
            cwd: process.env.INIT_CWD || process.cwd(),
            stdio: 'inherit',
            env: tools.env(),
          },
        ).status ?? 1
      );
    case 'bench': {
      const [name, ...rest] = args;
      if (!name)
        fail(
          'usage: run.js bench <name> [args...] (a file of plugins/finops-engine/bench or plugins/finops-backend/bench)',
        );
      const script = ['finops-engine', 'finops-backend']
        .map(pkg => path.join(ROOT, 'plugins', pkg, 'bench', `${name}.ts`))
        .find(file => require('fs').existsSync(file));
      if (!script) fail(`no benchmark named ${name}`);
      return (
        spawnSync(
          tools.node.nodeBin,
          ['-r', '@backstage/cli/config/nodeTransform.cjs', script, ...rest],
          {
            cwd: ROOT,
            stdio: 'inherit',
            env: tools.env(),
          },
        ).status ?? 1
      );
    }
    case 'check-packages':
    case 'smoke-prod':
      return (
        spawnSync(
          tools.node.nodeBin,
          [path.join(__dirname, `${command}.js`), ...args],
          { cwd: ROOT, stdio: 'inherit', env: tools.env() },
        ).status ?? 1
      );
    case 'exec': {
      const [bin, ...rest] = args;
      if (!bin) fail('usage: run.js exec <bin> [args...]');
      return exec(tools, bin, rest);
    }
    default:
      return fail(`unknown command ${command}`);
  }
}

process.exitCode = main();
