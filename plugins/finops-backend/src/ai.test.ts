import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  entity,
  finopsTestBackend,
  routeTestDatabases,
} from './__testUtils__/backend';
import { permissionsFactory } from './__testUtils__/permissions';

jest.setTimeout(120_000);

const databases = routeTestDatabases();

/** An assistant on a project and a workspace, a copilot on its own key in the same project, and a service without AI spend. */
const catalog: Entity[] = [
  entity('Group', 'ml-team', { type: 'team', children: [] }),
  entity('Group', 'support-team', { type: 'team', children: [] }),
  entity('System', 'ai', { owner: 'group:default/ml-team' }),
  entity(
    'Component',
    'assistant',
    { type: 'service', owner: 'group:default/ml-team', system: 'ai' },
    { 'costwise.dev/llm': 'openai:proj_a, anthropic:wrkspc_1' },
  ),
  entity(
    'Component',
    'copilot',
    { type: 'service', owner: 'group:default/support-team', system: 'ai' },
    { 'costwise.dev/llm': 'openai:key_copilot' },
  ),
  entity(
    'Component',
    'shop',
    { type: 'service', owner: 'group:default/ml-team' },
    { 'costwise.dev/tags': 'application=shop' },
  ),
];

const tags = (t: Record<string, string>) =>
  `"${JSON.stringify(t).replace(/"/g, '""')}"`;

const llm = (
  provider: string,
  project: string,
  cost: string,
  tokens: string,
  t: Record<string, string>,
) =>
  `org,USD,2025-03-01,2025-03-10,2025-03-11,${cost},${cost},${provider},${provider} API,${project},${
    t.x_ModelId
  },${tokens},Tokens,${tags(t)}`;

const costs = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,SubAccountId,SkuId,ConsumedQuantity,ConsumedUnit,Tags',
  llm('OpenAI', 'proj_a', '2.50', '1000000', {
    x_ModelId: 'gpt-4o',
    x_CredentialId: 'key_main',
    x_TokenDirection: 'input',
  }),
  llm('OpenAI', 'proj_a', '1.00', '100000', {
    x_ModelId: 'gpt-4o',
    x_CredentialId: 'key_main',
    x_TokenDirection: 'output',
  }),
  llm('OpenAI', 'proj_a', '0.60', '4000000', {
    x_ModelId: 'gpt-4o-mini',
    x_CredentialId: 'key_copilot',
    x_TokenDirection: 'input',
  }),
  llm('Anthropic', 'wrkspc_1', '0.30', '1000000', {
    x_ModelId: 'claude-sonnet-4-20250514',
    x_TokenDirection: 'input',
    x_TokenCacheAction: 'read',
  }),
  llm('Anthropic', 'wrkspc_1', '0.75', '50000', {
    x_ModelId: 'claude-sonnet-4-20250514',
    x_TokenDirection: 'output',
  }),
  'acct,USD,2025-03-01,2025-03-10,2025-03-11,5,5,AWS,Amazon EC2,acct,BoxUsage,24,Hours,"{""application"": ""shop""}"',
].join('\n');

/** `member` may not read the copilot's cost; everyone else may read everything. */
const permissions = permissionsFactory(
  ({ user, resourceRef }) =>
    !(
      user === 'user:default/member' &&
      resourceRef === 'component:default/copilot'
    ),
);

describe.each(databases.eachSupportedId())(
  'the AI routes on %p',
  databaseId => {
    const backend = finopsTestBackend();
    const { get } = backend;

    beforeAll(async () => {
      await backend.start({
        databases,
        databaseId,
        catalog,
        files: { 'costs.csv': costs },
        features: [permissions],
        finops: at => ({
          sources: [{ id: 'llm', type: 'focus', location: at('costs.csv') }],
          ingestion: { settleSeconds: 0 },
          ai: {
            prices: {
              asOf: '2026-12-01',
              models: [
                {
                  model: 'acme-small',
                  provider: 'Acme',
                  input: '0.10',
                  cachedInput: '0.01',
                  output: '0.40',
                },
              ],
            },
          },
        }),
      });
      const ingested = await backend.post('/sources/llm/ingest');
      if (ingested.status !== 200)
        throw new Error(`ingestion failed: ${JSON.stringify(ingested.body)}`);
    });
    afterAll(() => backend.stop());

    it("answers an entity's AI usage by model and token type, exactly, over the last 30 days of data by default", async () => {
      const res = await get('/entities/component/default/assistant/ai-usage');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/assistant',
        // the 30 days up to the last day with data, clamped to the days there are
        from: '2025-03-10',
        to: '2025-03-10',
        currency: 'USD',
        total: '4.55',
      });
      expect(
        res.body.models.map((m: any) => [m.model, m.cost, m.tokens]),
      ).toEqual([
        ['gpt-4o', '3.5', '1100000'],
        ['claude-sonnet-4-20250514', '1.05', '1050000'],
      ]);
      expect(res.body.models[1].lines).toEqual([
        { type: 'cachedInput', cost: '0.3', tokens: '1000000' },
        { type: 'output', cost: '0.75', tokens: '50000' },
      ]);
      // 1M cached of 2M input tokens
      expect(res.body.cache.hitShare).toBe(0.5);
      expect(res.body.requests.available).toBe(false);
      expect(
        Decimal.sum(
          res.body.daily.map((d: any) => Decimal.parse(d.cost)),
        ).toString(),
      ).toBe('4.55');
    });

    it('gives the key-level usage to the entity that maps the key', async () => {
      const res = await get('/entities/component/default/copilot/ai-usage');
      expect(res.body.total).toBe('0.6');
      expect(res.body.models.map((m: any) => m.model)).toEqual(['gpt-4o-mini']);
    });

    it('answers an entity without AI spend with an empty answer, not an error', async () => {
      const res = await get('/entities/component/default/shop/ai-usage');
      expect(res.status).toBe(200);
      expect(res.body.empty.reason).toBe('no-ai-spend');
      expect(res.body.models).toEqual([]);
      const whatIf = await get('/entities/component/default/shop/ai-whatif');
      expect(whatIf.status).toBe(200);
      expect(whatIf.body.empty.reason).toBe('no-ai-spend');
    });

    it('prices the tokens on the configured, dated price table', async () => {
      const res = await get('/entities/component/default/assistant/ai-whatif');
      expect(res.status).toBe(200);
      expect(res.body.priceTable).toEqual({
        asOf: '2026-12-01',
        currency: 'USD',
      });
      const [chat] = res.body.traffic;
      expect(chat.tokens).toEqual({
        input: '1000000',
        cachedInput: '1000000',
        cacheWrite: '0',
        output: '150000',
      });
      expect(chat.actual).toBe('4.55');
      // 1M × 0.10 + 1M × 0.01 + 0.15M × 0.40, the cheapest
      expect(chat.rows[0]).toEqual({
        model: 'acme-small',
        provider: 'Acme',
        kind: 'chat',
        asOf: '2026-12-01',
        cost: '0.17',
        difference: '-4.38',
        ratio: 0.17 / 4.55,
        inUse: false,
        notes: [],
      });
      expect(chat.rows.find((r: any) => r.model === 'gpt-4o').inUse).toBe(true);
    });

    it("breaks a System's AI spend down by team and leaves out what the caller may not read", async () => {
      const admin = await get('/entities/system/default/ai/ai-usage');
      expect(admin.body.total).toBe('5.15');
      expect(
        admin.body.byTeam.map((t: any) => [t.team, t.model, t.cost]),
      ).toEqual([
        ['group:default/ml-team', 'gpt-4o', '3.5'],
        ['group:default/ml-team', 'claude-sonnet-4-20250514', '1.05'],
        ['group:default/support-team', 'gpt-4o-mini', '0.6'],
      ]);
      const member = await get(
        '/entities/system/default/ai/ai-usage',
        'member',
      );
      expect(member.body.total).toBe('4.55');
      expect(member.body.hiddenMembers.count).toBe(1);
    });

    it("answers the organization's AI spend of a month by team and model, over what the caller may read", async () => {
      const admin = await get('/ai/spend');
      expect(admin.status).toBe(200);
      expect(admin.body).toMatchObject({
        month: '2025-03',
        total: '5.15',
        hiddenEntities: 0,
        teams: [
          { team: 'group:default/ml-team', cost: '4.55', tokens: '2150000' },
          {
            team: 'group:default/support-team',
            cost: '0.6',
            tokens: '4000000',
          },
        ],
      });
      const member = await get('/ai/spend?month=2025-03', 'member');
      expect(member.body.total).toBe('4.55');
      expect(member.body.hiddenEntities).toBe(1);
    });

    it('refuses bad input and an entity the caller may not read', async () => {
      const bad = await get('/ai/spend?month=2025-13');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/month must be a month YYYY-MM/);
      const range = await get(
        '/entities/component/default/assistant/ai-usage?from=2025-03-11&to=2025-03-01',
      );
      expect(range.status).toBe(400);
      const measure = await get(
        '/entities/component/default/assistant/ai-whatif?measure=Cheapest',
      );
      expect(measure.status).toBe(400);
      const denied = await get(
        '/entities/component/default/copilot/ai-usage',
        'member',
      );
      expect(denied.status).toBe(403);
      const missing = await get('/entities/component/default/nobody/ai-usage');
      expect(missing.status).toBe(404);
    });
  },
);
