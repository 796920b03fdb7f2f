#!/usr/bin/env node
/*
 * The `packages` step of `npm test`: builds each published package as it
 * would be published and checks that what `yarn pack` puts in its tarball is
 * what an adopter's install needs (built code and types, README, migrations,
 * config schema, OpenAPI document, the ingestion's worker thread) and none of
 * what it must not carry (sources, tests, fixtures).
 *
 * Run through scripts/run.js (yarn and the supported Node on PATH). Each
 * package's package.json is restored after packing, whatever happens.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/** Each published package and the files its tarball must hold. */
const PACKAGES = [
  {
    dir: 'plugins/finops-common',
    needs: ['dist/index.cjs.js', 'dist/index.esm.js', 'dist/index.d.ts'],
  },
  {
    dir: 'plugins/finops-node',
    needs: ['dist/index.cjs.js', 'dist/index.d.ts'],
  },
  {
    dir: 'plugins/finops-engine',
    needs: [
      'dist/index.cjs.js',
      'dist/index.d.ts',
      'dist/ingestion/parallelWorker.cjs.js',
      ...fs
        .readdirSync(path.join(ROOT, 'plugins/finops-engine/migrations'))
        .map(f => `migrations/${f}`),
    ],
  },
  {
    dir: 'plugins/finops-backend',
    needs: [
      'dist/index.cjs.js',
      'dist/index.d.ts',
      // prepack turns config.d.ts into the schema the app's config loader reads
      'config.schema.json',
      'src/schema/openapi.yaml',
    ],
  },
  {
    dir: 'plugins/catalog-backend-module-finops',
    needs: ['dist/index.cjs.js', 'dist/index.d.ts'],
  },
  {
    dir: 'plugins/finops-backend-module-prometheus',
    needs: ['dist/index.cjs.js', 'dist/index.d.ts', 'config.schema.json'],
  },
  // the connectors, with the fake APIs the demo backend and adopters' tests start
  ...[
    'plugins/finops-backend-module-openai',
    'plugins/finops-backend-module-anthropic',
  ].map(dir => ({
    dir,
    needs: [
      'dist/index.cjs.js',
      'dist/index.d.ts',
      'dist/testUtils.cjs.js',
      'dist/testUtils.d.ts',
      'config.schema.json',
    ],
  })),
  {
    dir: 'plugins/tech-insights-backend-module-finops',
    needs: ['dist/index.cjs.js', 'dist/index.d.ts'],
  },
  {
    dir: 'plugins/finops',
    needs: [
      'dist/index.esm.js',
      'dist/index.d.ts',
      'dist/alpha.esm.js',
      'dist/alpha.d.ts',
    ],
  },
  {
    dir: 'packages/cli',
    needs: ['bin/costwise', 'dist/index.cjs.js'],
  },
];

/** Paths a tarball must never hold. */
const FORBIDDEN = [
  /^src\/(?!schema\/openapi\.yaml$)/,
  /\.test\.[jt]sx?$/,
  /__fixtures__|__testUtils__/,
  /(^|\/)bench\//,
];

function say(message) {
  process.stdout.write(`${message}\n`);
}

function run(cwd, bin, args) {
  const result = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `${path.basename(bin)} ${args.join(' ')} failed in ${path.relative(
        ROOT,
        cwd,
      )}:\n${result.stderr || result.stdout}`,
    );
  return result.stdout;
}

/** The files `yarn pack` would put in the package's tarball. */
function packedFiles(cwd) {
  const manifest = path.join(cwd, 'package.json');
  const original = fs.readFileSync(manifest, 'utf8');
  try {
    const out = run(cwd, 'yarn', ['pack', '--dry-run', '--json']);
    return out
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line))
      .filter(entry => entry.location)
      .map(entry => entry.location);
  } finally {
    // prepack rewrites package.json for publishing; a dry run never restores it
    fs.writeFileSync(manifest, original);
    fs.rmSync(`${manifest}-prepack`, { force: true });
  }
}

function main() {
  let failures = 0;
  for (const pkg of PACKAGES) {
    const cwd = path.join(ROOT, pkg.dir);
    const name = JSON.parse(
      fs.readFileSync(path.join(cwd, 'package.json'), 'utf8'),
    ).name;
    try {
      run(cwd, path.join(BIN, 'backstage-cli'), ['package', 'build']);
      const files = packedFiles(cwd);
      const missing = ['package.json', 'README.md', ...pkg.needs].filter(
        f => !files.includes(f),
      );
      const unwanted = files.filter(f => FORBIDDEN.some(re => re.test(f)));
      if (missing.length || unwanted.length) {
        failures++;
        say(`✘ ${name}: ${files.length} files`);
        for (const f of missing) say(`    missing ${f}`);
        for (const f of unwanted) say(`    should not be packed: ${f}`);
      } else {
        say(`✔ ${name}: ${files.length} files, with ${pkg.needs.join(', ')}`);
      }
    } catch (error) {
      failures++;
      say(`✘ ${name}: ${error.message}`);
    }
  }
  say(
    failures
      ? `${failures} of ${PACKAGES.length} packages would not install as published`
      : `all ${PACKAGES.length} published packages pack what they need`,
  );
  process.exitCode = failures ? 1 : 0;
}

main();
