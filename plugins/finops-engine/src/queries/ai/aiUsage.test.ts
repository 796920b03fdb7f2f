import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  engineDatabaseIds,
  startEngine,
  viewerDenied,
} from '../../__testUtils__/engine';
import { AiUsageStore } from '../../stores';
import { AiUsageService } from './AiUsageService';

jest.setTimeout(60_000);

const entity = (
  kind: string,
  name: string,
  spec: JsonObject,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

/**
 * An assistant on an OpenAI project and an Anthropic workspace, a copilot
 * mapped by its API key inside the same project, an indexer on embeddings,
 * two bots that tie on a workspace, and a service without AI spend.
 */
const catalog: Entity[] = [
  entity('Group', 'ml-team', { type: 'team', children: [] }),
  entity('Group', 'support-team', { type: 'team', children: [] }),
  entity('System', 'ai', { owner: 'group:default/ml-team' }),
  entity(
    'Component',
    'assistant',
    { type: 'service', owner: 'group:default/ml-team', system: 'ai' },
    {
      'costwise.dev/llm': 'openai:proj_a, anthropic:wrkspc_1',
      'costwise.dev/unit-metric': 'conversations',
    },
  ),
  entity(
    'Component',
    'copilot',
    { type: 'service', owner: 'group:default/support-team', system: 'ai' },
    { 'costwise.dev/llm': 'openai:key_copilot' },
  ),
  entity(
    'Component',
    'indexer',
    { type: 'worker', owner: 'group:default/ml-team' },
    { 'costwise.dev/llm': 'openai:proj_b' },
  ),
  entity(
    'Component',
    'faq-bot',
    { type: 'service', owner: 'group:default/support-team' },
    { 'costwise.dev/llm': 'anthropic:wrkspc_2' },
  ),
  entity(
    'Component',
    'helpdesk',
    { type: 'service', owner: 'group:default/support-team' },
    { 'costwise.dev/llm': 'anthropic:wrkspc_2' },
  ),
  entity(
    'Component',
    'shop',
    { type: 'service', owner: 'group:default/ml-team' },
    { 'costwise.dev/tags': 'application=shop' },
  ),
];

const HEADER =
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ServiceCategory,SubAccountId,SkuId,ConsumedQuantity,ConsumedUnit,Tags';

const tags = (t: Record<string, string>) =>
  `"${JSON.stringify(t).replace(/"/g, '""')}"`;

function csvRow(
  date: string,
  r: {
    provider: 'OpenAI' | 'Anthropic';
    project: string;
    cost: string;
    quantity: string;
    unit: string;
    sku: string;
    tags: Record<string, string>;
  },
) {
  const next = `2025-03-${String(Number(date.slice(8)) + 1).padStart(2, '0')}`;
  return [
    r.provider === 'OpenAI' ? 'org-1' : 'org-2',
    'USD',
    '2025-03-01',
    date,
    next,
    r.cost,
    r.cost,
    r.provider,
    `${r.provider} API`,
    'AI and Machine Learning',
    r.project,
    r.sku,
    r.quantity,
    r.unit,
    tags(r.tags),
  ].join(',');
}

const gpt4o = (direction: string, cache = 'none') => ({
  x_ModelId: 'gpt-4o-2024-08-06',
  x_CredentialId: 'key_main',
  x_TokenDirection: direction,
  x_TokenCacheAction: cache,
});
const sonnet = (direction: string, cache = 'none') => ({
  x_ModelId: 'claude-sonnet-4-20250514',
  x_CredentialId: 'key_ws1',
  x_TokenDirection: direction,
  x_TokenCacheAction: cache,
});

function day(d: string, gptInput: [string, string]) {
  const openai = (
    cost: string,
    quantity: string,
    unit: string,
    sku: string,
    t: Record<string, string>,
    project = 'proj_a',
  ) =>
    csvRow(d, {
      provider: 'OpenAI',
      project,
      cost,
      quantity,
      unit,
      sku,
      tags: t,
    });
  const anthropic = (
    cost: string,
    quantity: string,
    unit: string,
    sku: string,
    t: Record<string, string>,
    project = 'wrkspc_1',
  ) =>
    csvRow(d, {
      provider: 'Anthropic',
      project,
      cost,
      quantity,
      unit,
      sku,
      tags: t,
    });
  return [
    openai(gptInput[1], gptInput[0], 'Tokens', 'gpt-4o:input', gpt4o('input')),
    openai('0.50', '400000', 'Tokens', 'gpt-4o:cached', gpt4o('input', 'read')),
    openai('1.00', '100000', 'Tokens', 'gpt-4o:output', gpt4o('output')),
    openai('0', '1000', 'Requests', 'gpt-4o:requests', {
      x_ModelId: 'gpt-4o-2024-08-06',
      x_CredentialId: 'key_main',
    }),
    openai('0.30', '2000000', 'Tokens', 'gpt-4o-mini:input', {
      x_ModelId: 'gpt-4o-mini',
      x_CredentialId: 'key_copilot',
      x_TokenDirection: 'input',
    }),
    openai('0.30', '500000', 'Tokens', 'gpt-4o-mini:output', {
      x_ModelId: 'gpt-4o-mini',
      x_CredentialId: 'key_copilot',
      x_TokenDirection: 'output',
    }),
    openai(
      '0.20',
      '10000',
      '1K Tokens',
      'text-embedding-3-small',
      {},
      'proj_b',
    ),
    anthropic('0.30', '100000', 'Tokens', 'sonnet:in', sonnet('input')),
    anthropic(
      '0.30',
      '1000000',
      'Tokens',
      'sonnet:read',
      sonnet('input', 'read'),
    ),
    anthropic(
      '0.75',
      '200000',
      'Tokens',
      'sonnet:write',
      sonnet('input', 'write_5m'),
    ),
    anthropic('0.75', '50000', 'Tokens', 'sonnet:out', sonnet('output')),
    anthropic('0.10', '10', 'Searches', 'web-search', {
      x_ModelId: 'claude-sonnet-4-20250514',
    }),
    anthropic(
      '0.80',
      '1000000',
      'Input Tokens',
      'claude-3-5-haiku-20241022',
      {},
      'wrkspc_2',
    ),
    `1,USD,2025-03-01,${d},${d},5,5,AWS,Amazon EC2,Compute,acct,BoxUsage,24,Hours,"{""application"": ""shop""}"`,
  ];
}

const csv = [
  HEADER,
  ...day('2025-03-10', ['1000000', '2.50']),
  ...day('2025-03-11', ['2000000', '5.00']),
].join('\n');

const RANGE = { from: '2025-03-10', to: '2025-03-11' };

describe.each(engineDatabaseIds())('AI spend views on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let ai: AiUsageService;
  beforeAll(async () => {
    engine = await startEngine({ csv, entities: catalog, databaseId });
    await engine.metrics.record(
      [
        {
          entity: 'component:default/assistant',
          metric: 'conversations',
          date: '2025-03-10',
          value: 100,
        },
        {
          entity: 'component:default/assistant',
          metric: 'conversations',
          date: '2025-03-11',
          value: 200,
        },
      ],
      'api',
    );
    ai = new AiUsageService({
      store: new AiUsageStore(engine.knex),
      attribution: engine.attributionStore,
      views: engine.views,
      unitCosts: engine.unitCosts,
    });
  });

  it("gives an entity its cost and tokens by model and token type, exactly, with the key's usage on the key's entity", async () => {
    const usage = await ai.usage(
      engine.entity('component:default/assistant'),
      RANGE,
    );
    expect(usage.empty).toBeUndefined();
    expect(usage.currency).toBe('USD');
    // 4.00 + 6.50 on gpt-4o, 2 × 2.20 on Claude; the copilot's key and the AWS cost are not in it
    expect(usage.total).toBe('14.9');
    expect(usage.models.map(m => [m.model, m.cost, m.tokens])).toEqual([
      ['gpt-4o-2024-08-06', '10.5', '4000000'],
      ['claude-sonnet-4-20250514', '4.4', '2700000'],
    ]);
    expect(usage.models[0].share).toBeCloseTo(10.5 / 14.9, 10);
    expect(usage.models[1].lines).toEqual([
      { type: 'input', cost: '0.6', tokens: '200000' },
      { type: 'cachedInput', cost: '0.6', tokens: '2000000' },
      { type: 'cacheWrite', cost: '1.5', tokens: '400000' },
      { type: 'output', cost: '1.5', tokens: '100000' },
      { type: 'other', cost: '0.2', tokens: '0' },
    ]);
    expect(usage.tokens).toEqual({
      total: '6700000',
      byType: {
        input: '3200000',
        cachedInput: '2800000',
        cacheWrite: '400000',
        output: '300000',
      },
    });
    // every amount adds up to the total, to the last digit
    expect(
      Decimal.sum(usage.models.map(m => Decimal.parse(m.cost))).toString(),
    ).toBe(usage.total);
    expect(
      Decimal.sum(usage.daily.map(d => Decimal.parse(d.cost))).toString(),
    ).toBe(usage.total);
  });

  it('has a daily trend, the cache hit share, cost per 1,000 requests and per unit metric', async () => {
    const usage = await ai.usage(
      engine.entity('component:default/assistant'),
      RANGE,
    );
    expect(usage.daily).toEqual([
      {
        date: '2025-03-10',
        cost: '6.2',
        tokens: '2850000',
        byModel: {
          'claude-sonnet-4-20250514': '2.2',
          'gpt-4o-2024-08-06': '4',
        },
      },
      {
        date: '2025-03-11',
        cost: '8.7',
        tokens: '3850000',
        byModel: {
          'claude-sonnet-4-20250514': '2.2',
          'gpt-4o-2024-08-06': '6.5',
        },
      },
    ]);
    // cache reads 2.8M of 6.4M input tokens (uncached, reads and writes)
    expect(usage.cache).toEqual({
      hitShare: 2_800_000 / 6_400_000,
      cachedInputTokens: '2800000',
      inputTokens: '6400000',
    });
    expect(usage.requests).toEqual({
      available: true,
      requests: '2000',
      cost: '10.5',
      perThousand: '5.25',
      coveredShare: 10.5 / 14.9,
      models: ['gpt-4o-2024-08-06'],
    });
    expect(usage.models[0]).toMatchObject({
      requests: '2000',
      costPerThousandRequests: '5.25',
    });
    // 14.90 over 300 conversations, half to even at 6 places
    expect(usage.unitCost).toEqual({
      available: true,
      unitMetric: { metric: 'conversations', per: 1, label: 'conversation' },
      metric: 300,
      cost: '14.9',
      perUnit: '0.049667',
      metricSources: ['component:default/assistant'],
    });
  });

  it('says what is not available, and answers an entity without AI spend without an error', async () => {
    const copilot = await ai.usage(
      engine.entity('component:default/copilot'),
      RANGE,
    );
    expect(copilot.total).toBe('1.2');
    expect(copilot.requests).toEqual({
      available: false,
      reason: expect.stringContaining('no request counts'),
    });
    expect(copilot.unitCost).toEqual({
      available: false,
      reason: expect.stringContaining('costwise.dev/unit-metric'),
    });
    const shop = await ai.usage(engine.entity('component:default/shop'), RANGE);
    expect(shop.empty?.reason).toBe('no-ai-spend');
    expect(shop.total).toBe('0');
    expect(shop.models).toEqual([]);
    const outside = await ai.usage(
      engine.entity('component:default/assistant'),
      {
        from: '2024-01-01',
        to: '2024-01-31',
      },
    );
    expect(outside.empty?.reason).toBe('range-outside-data');
  });

  it('counts embeddings in thousands of tokens and leaves them out of the cache share', async () => {
    const usage = await ai.usage(
      engine.entity('component:default/indexer'),
      RANGE,
    );
    expect(usage.models).toEqual([
      expect.objectContaining({
        model: 'text-embedding-3-small',
        cost: '0.4',
        tokens: '20000000',
      }),
    ]);
    expect(usage.cache.hitShare).toBeNull();
  });

  it('splits the tokens of a shared workspace as its cost is split', async () => {
    const faq = await ai.usage(
      engine.entity('component:default/faq-bot'),
      RANGE,
    );
    const helpdesk = await ai.usage(
      engine.entity('component:default/helpdesk'),
      RANGE,
    );
    expect([faq.total, faq.tokens.total]).toEqual(['0.8', '1000000']);
    expect([helpdesk.total, helpdesk.tokens.total]).toEqual(['0.8', '1000000']);
  });

  it("breaks a System's and a Group's AI spend down by team and model, leaving out what the viewer may not read", async () => {
    const system = await ai.usage(engine.entity('system:default/ai'), RANGE);
    expect(system.total).toBe('16.1');
    expect(system.byTeam).toEqual([
      {
        team: 'group:default/ml-team',
        model: 'gpt-4o-2024-08-06',
        provider: 'OpenAI',
        cost: '10.5',
        tokens: '4000000',
      },
      {
        team: 'group:default/ml-team',
        model: 'claude-sonnet-4-20250514',
        provider: 'Anthropic',
        cost: '4.4',
        tokens: '2700000',
      },
      {
        team: 'group:default/support-team',
        model: 'gpt-4o-mini',
        provider: 'OpenAI',
        cost: '1.2',
        tokens: '5000000',
      },
    ]);
    const hidden = await ai.usage(
      engine.entity('system:default/ai'),
      RANGE,
      viewerDenied('component:default/copilot'),
    );
    expect(hidden.total).toBe('14.9');
    expect(hidden.hiddenMembers?.count).toBe(1);
    expect(hidden.byTeam?.map(t => t.team)).not.toContain(
      'group:default/support-team',
    );
  });

  it('prices the last 30 days of tokens on every model of the price table', async () => {
    const whatIf = await ai.whatIf(
      engine.entity('component:default/assistant'),
    );
    expect(whatIf.to).toBe('2025-03-11');
    expect(whatIf.priceTable).toEqual({ asOf: '2026-10-24', currency: 'USD' });
    expect(whatIf.unpriced).toEqual([]);
    expect(whatIf.traffic).toHaveLength(1);
    const [chat] = whatIf.traffic;
    expect(chat.kind).toBe('chat');
    expect(chat.tokens).toEqual({
      input: '3200000',
      cachedInput: '2800000',
      cacheWrite: '400000',
      output: '300000',
    });
    // the token lines only: the web search is not priced per token
    expect(chat.actual).toBe('14.7');
    const row = (model: string) => chat.rows.find(r => r.model === model)!;
    // 3.2 × 0.15 + 2.8 × 0.075 + 0.4 × 0.15 (no cache-write price) + 0.3 × 0.60
    expect(row('gpt-4o-mini')).toEqual({
      model: 'gpt-4o-mini',
      provider: 'OpenAI',
      kind: 'chat',
      asOf: '2026-04-06',
      cost: '0.93',
      difference: '-13.77',
      ratio: 0.93 / 14.7,
      inUse: false,
      notes: ['no cache-write price: cache writes priced as input'],
    });
    expect(row('gpt-4o')).toMatchObject({ cost: '15.5', inUse: true });
    expect(row('claude-sonnet-4')).toMatchObject({
      cost: '16.44',
      difference: '1.74',
      inUse: true,
      notes: [],
    });
    // cheapest first, and no embedding model prices chat traffic
    const costs = chat.rows.map(r => Number(r.cost));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(chat.rows.some(r => r.model.startsWith('text-embedding'))).toBe(
      false,
    );
  });

  it('prices embedding traffic on embedding models, and says when there is none', async () => {
    const whatIf = await ai.whatIf(engine.entity('component:default/indexer'));
    expect(whatIf.traffic.map(t => t.kind)).toEqual(['embedding']);
    expect(
      whatIf.traffic[0].rows.map(r => [r.model, r.cost, r.difference]),
    ).toEqual([
      ['text-embedding-3-small', '0.4', '0'],
      ['text-embedding-3-large', '2.6', '2.2'],
    ]);
    const none = await ai.whatIf(engine.entity('component:default/shop'));
    expect(none.empty?.reason).toBe('no-ai-spend');
    expect(none.traffic).toEqual([]);
  });

  it("sums the organization's AI spend of a month by team and model, over what the viewer may read", async () => {
    const spend = await ai.spend({ month: '2025-03' });
    expect(spend).toMatchObject({
      month: '2025-03',
      currency: 'USD',
      asOf: '2025-03-11',
      partial: true,
      hiddenEntities: 0,
    });
    // 14.90 + 1.20 + 0.40 + 1.60
    expect(spend.total).toBe('18.1');
    expect(spend.teams).toEqual([
      { team: 'group:default/ml-team', cost: '15.3', tokens: '26700000' },
      { team: 'group:default/support-team', cost: '2.8', tokens: '7000000' },
    ]);
    expect(spend.models.map(m => [m.model, m.cost])).toEqual([
      ['gpt-4o-2024-08-06', '10.5'],
      ['claude-sonnet-4-20250514', '4.4'],
      ['claude-3-5-haiku-20241022', '1.6'],
      ['gpt-4o-mini', '1.2'],
      ['text-embedding-3-small', '0.4'],
    ]);
    expect(
      Decimal.sum(spend.rows.map(r => Decimal.parse(r.cost))).toString(),
    ).toBe(spend.total);
    const member = await ai.spend(
      { month: '2025-03' },
      viewerDenied('component:default/copilot'),
    );
    expect(member.total).toBe('16.9');
    expect(member.hiddenEntities).toBe(1);
    const empty = await ai.spend({ month: '2025-01' });
    expect(empty.empty?.reason).toBe('no-ai-spend');
    expect(empty.rows).toEqual([]);
  });
});
