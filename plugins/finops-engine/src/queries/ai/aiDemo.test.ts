import { Decimal } from '@costwise/plugin-finops-common';
import { addDays } from '../../model';
import { startDemoEngine } from '../../__testUtils__/engine';
import { AiUsageStore } from '../../stores';
import { AiUsageService } from './AiUsageService';

jest.setTimeout(120_000);

/** The services of LLM usage in the demo: OpenAI's and Anthropic's APIs and Azure OpenAI. */
const AI_SERVICES = ['OpenAI API', 'Anthropic API', 'Azure AI Services'];

describe('AI spend on the demo data', () => {
  let engine: Awaited<ReturnType<typeof startDemoEngine>>;
  let ai: AiUsageService;
  beforeAll(async () => {
    engine = await startDemoEngine();
    ai = new AiUsageService({
      store: new AiUsageStore(engine.knex),
      attribution: engine.attributionStore,
      views: engine.views,
      unitCosts: engine.unitCosts,
    });
  });

  it("equals the assistant's LLM services on its Costs tab, to the last digit, by model with its tokens", async () => {
    const entity = engine.entity('component:default/assistant-api');
    const range = { from: addDays(engine.end, -29), to: engine.end };
    const usage = await ai.usage(entity, range);
    const costs = await engine.views.costs(entity, {
      ...range,
      granularity: 'day',
      groupBy: 'service',
    });
    const llm = costs.series
      .filter(s => AI_SERVICES.includes(s.key))
      .map(s => Decimal.parse(s.total));
    expect(usage.total).toBe(Decimal.sum(llm).toString());
    // the demo's x_Model column names Azure's deployments; the same model name on two providers is told apart
    expect(usage.models.map(m => m.key).sort()).toEqual([
      'claude-sonnet-4-20250514',
      'gpt-4o (Microsoft)',
      'gpt-4o (OpenAI)',
      'gpt-4o-mini',
    ]);
    for (const m of usage.models) {
      expect(BigInt(m.tokens)).toBeGreaterThan(0n);
      expect(
        Decimal.sum(m.lines.map(l => Decimal.parse(l.cost))).toString(),
      ).toBe(m.cost);
    }
    expect(usage.cache.hitShare).toBeGreaterThan(0);
    expect(usage.cache.hitShare).toBeLessThan(1);
    // its unit metric is requests per 1000: the demo records requests
    expect(usage.unitCost).toMatchObject({
      available: true,
      unitMetric: { metric: 'requests', per: 1000 },
    });
  });

  it("prices the support copilot's Claude tokens on every chat model of the table", async () => {
    const whatIf = await ai.whatIf(
      engine.entity('component:default/support-copilot'),
    );
    expect(whatIf.to).toBe(engine.end);
    const [chat] = whatIf.traffic;
    expect(chat.models).toContain('claude-3-5-haiku-20241022');
    const row = (model: string) => chat.rows.find(r => r.model === model)!;
    expect(row('claude-3-5-haiku').inUse).toBe(true);
    expect(row('gpt-4o-mini').inUse).toBe(false);
    // Sonnet 4's list prices are 3.75 times Haiku 3.5's for every token type
    expect(
      Number(row('claude-sonnet-4').cost) /
        Number(row('claude-3-5-haiku').cost),
    ).toBeCloseTo(3.75, 4);
    const costs = chat.rows.map(r => Number(r.cost));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(
      Decimal.parse(row('claude-3-5-haiku').difference!)
        .add(Decimal.parse(chat.actual))
        .toString(),
    ).toBe(row('claude-3-5-haiku').cost);
  });
});
