/*
 * Ask Costwise evaluation: `npm run eval:ask`.
 *
 * Asks the evaluation's questions (over the demo data, and over real AWS
 * and Azure exports with a catalog of their own) and checks each answer's
 * figures against those the evaluation computes itself from the stored
 * data. Prints, per kind of question and per trait (typos, relative dates,
 * ...), the share answered exactly and the share of the questions the
 * engine must refuse that it refused; then every question that was not
 * answered exactly. Exits 1 when any was not.
 */

/* eslint-disable @typescript-eslint/no-require-imports */
// the test utilities register their clean-up with the test runner's afterAll
(globalThis as any).afterAll ??= () => {};

export {};

async function main() {
  const { startAskDemo } = require('../src/__testUtils__/askDemo');
  const {
    REAL_CASES,
    startAskReal,
  } = require('../src/ask/__testUtils__/evaluation/realCases');
  const {
    DEMO_CASES,
  } = require('../src/ask/__testUtils__/evaluation/demoCases');
  const {
    formatSummary,
    runEvaluation,
  } = require('../src/ask/__testUtils__/evaluation/runEvaluation');
  const demo = await startAskDemo();
  const demoResults = await runEvaluation(demo.ask, demo.reference, DEMO_CASES);
  process.stdout.write(
    `${formatSummary(
      `Demo data (90 days to 2026-11-30): ${DEMO_CASES.length} questions`,
      demoResults,
    )}\n\n`,
  );
  const real = await startAskReal();
  const realResults = await runEvaluation(real.ask, real.reference, REAL_CASES);
  process.stdout.write(
    `${formatSummary(
      `Real exports (AWS CUR Nov 2023, Azure EA Sep 2023): ${REAL_CASES.length} questions`,
      realResults,
    )}\n`,
  );
  await demo.engine.knex.destroy();
  await real.engine.knex.destroy();
  process.exitCode = [...demoResults, ...realResults].every(r => r.ok) ? 0 : 1;
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
