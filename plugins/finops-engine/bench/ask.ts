/*
 * Ask Costwise benchmark: `npm run bench:ask [-- --rounds 5]`.
 *
 * Asks every question of the demo evaluation set, `--rounds` times each
 * (default 5), over the demo data (90 days, about 20,000 daily facts, on
 * SQLite, without a language model) and prints the answer time: p50, p95
 * and the slowest, overall and per kind of question, against the target
 * of a p95 under 300 ms. The first round warms the caches a running
 * backend would hold and is not counted.
 */

/* eslint-disable @typescript-eslint/no-require-imports */
// the test utilities register their clean-up with the test runner's afterAll
(globalThis as any).afterAll ??= () => {};

export {};

const TARGET_P95_MS = 300;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function main() {
  const rounds = arg('rounds', 5);
  const { startAskDemo } = require('../src/__testUtils__/askDemo');
  const {
    DEMO_CASES,
  } = require('../src/ask/__testUtils__/evaluation/demoCases');
  const demo = await startAskDemo();
  const times: Array<{ kind: string; ms: number }> = [];
  for (let round = 0; round <= rounds; round++) {
    for (const c of DEMO_CASES) {
      const started = process.hrtime.bigint();
      await demo.ask.ask(c.question, c.context ?? {});
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (round > 0) times.push({ kind: c.kind, ms });
    }
  }
  const line = (label: string, ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return `${label.padEnd(18)} ${String(sorted.length).padStart(
      5,
    )} ${percentile(sorted, 50).toFixed(1).padStart(8)} ${percentile(sorted, 95)
      .toFixed(1)
      .padStart(8)} ${sorted[sorted.length - 1].toFixed(1).padStart(8)}`;
  };
  const all = times.map(t => t.ms);
  const lines = [
    `Ask Costwise over the demo data: ${
      DEMO_CASES.length
    } questions × ${rounds} rounds, SQLite, no language model (Node ${
      process.version
    }, ${require('os').cpus().length} cores)`,
    `${'kind'.padEnd(18)} ${'n'.padStart(5)} ${'p50 ms'.padStart(
      8,
    )} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
    ...[...new Set(times.map(t => t.kind))].sort().map(kind =>
      line(
        kind,
        times.filter(t => t.kind === kind).map(t => t.ms),
      ),
    ),
    line('all', all),
  ];
  const p95 = percentile(
    [...all].sort((a, b) => a - b),
    95,
  );
  lines.push(
    `p95 ${p95.toFixed(1)} ms: ${
      p95 < TARGET_P95_MS ? 'meets' : 'misses'
    } the target of ${TARGET_P95_MS} ms`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  await demo.engine.knex.destroy();
  process.exitCode = p95 < TARGET_P95_MS ? 0 : 1;
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
