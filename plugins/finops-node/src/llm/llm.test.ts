import { Decimal } from '@costwise/plugin-finops-common';
import type { CostRecord } from '../sources';
import { allocateLlmCosts } from './allocate';
import type { LlmCostLine, LlmUsageLine } from './lines';
import { LlmPriceTable } from './prices';
import { llmTokenDims, llmTokenLabel, llmTokenTags } from './tokens';

const table = new LlmPriceTable();
const day = '2025-03-10';
const template = {
  billingAccountId: 'org-1',
  providerName: 'OpenAI',
  serviceName: 'OpenAI API',
  currency: 'USD',
};

function usage(
  key: string,
  model: string,
  direction: 'Input' | 'Output',
  tokens: number,
  extra: Partial<LlmUsageLine> = {},
): LlmUsageLine {
  const kind = {
    direction,
    cacheAction: direction === 'Input' ? ('Uncached' as const) : undefined,
  };
  return {
    day,
    subAccountId: 'proj_a',
    dims: { model, credential: key, unit: 'Tokens', ...llmTokenDims(kind) },
    quantity: BigInt(tokens),
    unit: 'Tokens',
    skuId: `${model}, ${llmTokenLabel(kind)}`,
    unitPrice: table.unitPrice('openai', model, day, kind),
    billable: true,
    resourceId: key,
    resourceType: 'API Key',
    tags: { x_ModelId: model, x_CredentialId: key, ...llmTokenTags(kind) },
    source: { file: 'usage', line: 1 },
    ...extra,
  };
}

function cost(
  amount: string,
  match: LlmCostLine['match'],
  skuId = 'line',
): LlmCostLine {
  return {
    day,
    subAccountId: 'proj_a',
    amount: Decimal.parse(amount),
    currency: 'USD',
    match,
    skuId,
    tags: { x_LineItem: skuId },
    source: { file: 'costs', line: 1 },
  };
}

const rows = (records: CostRecord[]) =>
  records.flatMap(r => (r.kind === 'row' ? [r.row] : []));
const sum = (values: string[]) =>
  Decimal.sum(values.map(v => Decimal.parse(v))).toString();

describe('LlmPriceTable', () => {
  it('prices snapshots by the longest model id and the latest date', () => {
    expect(table.find('openai', 'gpt-4o-mini-2024-07-18', day)?.model).toBe(
      'gpt-4o-mini',
    );
    expect(table.find('openai', 'gpt-4o-2024-08-06', day)?.model).toBe(
      'gpt-4o',
    );
    expect(table.find('openai', 'gpt-4o', '2020-01-01')).toBeUndefined();
    expect(
      table
        .unitPrice('openai', 'gpt-4o', day, {
          direction: 'Input',
          cacheAction: 'Read',
        })
        ?.toString(),
    ).toBe('0.00000125');
    expect(
      table
        .unitPrice(
          'openai',
          'gpt-4o',
          day,
          { direction: 'Output' },
          { batch: true },
        )
        ?.toString(),
    ).toBe('0.000005');
    expect(
      table
        .unitPrice(
          'anthropic',
          'claude-sonnet-4-20250514',
          '2025-09-01',
          { direction: 'Input', cacheAction: 'Write', cacheTtl: '1h' },
          { contextWindow: '200k-1M' },
        )
        ?.toString(),
    ).toBe('0.000012');
    const dated = new LlmPriceTable([
      { provider: 'openai', model: 'gpt-4o', from: '2024-01-01', input: '5' },
      { provider: 'openai', model: 'gpt-4o', from: '2025-03-01', input: '2' },
    ]);
    expect(
      dated
        .unitPrice('openai', 'gpt-4o', '2025-02-28', { direction: 'Input' })
        ?.toString(),
    ).toBe('0.000005');
    expect(
      dated
        .unitPrice('openai', 'gpt-4o', day, { direction: 'Input' })
        ?.toString(),
    ).toBe('0.000002');
    expect(
      () =>
        new LlmPriceTable([
          { provider: 'x', model: 'm', from: '2025-01-01', input: 'cheap' },
        ]),
    ).toThrow(/input 'cheap' is not a price/);
  });
});

describe('allocateLlmCosts', () => {
  it('splits a cost line across keys by usage × price, exactly', () => {
    const records = allocateLlmCosts({
      template,
      costs: [
        cost(
          '0.10',
          { model: 'gpt-4o', tokenDirection: 'Input' },
          'gpt-4o, input',
        ),
      ],
      usage: [
        usage('key_a', 'gpt-4o-2024-08-06', 'Input', 1000),
        usage('key_b', 'gpt-4o-2024-08-06', 'Input', 2000),
      ],
    });
    const out = rows(records);
    expect(
      out.map(r => [r.resourceId, r.billedCost, r.consumedQuantity]),
    ).toEqual([
      ['key_a', '0.033333', '1000'],
      ['key_b', '0.066667', '2000'],
    ]);
    expect(sum(out.map(r => r.billedCost))).toBe('0.1');
    expect(out[0].tags).toEqual(
      expect.objectContaining({
        x_ModelId: 'gpt-4o-2024-08-06',
        x_CredentialId: 'key_a',
        x_TokenDirection: 'Input',
        x_TokenCacheAction: 'Uncached',
        x_LineItem: 'gpt-4o, input',
        x_AllocatedMethodId: 'usage-x-price',
      }),
    );
    // list cost: tokens × list price
    expect(out[0].listCost).toBe('0.0025');
    expect(out[0]).toEqual(
      expect.objectContaining({
        chargePeriodStart: '2025-03-10T00:00:00Z',
        chargePeriodEnd: '2025-03-11T00:00:00Z',
        billingPeriodStart: '2025-03-01',
        subAccountId: 'proj_a',
        skuId: 'gpt-4o-2024-08-06, input',
        consumedUnit: 'Tokens',
        billingCurrency: 'USD',
      }),
    );
  });

  it('weighs different models by their price when one cost covers them', () => {
    const out = rows(
      allocateLlmCosts({
        template,
        costs: [cost('1', {})],
        usage: [
          usage('key_a', 'gpt-4o', 'Input', 1000), // 2.50 per 1M
          usage('key_a', 'gpt-4o-mini', 'Input', 1000), // 0.15 per 1M
        ],
      }),
    );
    expect(out.map(r => r.billedCost)).toEqual(['0.943396', '0.056604']);
  });

  it('keeps a cost no usage explains whole, and unbilled usage at zero', () => {
    const out = rows(
      allocateLlmCosts({
        template,
        costs: [
          cost(
            '0.02',
            { model: 'gpt-4o', tokenDirection: 'Output' },
            'gpt-4o, output',
          ),
          cost('0.5', undefined, 'Web search tool calls'),
        ],
        usage: [usage('key_a', 'gpt-4o', 'Input', 500)],
      }),
    );
    expect(
      out.map(r => [r.skuId, r.billedCost, r.tags.x_AllocatedMethodId]),
    ).toEqual([
      ['gpt-4o, output', '0.02', 'unmatched-cost'],
      ['Web search tool calls', '0.5', 'unmatched-cost'],
      ['gpt-4o, input', '0', 'unbilled-usage'],
    ]);
    expect(out[2].consumedQuantity).toBe('500');
  });

  it('gives usage to the most specific cost line, and counts stay uncharged', () => {
    const requests = usage('key_a', 'gpt-4o', 'Input', 7, {
      billable: false,
      unit: 'Requests',
      skuId: 'gpt-4o, requests',
      dims: { model: 'gpt-4o', unit: 'Requests' },
      tags: { x_ModelId: 'gpt-4o' },
    });
    const out = rows(
      allocateLlmCosts({
        template,
        costs: [
          cost('3', { model: 'gpt-4o' }, 'gpt-4o'),
          cost(
            '1',
            { model: 'gpt-4o', tokenDirection: 'Output' },
            'gpt-4o, output',
          ),
        ],
        usage: [
          usage('key_a', 'gpt-4o', 'Input', 100),
          usage('key_a', 'gpt-4o', 'Output', 100),
          requests,
        ],
      }),
    );
    expect(out.map(r => [r.skuId, r.billedCost, r.consumedQuantity])).toEqual([
      ['gpt-4o, input', '3', '100'],
      ['gpt-4o, output', '1', '100'],
      ['gpt-4o, requests', '0', '7'],
    ]);
    expect(out[2].tags.x_AllocatedMethodId).toBeUndefined();
  });

  it('splits by quantity when a model is not priced, and is deterministic', () => {
    const lines = [
      usage('key_b', 'mystery-1', 'Input', 1),
      usage('key_a', 'mystery-1', 'Input', 1),
      usage('key_c', 'mystery-1', 'Input', 1),
    ];
    const run = (u: LlmUsageLine[]) =>
      rows(
        allocateLlmCosts({ template, costs: [cost('0.000001', {})], usage: u }),
      );
    const once = run(lines);
    expect(once.map(r => [r.resourceId, r.billedCost])).toEqual([
      ['key_a', '0.000001'],
      ['key_b', '0'],
      ['key_c', '0'],
    ]);
    expect(once[0].tags.x_AllocatedMethodId).toBe('usage-quantity');
    expect(run([...lines].reverse())).toEqual(once);
  });

  it('splits a negative amount and a list amount the same way', () => {
    const credit = { ...cost('-0.10', {}), listAmount: Decimal.parse('0.30') };
    const out = rows(
      allocateLlmCosts({
        template,
        costs: [credit],
        usage: [
          usage('key_a', 'gpt-4o', 'Input', 1000),
          usage('key_b', 'gpt-4o', 'Input', 1000),
        ],
      }),
    );
    expect(out.map(r => [r.billedCost, r.listCost])).toEqual([
      ['-0.05', '0.15'],
      ['-0.05', '0.15'],
    ]);
  });
});
