import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { aiSpend, aiUsage, aiWhatIf } from '../__testUtils__/ai';
import {
  errorBody,
  serve,
  serveRoute,
  server,
  testClient,
} from '../__testUtils__/server';

describe('FinopsClient: AI spend', () => {
  registerMswTestHooks(server);

  it("asks for an entity's AI usage with its period and measure, each part of the ref encoded", async () => {
    const requests = serve('ai-usage', aiUsage);
    const client = testClient();
    expect(
      await client.getAiUsage('component:team a/assistant api', {
        from: '2026-11-01',
        to: '2026-11-30',
        measure: 'ListCost',
      }),
    ).toEqual(aiUsage);
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/component/team%20a/assistant%20api/ai-usage',
    );
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      measure: 'ListCost',
    });
    await client.getAiUsage('component:default/assistant-api');
    expect(requests[1].search).toBe('');
  });

  it('asks for the what-if and the organization spend of a month', async () => {
    const whatIf = serve('ai-whatif', aiWhatIf);
    const spend = serveRoute('get', '/ai/spend', aiSpend);
    const client = testClient();
    expect(
      await client.getAiWhatIf('component:default/assistant-api', {
        measure: 'BilledCost',
      }),
    ).toEqual(aiWhatIf);
    expect(whatIf[0].searchParams.get('measure')).toBe('BilledCost');
    expect(await client.getAiSpend({ month: '2026-11' })).toEqual(aiSpend);
    expect(spend[0].url.searchParams.get('month')).toBe('2026-11');
  });

  it("throws the backend's error", async () => {
    serveRoute(
      'get',
      '/ai/spend',
      errorBody('InputError', 'month must be a month YYYY-MM', 400),
      400,
    );
    const error = await testClient()
      .getAiSpend({ month: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.cause.message).toBe('month must be a month YYYY-MM');
  });
});
