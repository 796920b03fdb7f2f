#!/usr/bin/env node
/*
 * Costwise bootstrap: makes a fresh clone runnable on a machine that has only
 * Node.js (20 or newer) and npm.
 *
 *  1. Backstage needs Node.js 22 or 24. When the running Node is older, a
 *     Node 24 binary (with its C headers) is installed from the npm registry
 *     into .costwise/toolchain and used for everything that follows.
 *  2. Yarn 4 is run through corepack (the machine's, or one installed from the
 *     npm registry when the machine has none), pointed at the npm registry that
 *     npm itself uses.
 *  3. `yarn install` runs with `npm_config_nodedir` set to the Node 24 headers so
 *     native modules are compiled for the Node that will load them.
 *
 * Each step is skipped when its result is already there. The script only uses
 * Node built-ins, so it runs on any Node.js from 18 on.
 */
'use strict';

const { spawnSync, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const TOOLS = path.join(ROOT, '.costwise', 'toolchain');
const SUPPORTED_MAJORS = [22, 24];
const TOOLCHAIN_NODE = '24';

function log(message) {
  if (!process.env.COSTWISE_QUIET)
    process.stderr.write(`[costwise] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[costwise] error: ${message}\n`);
  process.exit(1);
}

function majorOf(version) {
  return Number(String(version).replace(/^v/, '').split('.')[0]);
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

function npmRegistry() {
  if (process.env.COREPACK_NPM_REGISTRY)
    return process.env.COREPACK_NPM_REGISTRY;
  try {
    // Asked from the repository root: inside a workspace folder npm refuses `config get`.
    return execFileSync(npmCommand(), ['config', 'get', 'registry'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .replace(/\/$/, '');
  } catch {
    return 'https://registry.npmjs.org';
  }
}

function npmInstallInto(prefix, spec) {
  fs.mkdirSync(prefix, { recursive: true });
  const result = spawnSync(
    npmCommand(),
    [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefix',
      prefix,
      spec,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0)
    fail(`npm could not install ${spec} (exit ${result.status})`);
}

/** Returns { nodeBin, nodeDir } for a Node.js Backstage supports. */
function ensureNode() {
  const current = majorOf(process.versions.node);
  if (SUPPORTED_MAJORS.includes(current) || current > 24) {
    return { nodeBin: process.execPath, nodeDir: undefined };
  }
  const pkg = `node-${process.platform}-${process.arch}`;
  const nodeDir = path.join(TOOLS, 'node_modules', pkg);
  const nodeBin = path.join(
    nodeDir,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (!fs.existsSync(nodeBin)) {
    log(
      `Node.js ${process.versions.node} is older than Backstage supports (22 or 24); installing Node.js ${TOOLCHAIN_NODE} into .costwise/toolchain`,
    );
    npmInstallInto(TOOLS, `${pkg}@${TOOLCHAIN_NODE}`);
    if (!fs.existsSync(nodeBin)) fail(`${pkg} did not provide ${nodeBin}`);
  }
  return { nodeBin, nodeDir };
}

function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** Returns the path of a corepack entry script, installing one if needed. */
function ensureCorepack() {
  const local = path.join(
    TOOLS,
    'node_modules',
    'corepack',
    'dist',
    'corepack.js',
  );
  if (fs.existsSync(local)) return local;
  const onPath = findOnPath('corepack');
  if (onPath) return fs.realpathSync(onPath);
  log('corepack is not available; installing it into .costwise/toolchain');
  npmInstallInto(TOOLS, 'corepack');
  return local;
}

const SHIM_DIR = path.join(TOOLS, 'bin');

/**
 * Writes a `yarn` command into .costwise/toolchain/bin that runs yarn through
 * corepack on the supported Node, for tools that spawn `yarn` themselves.
 */
function ensureYarnShim(node, corepack) {
  if (process.platform === 'win32') return;
  const shim = path.join(SHIM_DIR, 'yarn');
  const content = `#!/bin/sh\nexec "${node.nodeBin}" "${corepack}" yarn "$@"\n`;
  if (fs.existsSync(shim) && fs.readFileSync(shim, 'utf8') === content) return;
  fs.mkdirSync(SHIM_DIR, { recursive: true });
  fs.writeFileSync(shim, content, { mode: 0o755 });
}

/** The environment every child process gets: the supported Node and yarn first on PATH. */
function toolchainEnv(node, extra = {}) {
  const registry = npmRegistry();
  const env = {
    ...process.env,
    PATH: [
      path.dirname(node.nodeBin),
      SHIM_DIR,
      path.join(ROOT, 'node_modules', '.bin'),
      process.env.PATH,
    ].join(path.delimiter),
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    COREPACK_NPM_REGISTRY: registry,
    YARN_NPM_REGISTRY_SERVER: registry,
    YARN_ENABLE_TELEMETRY: '0',
    ...extra,
  };
  if (node.nodeDir) env.npm_config_nodedir = node.nodeDir;
  return env;
}

function installFingerprint(node) {
  const hash = crypto.createHash('sha256');
  hash.update(
    String(
      majorOf(
        execFileSync(node.nodeBin, ['-p', 'process.versions.node'], {
          encoding: 'utf8',
        }),
      ),
    ),
  );
  for (const file of ['package.json', 'yarn.lock']) {
    const p = path.join(ROOT, file);
    if (fs.existsSync(p)) hash.update(fs.readFileSync(p));
  }
  for (const group of ['packages', 'plugins']) {
    const dir = path.join(ROOT, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name, 'package.json');
      if (fs.existsSync(p)) hash.update(fs.readFileSync(p));
    }
  }
  return hash.digest('hex');
}

function runYarn(node, corepack, args, options = {}) {
  return spawnSync(node.nodeBin, [corepack, 'yarn', ...args], {
    cwd: ROOT,
    stdio: options.stdio || 'inherit',
    env: toolchainEnv(node, options.env),
  });
}

function ensureInstalled(node, corepack) {
  const stamp = path.join(ROOT, '.costwise', 'install-stamp');
  const fingerprint = installFingerprint(node);
  const installed =
    fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'backstage-cli')) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === fingerprint;
  if (installed) return;
  log(
    `installing dependencies with yarn (Node.js ${execFileSync(
      node.nodeBin,
      ['-v'],
      { encoding: 'utf8' },
    ).trim()})`,
  );
  const args = ['install'];
  if (process.env.CI) args.push('--immutable');
  const result = runYarn(node, corepack, args);
  if (result.status !== 0) fail(`yarn install failed (exit ${result.status})`);
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, fingerprint);
}

function bootstrap() {
  const node = ensureNode();
  const corepack = ensureCorepack();
  ensureYarnShim(node, corepack);
  ensureInstalled(node, corepack);
  return { node, corepack, env: extra => toolchainEnv(node, extra) };
}

module.exports = { bootstrap, ROOT, log, fail };

if (require.main === module) {
  bootstrap();
  log('setup complete');
}
