import { startDemoEngine } from '../__testUtils__/engine';
import { askEngineOf } from './__testUtils__/askEngines';
jest.setTimeout(300_000);
it('answers', async () => {
  const e = await startDemoEngine();
  const ask = askEngineOf(e, e.entities);
  const qs = (process.env.QS ?? '').split('|');
  for (const q of qs) {
    try {
      const a = await ask.ask(q, {
        userGroups: ['group:default/checkout-team'],
      });
      console.log(
        `${q}\n  => [${a.intent}${
          a.supported ? '' : ' REFUSED'
        }] ${a.answer.slice(0, 300)}\n  ${JSON.stringify(
          a.lineage?.query ?? a.didYouMean ?? a.suggestions,
        )}`,
      );
    } catch (err) {
      console.log(q, 'ERROR', (err as Error).message);
    }
  }
});
