import { createBackendModule } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { RecommendationProviderContext } from '@costwise/plugin-finops-node';
import { recommendationProvidersExtensionPoint } from '@costwise/plugin-finops-node';
import {
  entity,
  finopsTestBackend,
  recordingSignals,
  routeTestDatabases,
} from './__testUtils__/backend';
import { permissionsFactory } from './__testUtils__/permissions';

jest.setTimeout(120_000);

const databases = routeTestDatabases();

/** A team's system of two services sharing a database, and another team's service in it. */
const catalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity('Group', 'pay-team', { type: 'team', children: [] }),
  entity('System', 'shop', { owner: 'group:default/shop-team' }),
  entity(
    'Component',
    'cart',
    { type: 'service', owner: 'group:default/shop-team', system: 'shop' },
    { 'costwise.dev/tags': 'application=cart' },
  ),
  entity(
    'Component',
    'payments',
    { type: 'service', owner: 'group:default/pay-team', system: 'shop' },
    { 'costwise.dev/tags': 'application=payments' },
  ),
  entity(
    'Resource',
    'shop-db',
    { type: 'database', owner: 'group:default/shop-team', system: 'shop' },
    {
      'costwise.dev/resource-ids': 'db-shop',
      'costwise.dev/shared-cost':
        'weights: component:default/cart=25, component:default/payments=75',
    },
  ),
];

const costs = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,10,10,AWS,Amazon EC2,i-cart,"{""application"": ""cart""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,20,20,AWS,Amazon EC2,i-pay,"{""application"": ""payments""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,100,100,AWS,Amazon RDS,db-shop,{}',
].join('\n');

const HEADER =
  'RecommendationId,RecommendationCategory,RecommendationSubcategory,RecommendationDescription,EstimatedMonthlyCostImpact,Currency,ResourceId,ImplementationEffort,DataGeneratorName';
const recommendations = [
  HEADER,
  'r-cart,Cost,Rightsizing,Downsize the cart instances,-40,USD,i-cart,Low,Acme tool',
  'r-pay,Cost,Idle Resource Removal,Stop the idle payments box,-80,USD,i-pay,Very Low,Acme tool',
  'r-db,Cost,Rightsizing,Downsize the shop database,-100,USD,db-shop,Medium,Acme tool',
  'r-none,Cost,Other,Delete the orphan bucket,-5,USD,bucket-orphan,Low,Acme tool',
  'r-bad,Cost,Rightsizing,A bad amount,lots,USD,i-cart,Low,Acme tool',
].join('\n');

/**
 * Permissions as the demo policy decides them, for three users: a member of
 * the shop team (updates what its team owns), a member of the pay team
 * (who may not read the cart's cost) and an admin.
 */
const shopOwned = [
  'component:default/cart',
  'resource:default/shop-db',
  'system:default/shop',
];
const permissions = permissionsFactory(({ user, permission, resourceRef }) => {
  if (permission === 'finops.admin') return user === 'user:default/admin';
  if (permission === 'finops.cost.update')
    return (
      user === 'user:default/admin' ||
      (user === 'user:default/shopper' && shopOwned.includes(resourceRef!)) ||
      (user === 'user:default/payer' &&
        resourceRef === 'component:default/payments')
    );
  return !(
    user === 'user:default/payer' && resourceRef === 'component:default/cart'
  );
});

/** What the plugin signalled to open tabs. */
const { published: signalled, factory: signals } = recordingSignals();

describe.each(databases.eachSupportedId())(
  'recommendation routes on %p',
  databaseId => {
    const backend = finopsTestBackend();
    const { get, post } = backend;
    const idOf = async (recommendationId: string) => {
      const list = await get('/entities/system/default/shop/recommendations');
      return list.body.items.find(
        (r: any) => r.recommendationId === recommendationId,
      )?.id as string;
    };

    beforeAll(async () => {
      await backend.start({
        databases,
        databaseId,
        catalog,
        files: { 'costs.csv': costs, 'recs.csv': recommendations },
        features: [permissions, signals],
        finops: at => ({
          sources: [{ id: 'shop', type: 'focus', location: at('costs.csv') }],
          recommendations: {
            sources: [{ id: 'acme', location: at('recs.csv') }],
          },
          ingestion: { settleSeconds: 0 },
        }),
      });
      // owners follow the attribution that the ingestion ends with
      await post('/sources/shop/ingest');
      const ownerOfDb = async () => {
        const list = await get('/entities/system/default/shop/recommendations');
        return list.body.items?.find((r: any) => r.recommendationId === 'r-db')
          ?.owner;
      };
      for (
        let i = 0;
        i < 60 && (await ownerOfDb()) !== 'resource:default/shop-db';
        i++
      )
        await new Promise(resolve => setTimeout(resolve, 500));
    });
    afterAll(() => backend.stop());

    it("lists an entity's recommendations, a shared database's on its consumers, with the KPIs", async () => {
      const cart = await get(
        '/entities/component/default/cart/recommendations',
        'shopper',
      );
      expect(cart.status).toBe(200);
      expect(
        cart.body.items.map((r: any) => [r.recommendationId, r.owner]),
      ).toEqual([
        ['r-db', 'resource:default/shop-db'],
        ['r-cart', 'component:default/cart'],
      ]);
      const db = cart.body.items[0];
      expect(db.sharedWith).toEqual([
        {
          entityRef: 'component:default/payments',
          share: 0.75,
          estimatedMonthlySavings: '75.00',
        },
        {
          entityRef: 'component:default/cart',
          share: 0.25,
          estimatedMonthlySavings: '25.00',
        },
      ]);
      expect(cart.body.open).toEqual({ count: 2, monthlySavings: '140.00' });
      expect(cart.body.canUpdate).toBe(true);
      expect(cart.body.kpis).toEqual(
        expect.objectContaining({ opened: 2, implemented: 0 }),
      );
    });

    it('keeps a member the caller may not read out of a rollup, and says so', async () => {
      const shop = await get(
        '/entities/system/default/shop/recommendations',
        'payer',
      );
      expect(shop.status).toBe(200);
      const ids = shop.body.items.map((r: any) => r.recommendationId);
      expect(ids).not.toContain('r-cart');
      expect(ids).toEqual(expect.arrayContaining(['r-pay', 'r-db']));
      expect(shop.body.hiddenMembers.count).toBe(1);
      const cartId = await idOf('r-cart');
      expect((await get(`/recommendations/${cartId}`, 'payer')).status).toBe(
        403,
      );
      // the shared database's saving is shown whole, but cart's part is not named
      const db = shop.body.items.find(
        (r: any) => r.recommendationId === 'r-db',
      );
      const expected = {
        estimatedMonthlySavings: '100',
        sharedWith: [
          {
            entityRef: 'component:default/payments',
            share: 0.75,
            estimatedMonthlySavings: '75.00',
          },
        ],
        hiddenSharedWith: 1,
      };
      expect(db).toMatchObject(expected);
      expect(JSON.stringify(shop.body)).not.toContain('component:default/cart');
      const detail = await get(`/recommendations/${db.id}`, 'payer');
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject(expected);
      expect(JSON.stringify(detail.body)).not.toContain(
        'component:default/cart',
      );
      // a caller who may read every sharer sees them all
      const full = await get(`/recommendations/${db.id}`, 'shopper');
      expect(full.body.sharedWith).toHaveLength(2);
      expect(full.body.hiddenSharedWith).toBeUndefined();
    });

    it('lets an owner change the status, with a history, and refuses others', async () => {
      const cartId = await idOf('r-cart');
      const payId = await idOf('r-pay');
      const refused = await post(
        `/recommendations/${payId}/status`,
        { status: 'acknowledged' },
        'shopper',
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/finops.cost.update/);
      const noReason = await post(
        `/recommendations/${cartId}/status`,
        { status: 'dismissed' },
        'shopper',
      );
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toMatch(/needs a reason/);
      const dismissed = await post(
        `/recommendations/${cartId}/status`,
        { status: 'dismissed', reason: 'other', note: 'already planned' },
        'shopper',
      );
      expect(dismissed.status).toBe(200);
      expect(dismissed.body).toEqual(
        expect.objectContaining({
          status: 'dismissed',
          dismissReason: 'other',
          statusNote: 'already planned',
          canUpdate: true,
        }),
      );
      expect(
        dismissed.body.events.map((e: any) => [e.from, e.to, e.actor]),
      ).toEqual([
        [null, 'open', 'costwise'],
        ['open', 'dismissed', 'user:default/shopper'],
      ]);
      // open tabs refresh; the broadcast names the recommendation alone,
      // never the entities that share it, its status or its saving
      expect(signalled.at(-1)).toEqual({
        recipients: { type: 'broadcast' },
        channel: 'finops:recommendations',
        message: { id: cartId },
      });
      const implemented = await post(
        `/recommendations/${payId}/status`,
        { status: 'implemented' },
        'payer',
      );
      expect(implemented.status).toBe(200);
      expect(implemented.body.verification.status).toBe('pending');
      const shop = await get('/entities/system/default/shop/recommendations');
      expect(shop.body.kpis).toEqual(
        expect.objectContaining({
          opened: 3,
          implemented: 1,
          actionedRate: 1 / 3,
        }),
      );
      expect(
        (await post(`/recommendations/${cartId}/status`, { status: 'nope' }))
          .status,
      ).toBe(400);
      expect(
        (
          await post('/recommendations/rec_00000000000000000000/status', {
            status: 'open',
          })
        ).status,
      ).toBe(404);
    });

    it('gives admins the unowned queue and the organization KPIs, and no one else', async () => {
      const unowned = await get('/recommendations/unowned');
      expect(unowned.status).toBe(200);
      expect(unowned.body.items.map((r: any) => r.recommendationId)).toEqual([
        'r-none',
      ]);
      expect((await get('/recommendations/unowned', 'shopper')).status).toBe(
        403,
      );
      expect((await get('/recommendations/kpis')).body.opened).toBe(4);
      expect((await get('/recommendations/kpis', 'payer')).status).toBe(403);
    });
  },
);

/** What the module's provider was asked. */
const asked: RecommendationProviderContext[] = [];

/** A module that adds a provider (an API pull, say) through the extension point. */
const acmeRecommendations = createBackendModule({
  pluginId: 'finops',
  moduleId: 'test-acme-recommendations',
  register(env) {
    env.registerInit({
      deps: { providers: recommendationProvidersExtensionPoint },
      async init({ providers }) {
        providers.addRecommendationProvider({
          id: 'acme-api',
          title: 'Acme recommendations API',
          async run(context) {
            asked.push(context);
            return {
              rows: [
                {
                  RecommendationId: 'acme-1',
                  RecommendationCategory: 'Cost',
                  RecommendationSubcategory: 'Idle Resource Removal',
                  RecommendationDescription: 'Stop the idle payments box',
                  EstimatedMonthlyCostImpact: '-12.50',
                  Currency: 'USD',
                  DataGeneratorName: 'Acme API',
                  ResourceId: 'i-pay',
                },
              ],
            };
          },
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())(
  "a module's recommendation provider on %p",
  databaseId => {
    const backend = finopsTestBackend();
    beforeAll(async () => {
      await backend.start({
        databases,
        databaseId,
        catalog,
        files: { 'costs.csv': costs },
        features: [acmeRecommendations as any],
        finops: at => ({
          sources: [{ id: 'shop', type: 'focus', location: at('costs.csv') }],
          ingestion: { settleSeconds: 0 },
        }),
      });
    });
    afterAll(() => backend.stop());

    it('runs it after each ingestion, and its recommendations are owned and listed like imported ones', async () => {
      // the providers run in a listener of the attribution run that the
      // ingestion waits for
      await backend.post('/sources/shop/ingest');
      const found = (
        await backend.get(
          '/entities/component/default/payments/recommendations',
        )
      ).body.items?.find((r: any) => r.source === 'acme-api');
      expect(found).toMatchObject({
        recommendationId: 'acme-1',
        owner: 'component:default/payments',
        estimatedMonthlySavings: '12.5',
        subcategory: 'Idle Resource Removal',
        status: 'open',
      });
      expect(asked[0]).toEqual({ asOf: '2025-03-10', currency: 'USD' });
    });
  },
);
