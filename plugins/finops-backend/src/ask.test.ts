import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Decimal } from '@costwise/plugin-finops-common';
import { finopsPlugin } from './plugin';
import { permissionsFactory } from './__testUtils__/permissions';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: (process.env.COSTWISE_TEST_DATABASES ?? 'SQLITE_3')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean) as TestDatabaseId[],
});

const entity = (
  kind: string,
  name: string,
  spec: object,
  metadata: Partial<Entity['metadata']> = {},
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...metadata },
  spec,
  relations,
});

/**
 * Two teams, a store of two components and a restricted vault of the
 * other team; `member` is in the shop team and may not read the vault.
 */
const catalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity('Group', 'vault-team', { type: 'team', children: [] }),
  entity('User', 'member', { memberOf: ['shop-team'] }, {}, [
    { type: 'memberOf', targetRef: 'group:default/shop-team' },
  ]),
  entity('User', 'admin', { memberOf: [] }),
  entity(
    'System',
    'store',
    { owner: 'group:default/shop-team' },
    { title: 'Store' },
  ),
  entity(
    'Component',
    'shop-api',
    {
      type: 'service',
      owner: 'group:default/shop-team',
      system: 'system:default/store',
    },
    {
      title: 'Shop API',
      annotations: {
        'costwise.dev/tags': 'app=shop',
        'costwise.dev/unit-metric': 'orders',
      },
    },
  ),
  entity(
    'Component',
    'shop-web',
    {
      type: 'website',
      owner: 'group:default/shop-team',
      system: 'system:default/store',
    },
    { annotations: { 'costwise.dev/tags': 'app=web' } },
  ),
  entity(
    'Component',
    'vault',
    { type: 'service', owner: 'group:default/vault-team' },
    { annotations: { 'costwise.dev/tags': 'app=vault' } },
  ),
];

const DAYS = ['01', '02', '03', '04', '05', '06', '07'].map(
  d => `2025-03-${d}`,
);

/**
 * A week of cost: the shop's function runs at 2 USD a day and at 18 on
 * Friday 7 March (nine times the usage at the same price), when a cache
 * appears; the web, the vault and an unowned bucket cost the same each day.
 */
function costsCsv(): string {
  const lines = [
    'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,RegionId,Tags,ResourceId,SkuId,ConsumedQuantity,ConsumedUnit',
  ];
  const line = (
    day: string,
    cost: string,
    service: string,
    app: string | undefined,
    resource: string,
    sku: string,
    quantity: string,
    unit: string,
  ) => {
    const next = `2025-03-${String(Number(day.slice(8)) + 1).padStart(2, '0')}`;
    const tags = app ? `"{""app"": ""${app}""}"` : '{}';
    lines.push(
      `1,USD,2025-03-01,${day},${next},${cost},${cost},AWS,${service},eu-west-1,${tags},${resource},${sku},${quantity},${unit}`,
    );
  };
  for (const day of DAYS) {
    const storm = day === '2025-03-07';
    line(
      day,
      storm ? '18' : '2',
      'AWS Lambda',
      'shop',
      'shop-worker',
      'Lambda-GB-Second',
      storm ? '9' : '1',
      'GB-Seconds',
    );
    line(
      day,
      '10.25',
      'Amazon Elastic Compute Cloud',
      'web',
      'i-web',
      'BoxUsage',
      '24',
      'Hours',
    );
    line(
      day,
      '7',
      'Amazon Relational Database Service',
      'vault',
      'vault-db',
      'InstanceUsage',
      '24',
      'Hours',
    );
    line(
      day,
      '1.5',
      'Amazon Simple Storage Service',
      undefined,
      'orphan-bucket',
      'TimedStorage',
      '100',
      'GB-Month',
    );
    if (storm)
      line(
        day,
        '3',
        'Amazon ElastiCache',
        'shop',
        'shop-cache',
        'NodeUsage',
        '24',
        'Hours',
      );
  }
  return lines.join('\n');
}

/** `admin` may do all; `member` is no admin and may not read the vault. */
const permissions = permissionsFactory(
  ({ user, permission, resourceRef }) =>
    !(
      user === 'user:default/member' &&
      (permission === 'finops.admin' ||
        resourceRef === 'component:default/vault')
    ),
);

describe.each(databases.eachSupportedId())(
  'Ask Costwise in the backend on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let dir: string;
    const as = (user: string) =>
      mockCredentials.user.header(`user:default/${user}`);
    const ask = (body: unknown, user = 'member') =>
      request(server)
        .post('/api/finops/ask')
        .set('Authorization', as(user))
        .send(body as object);
    const get = (url: string, user = 'member') =>
      request(server).get(`/api/finops${url}`).set('Authorization', as(user));
    const invoke = (action: string, input: object, user = 'member') =>
      request(server)
        .post(
          `/api/finops/.backstage/actions/v1/actions/finops:${action}/invoke`,
        )
        .set('Authorization', as(user))
        .send(input);
    /** The total the entity's Costs tab shows for a range. */
    const viewTotal = async (ref: string, from: string, to: string) => {
      const [kind, rest] = ref.split(':');
      const res = await get(
        `/entities/${kind}/${rest}/costs?from=${from}&to=${to}`,
      );
      expect(res.status).toBe(200);
      return Decimal.parse(res.body.total);
    };
    const same = (a: string, b: Decimal) =>
      expect(Decimal.parse(a).toString()).toBe(b.toString());

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-ask-'));
      await fs.writeFile(path.join(dir, 'costs.csv'), costsCsv());
      ({ server } = await startTestBackend({
        features: [
          finopsPlugin,
          catalogServiceMock.factory({ entities: catalog }),
          permissions,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              finops: {
                sources: [
                  {
                    id: 'shop',
                    type: 'focus',
                    location: path.join(dir, 'costs.csv'),
                  },
                ],
                ingestion: { settleSeconds: 0 },
              },
            },
          }),
        ],
      }));
      const ingested = await request(server)
        .post('/api/finops/sources/shop/ingest')
        .set('Authorization', as('admin'));
      if (ingested.status !== 200)
        throw new Error(`ingestion failed: ${JSON.stringify(ingested.body)}`);
    });
    afterAll(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('answers what an entity cost with the figure its Costs tab shows, and where it comes from', async () => {
      const res = await ask({ question: 'What did shop-api cost this month?' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        question: 'What did shop-api cost this month?',
        intent: 'cost',
        supported: true,
        today: '2025-03-07',
        period: { from: '2025-03-01', to: '2025-03-07' },
      });
      const [figure] = res.body.figures;
      expect(figure).toMatchObject({
        entity: 'component:default/shop-api',
        currency: 'USD',
      });
      same(
        figure.amount,
        await viewTotal(
          'component:default/shop-api',
          '2025-03-01',
          '2025-03-07',
        ),
      );
      expect(figure.amount).toBe('33');
      expect(res.body.answer).toContain('$33.00');
      expect(res.body.lineage).toMatchObject({
        measure: 'EffectiveCost',
        attributionRunId: expect.any(String),
        scope: { entityRef: 'component:default/shop-api', hiddenMembers: 0 },
        query: { intent: 'cost', entityRef: 'component:default/shop-api' },
      });
      expect(res.body.lineage.evidence[0].href).toMatch(
        /^\/api\/finops\/explain\?resourceId=/,
      );
      expect(res.body.freshness).toEqual([
        expect.objectContaining({ sourceId: 'shop', lastDay: '2025-03-07' }),
      ]);
    });

    it("explains a spike asked on an entity's page with the days its Costs tab shows", async () => {
      const res = await ask({
        question: 'Why did the costs spike?',
        entityRef: 'system:default/store',
      });
      expect(res.status).toBe(200);
      expect(res.body.intent).toBe('change');
      expect(res.body.period).toEqual({
        from: '2025-03-07',
        to: '2025-03-07',
      });
      const spikeDay = await viewTotal(
        'system:default/store',
        '2025-03-07',
        '2025-03-07',
      );
      const dayBefore = await viewTotal(
        'system:default/store',
        '2025-03-06',
        '2025-03-06',
      );
      const [onDay, before, change] = res.body.figures;
      same(onDay.amount, spikeDay);
      same(before.amount, dayBefore);
      same(change.amount, spikeDay.sub(dayBefore));
      expect(change.amount).toBe('19');
      expect(res.body.chart.highlight).toBe('2025-03-07');
      // the whole change is the shop API's: its function and its new cache
      expect(res.body.breakdown[0]).toMatchObject({
        key: 'component:default/shop-api',
        change: '19',
      });
    });

    it("reads 'we' as the asker's team from its catalog membership", async () => {
      const res = await ask({ question: 'What did we spend yesterday?' });
      expect(res.status).toBe(200);
      expect(res.body.figures[0].entity).toBe('group:default/shop-team');
      same(
        res.body.figures[0].amount,
        await viewTotal('group:default/shop-team', '2025-03-06', '2025-03-06'),
      );
    });

    it('answers an unsupported question honestly, with questions it can answer', async () => {
      const res = await ask({
        question: 'Will it rain in Lisbon tomorrow?',
        entityRef: 'component:default/shop-api',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        supported: false,
        intent: 'unsupported',
        figures: [],
        breakdown: [],
        lineage: null,
      });
      expect(res.body.answer).toMatch(/^I can't answer that yet\./);
      expect(res.body.suggestions.length).toBeGreaterThan(0);
      const typo = await ask({
        question: 'What did shpo-api cost this month?',
      });
      expect(typo.body.didYouMean).toEqual(['component:default/shop-api']);
    });

    it('refuses a restricted entity with the 403 its page gives, and unattributed cost to non-admins', async () => {
      const page = await get('/entities/component/default/vault/costs');
      expect(page.status).toBe(403);
      const onPage = await ask({
        question: 'What did this cost this month?',
        entityRef: 'component:default/vault',
      });
      expect(onPage.status).toBe(403);
      expect(onPage.body.error.message).toBe(page.body.error.message);
      const named = await ask({ question: 'What did vault cost this month?' });
      expect(named.status).toBe(403);
      expect(named.body.error.message).toBe(
        'You are not allowed to read the cost of component:default/vault',
      );
      expect(
        (await ask({ question: 'What is unattributed this month?' })).status,
      ).toBe(403);
      const admin = await ask(
        { question: 'What is unattributed this month?' },
        'admin',
      );
      expect(admin.status).toBe(200);
      expect(admin.body.figures[0].amount).toBe('10.5');
      // rankings leave out what the member may not read
      const top = await ask({
        question: 'Which components cost the most this month?',
      });
      expect(top.body.breakdown.map((b: any) => b.key)).not.toContain(
        'component:default/vault',
      );
    });

    it('turns away a bad body with a 400 that says what is wrong', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{}, /question Required/],
        [{ question: '   ' }, /question must not be empty/],
        [{ question: 'x'.repeat(501) }, /at most 500 characters/],
        [{ question: 42 }, /question Expected string/],
        [
          { question: 'What did this cost?', entityRef: 'vault' },
          /entityRef must be an entity ref/,
        ],
        [{ question: 'What did this cost?', extra: 1 }, /Unrecognized key/],
      ];
      for (const [body, message] of cases) {
        const res = await ask(body);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(message);
      }
      const missing = await ask({
        question: 'What did this cost?',
        entityRef: 'component:default/nobody',
      });
      expect(missing.status).toBe(404);
    });

    it('answers the actions with the same figures, with the caller’s permissions', async () => {
      const asked = await invoke('ask-costs', {
        question: 'What did this cost this month?',
        entityRef: 'component:default/shop-api',
      });
      expect(asked.status).toBe(200);
      expect(asked.body.output).toMatchObject({
        intent: 'cost',
        supported: true,
        figures: [expect.objectContaining({ amount: '33', currency: 'USD' })],
      });
      const direct = await ask({
        question: 'What did this cost this month?',
        entityRef: 'component:default/shop-api',
      });
      expect(asked.body.output).toEqual(direct.body);

      const cost = await invoke('get-entity-cost', {
        entityRef: 'component:default/shop-web',
        period: { from: '2025-03-01', to: '2025-03-06' },
        by: 'service',
      });
      expect(cost.status).toBe(200);
      same(
        cost.body.output.figures[0].amount,
        await viewTotal(
          'component:default/shop-web',
          '2025-03-01',
          '2025-03-06',
        ),
      );
      expect(cost.body.output.breakdown[0]).toMatchObject({
        key: 'Amazon Elastic Compute Cloud',
        amount: '61.5',
      });

      const change = await invoke('explain-cost-change', {
        entityRef: 'system:default/store',
        spike: true,
      });
      expect(change.status).toBe(200);
      expect(change.body.output.period).toEqual({
        from: '2025-03-07',
        to: '2025-03-07',
      });
      expect(change.body.output.figures.map((f: any) => f.amount)).toEqual([
        '31.25',
        '12.25',
        '19',
      ]);

      const drivers = await invoke('top-cost-drivers', {
        by: 'resource',
        limit: 2,
      });
      expect(drivers.status).toBe(200);
      expect(drivers.body.output.intent).toBe('top');
      // the two largest the member may read: the vault's database is left out
      expect(drivers.body.output.figures.map((f: any) => f.amount)).toEqual([
        '71.75',
        '30',
      ]);
      expect(drivers.body.output.breakdown[0]).toMatchObject({
        key: 'i-web',
        amount: '71.75',
      });

      const denied = await invoke('get-entity-cost', {
        entityRef: 'component:default/vault',
      });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'You are not allowed to read the cost of component:default/vault',
      );
      expect(
        (await invoke('get-entity-cost', { entityRef: 'vault' }, 'admin'))
          .status,
      ).toBe(200);
      const bad = await invoke('top-cost-drivers', { limit: 500 });
      expect(bad.status).toBe(400);
      const restricted = await invoke('ask-costs', {
        question: 'What did this cost?',
        entityRef: 'component:default/vault',
      });
      expect(restricted.status).toBe(403);
      const byName = await invoke('ask-costs', {
        question: 'What did this cost?',
        entityRef: 'shop-api',
      });
      expect(byName.status).toBe(400);
      expect(byName.body.error.message).toMatch(/kind:namespace\/name/);
    });

    it('lists the actions with described inputs for MCP clients', async () => {
      const res = await get('/.backstage/actions/v1/actions');
      expect(res.status).toBe(200);
      const actions = res.body.actions.filter((a: any) =>
        [
          'finops:ask-costs',
          'finops:get-entity-cost',
          'finops:explain-cost-change',
          'finops:top-cost-drivers',
        ].includes(a.id),
      );
      expect(actions).toHaveLength(4);
      for (const action of actions)
        expect(action.attributes).toEqual({
          readOnly: true,
          idempotent: true,
          destructive: false,
        });
      const askCosts = actions.find((a: any) => a.id === 'finops:ask-costs');
      expect(askCosts.schema.input.required).toEqual(['question']);
      expect(askCosts.schema.input.properties.question.description).toMatch(
        /spike/,
      );
    });
  },
);
