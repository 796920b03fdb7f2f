import { DEMO_CASES } from './__testUtils__/evaluation/demoCases';
import { startAskDemo } from '../__testUtils__/askDemo';
import { REAL_CASES, startAskReal } from './__testUtils__/evaluation/realCases';
import {
  formatSummary,
  runEvaluation,
} from './__testUtils__/evaluation/runEvaluation';

jest.setTimeout(300_000);

describe('Ask Costwise on the demo data', () => {
  let demo: Awaited<ReturnType<typeof startAskDemo>>;
  beforeAll(async () => {
    demo = await startAskDemo();
  });

  it('answers at least 80 questions of every kind exactly, and refuses what it cannot answer', async () => {
    expect(DEMO_CASES.length).toBeGreaterThanOrEqual(80);
    const results = await runEvaluation(demo.ask, demo.reference, DEMO_CASES);
    const failed = results.filter(r => !r.ok);
    if (failed.length) console.log(formatSummary('demo', results));
    expect(failed.map(r => `${r.question}: ${r.problems.join('; ')}`)).toEqual(
      [],
    );
  });
});

describe('Ask Costwise on real provider exports', () => {
  it('answers at least 20 questions over the AWS CUR and Azure EA samples exactly, and refuses what it cannot answer', async () => {
    const real = await startAskReal();
    expect(REAL_CASES.length).toBeGreaterThanOrEqual(20);
    const results = await runEvaluation(real.ask, real.reference, REAL_CASES);
    const failed = results.filter(r => !r.ok);
    if (failed.length) console.log(formatSummary('real exports', results));
    expect(failed.map(r => `${r.question}: ${r.problems.join('; ')}`)).toEqual(
      [],
    );
  });
});
