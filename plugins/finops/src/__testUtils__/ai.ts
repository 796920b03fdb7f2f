import type {
  AiSpendResponse,
  AiUsageResponse,
  AiWhatIfResponse,
} from '@costwise/plugin-finops-common';

const zeroTokens = {
  input: '0',
  cachedInput: '0',
  cacheWrite: '0',
  output: '0',
};

/** The answer for an entity without AI spend, as the backend gives it. */
export const noAiUsage = (entityRef = 'component:default/checkout-api') =>
  ({
    entityRef,
    from: '2026-11-01',
    to: '2026-11-30',
    measure: 'EffectiveCost',
    currency: 'USD',
    total: '0',
    tokens: { total: '0', byType: zeroTokens },
    models: [],
    daily: [],
    cache: { hitShare: null, cachedInputTokens: '0', inputTokens: '0' },
    requests: { available: false, reason: 'No AI spend.' },
    unitCost: { available: false, reason: 'No AI spend.' },
    empty: {
      reason: 'no-ai-spend',
      message: `No AI spend is attributed to ${entityRef} in the period.`,
    },
  } satisfies AiUsageResponse);

/** An assistant on gpt-4o and Claude Sonnet over two days; amounts with many decimals. */
export const aiUsage: AiUsageResponse = {
  entityRef: 'component:default/assistant-api',
  from: '2026-11-29',
  to: '2026-11-30',
  measure: 'EffectiveCost',
  currency: 'USD',
  total: '14.9000004',
  tokens: {
    total: '6700000',
    byType: {
      input: '3200000',
      cachedInput: '2800000',
      cacheWrite: '400000',
      output: '300000',
    },
  },
  models: [
    {
      model: 'gpt-4o-2024-08-06',
      provider: 'OpenAI',
      key: 'gpt-4o-2024-08-06',
      cost: '10.5000004',
      share: 0.7047,
      tokens: '4000000',
      lines: [
        { type: 'input', cost: '7.5000004', tokens: '3000000' },
        { type: 'cachedInput', cost: '1', tokens: '800000' },
        { type: 'output', cost: '2', tokens: '200000' },
      ],
      requests: '2000',
      costPerThousandRequests: '5.2500002',
    },
    {
      model: 'claude-sonnet-4-20250514',
      provider: 'Anthropic',
      key: 'claude-sonnet-4-20250514',
      cost: '4.4',
      share: 0.2953,
      tokens: '2700000',
      lines: [
        { type: 'input', cost: '0.6', tokens: '200000' },
        { type: 'cachedInput', cost: '0.6', tokens: '2000000' },
        { type: 'cacheWrite', cost: '1.5', tokens: '400000' },
        { type: 'output', cost: '1.5', tokens: '100000' },
        { type: 'other', cost: '0.2', tokens: '0' },
      ],
    },
  ],
  daily: [
    {
      date: '2026-11-29',
      cost: '6.2',
      tokens: '2850000',
      byModel: { 'claude-sonnet-4-20250514': '2.2', 'gpt-4o-2024-08-06': '4' },
    },
    {
      date: '2026-11-30',
      cost: '8.7000004',
      tokens: '3850000',
      byModel: {
        'claude-sonnet-4-20250514': '2.2',
        'gpt-4o-2024-08-06': '6.5000004',
      },
    },
  ],
  cache: {
    hitShare: 0.4375,
    cachedInputTokens: '2800000',
    inputTokens: '6400000',
  },
  requests: {
    available: true,
    requests: '2000',
    cost: '10.5000004',
    perThousand: '5.2500002',
    coveredShare: 0.7047,
    models: ['gpt-4o-2024-08-06'],
  },
  unitCost: {
    available: true,
    unitMetric: { metric: 'conversations', per: 1, label: 'conversation' },
    metric: 300,
    cost: '14.9000004',
    perUnit: '0.049667',
    metricSources: ['component:default/assistant-api'],
  },
};

/** The assistant's tokens priced on three models. */
export const aiWhatIf: AiWhatIfResponse = {
  entityRef: 'component:default/assistant-api',
  from: '2026-11-01',
  to: '2026-11-30',
  measure: 'EffectiveCost',
  currency: 'USD',
  priceTable: { asOf: '2026-10-24', currency: 'USD' },
  traffic: [
    {
      kind: 'chat',
      tokens: {
        input: '3200000',
        cachedInput: '2800000',
        cacheWrite: '400000',
        output: '300000',
      },
      actual: '14.7000004',
      models: ['claude-sonnet-4-20250514', 'gpt-4o-2024-08-06'],
      rows: [
        {
          model: 'gpt-4o-mini',
          provider: 'OpenAI',
          kind: 'chat',
          asOf: '2026-04-06',
          cost: '0.93',
          difference: '-13.7700004',
          ratio: 0.0633,
          inUse: false,
          notes: ['no cache-write price: cache writes priced as input'],
        },
        {
          model: 'gpt-4o',
          provider: 'OpenAI',
          kind: 'chat',
          asOf: '2026-04-06',
          cost: '15.5',
          difference: '0.7999996',
          ratio: 1.0544,
          inUse: true,
          notes: ['no cache-write price: cache writes priced as input'],
        },
        {
          model: 'claude-sonnet-4',
          provider: 'Anthropic',
          kind: 'chat',
          asOf: '2026-10-24',
          cost: '16.44',
          difference: '1.7399996',
          ratio: 1.1184,
          inUse: true,
          notes: [],
        },
      ],
    },
  ],
  unpriced: [],
};

/** No tokens to price. */
export const noAiWhatIf = (
  entityRef = 'component:default/checkout-api',
): AiWhatIfResponse => ({
  entityRef,
  from: '2026-11-01',
  to: '2026-11-30',
  measure: 'EffectiveCost',
  currency: 'USD',
  priceTable: { asOf: '2026-10-24', currency: 'USD' },
  traffic: [],
  unpriced: [],
  empty: { reason: 'no-ai-spend', message: 'No AI spend.' },
});

/** The organization's AI spend of November: two teams, three models. */
export const aiSpend: AiSpendResponse = {
  month: '2026-11',
  measure: 'EffectiveCost',
  currency: 'USD',
  asOf: '2026-11-30',
  partial: false,
  total: '1234.5678901',
  rows: [
    {
      team: 'group:default/ml-team',
      model: 'gpt-4o',
      provider: 'OpenAI',
      cost: '1000.0000001',
      tokens: '400000000',
    },
    {
      team: 'group:default/ml-team',
      model: 'claude-sonnet-4-20250514',
      provider: 'Anthropic',
      cost: '200.5',
      tokens: '50000000',
    },
    {
      team: 'group:default/catalog-team',
      model: 'gpt-4o-mini',
      provider: 'OpenAI',
      cost: '34.06789',
      tokens: '150000000',
    },
  ],
  teams: [
    {
      team: 'group:default/ml-team',
      cost: '1200.5000001',
      tokens: '450000000',
    },
    {
      team: 'group:default/catalog-team',
      cost: '34.06789',
      tokens: '150000000',
    },
  ],
  models: [
    {
      model: 'gpt-4o',
      provider: 'OpenAI',
      cost: '1000.0000001',
      tokens: '400000000',
      share: 0.81,
    },
    {
      model: 'claude-sonnet-4-20250514',
      provider: 'Anthropic',
      cost: '200.5',
      tokens: '50000000',
      share: 0.1624,
    },
    {
      model: 'gpt-4o-mini',
      provider: 'OpenAI',
      cost: '34.06789',
      tokens: '150000000',
      share: 0.0276,
    },
  ],
  hiddenEntities: 1,
};

/** No AI spend in the month. */
export const noAiSpend: AiSpendResponse = {
  month: '2026-11',
  measure: 'EffectiveCost',
  currency: 'USD',
  partial: false,
  total: '0',
  rows: [],
  teams: [],
  models: [],
  hiddenEntities: 0,
  empty: {
    reason: 'no-ai-spend',
    message: 'No AI spend is attributed to any entity in 2026-11.',
  },
};
