import { ConfigReader } from '@backstage/config';
import { readAiPriceTable } from '../../config';
import { addDays } from '../../model';
import { startEngine } from '../../__testUtils__/engine';
import { builtinDetectors, mergeDetectorConfig } from './index';

jest.setTimeout(60_000);

const AS_OF = '2025-03-30';
const HEADER =
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,SubAccountId,SkuId,ConsumedQuantity,ConsumedUnit';

/** 30 days of gpt-4o: 1M input tokens ($2.50) and 1M output tokens ($10) a day. */
const csv = [
  HEADER,
  ...Array.from({ length: 30 }, (_, i) => addDays(AS_OF, -i)).flatMap(day => [
    `org-1,USD,2025-03-01,${day},${addDays(
      day,
      1,
    )},2.50,2.50,OpenAI,OpenAI API,proj_x,gpt-4o,1000000,Input Tokens`,
    `org-1,USD,2025-03-01,${day},${addDays(
      day,
      1,
    )},10,10,OpenAI,OpenAI API,proj_x,gpt-4o,1000000,Output Tokens`,
  ]),
].join('\n');

describe('llm-premium-model on the AI price table', () => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  beforeAll(async () => {
    engine = await startEngine({ csv, entities: [] });
  });

  const run = async (prices?: object) => {
    const [detector] = builtinDetectors({
      knex: engine.knex,
      catalogEntities: async () => [],
      config: mergeDetectorConfig({ enabled: ['llm-premium-model'] }),
      aiPrices: prices
        ? readAiPriceTable(new ConfigReader({ ai: { prices } }))
        : undefined,
    });
    return (await detector.run({ asOf: AS_OF, currency: 'USD' })).rows;
  };

  it("estimates the saving with the table's prices for the traffic's own token mix", async () => {
    // 1M input at 0.30 and 1M output at 0.60 against 2.50 and 10: 0.90 / 12.50
    const [row] = await run({
      asOf: '2026-12-01',
      models: [{ model: 'gpt-4o-mini', input: '0.30', output: '0.60' }],
    });
    expect(row.RecommendationId).toBe('proj_x#gpt-4o');
    // 375 × (1 − 0.072)
    expect(row.EstimatedMonthlyCostImpact).toBe('-348');
    expect(row.RecommendationDescription).toContain(
      'costs 7.2% as much for the same tokens at list prices (price table of 2026-12-01)',
    );
    expect(row.x_Evidence?.figures).toEqual(
      expect.objectContaining({
        priceRatio: '0.072',
        priceRatioFrom: 'price table of 2026-12-01',
      }),
    );
  });

  it('uses the built-in table by default, and finds nothing where the table says the other model is not cheaper', async () => {
    const [row] = await run();
    // (0.15 + 0.60) / (2.50 + 10) = 0.06
    expect(row.EstimatedMonthlyCostImpact).toBe('-352.5');
    expect(row.x_Evidence?.figures?.priceRatioFrom).toBe(
      'price table of 2026-10-24',
    );
    expect(
      await run({
        asOf: '2026-12-01',
        models: [{ model: 'gpt-4o-mini', input: '2.50', output: '10' }],
      }),
    ).toEqual([]);
  });
});
