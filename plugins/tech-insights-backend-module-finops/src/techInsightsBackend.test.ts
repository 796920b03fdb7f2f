import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import techInsightsJsonRulesEngine from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
// the end-to-end test runs the finops backend next to Tech Insights
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import finopsBackend from '@costwise/plugin-finops-backend';
import { costwiseChecksConfig } from './checks';
import { COSTWISE_FACT_RETRIEVER_ID } from './costwiseFactRetriever';
import { techInsightsModuleFinops } from './module';

jest.setTimeout(120_000);

const entity = (
  kind: string,
  name: string,
  spec: object,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});
const service = (name: string, annotations: Record<string, string>) =>
  entity(
    'Component',
    name,
    { type: 'service', owner: 'group:default/shop-team', system: 'shop' },
    annotations,
  );

/**
 * A team and its system: a service with a unit metric, one without, one the
 * cost annotations do not map, one whose cost is restricted to its owners,
 * one the policy keeps Costwise from answering for, and a shared database.
 */
const catalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity(
    'System',
    'shop',
    { owner: 'group:default/shop-team' },
    { 'costwise.dev/unit-metric': 'requests per 1000' },
  ),
  service('cart', {
    'costwise.dev/tags': 'application=cart',
    'costwise.dev/unit-metric': 'requests per 1000',
  }),
  service('checkout', { 'costwise.dev/tags': 'application=checkout' }),
  service('unmapped', {}),
  service('vault', {
    'costwise.dev/tags': 'application=vault',
    'costwise.dev/cost-visibility': 'owners',
  }),
  service('forbidden', { 'costwise.dev/tags': 'application=forbidden' }),
  entity(
    'Resource',
    'shop-db',
    { type: 'database', owner: 'group:default/shop-team', system: 'shop' },
    {
      'costwise.dev/resource-ids': 'db-shop',
      'costwise.dev/shared-cost':
        'weights: component:default/cart=25, component:default/checkout=75',
    },
  ),
];

/** Every day of January to March 2025. */
const days = Array.from({ length: 90 }, (_, i) =>
  new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
);
const next = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);

/**
 * A FOCUS file: the cart's daily cost rises each month, the others' does
 * not; every resource is in use (no idle-resource recommendations).
 */
const costs = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ConsumedQuantity,ConsumedUnit,ProviderName,ServiceName,ResourceId,Tags',
  ...days.flatMap(day => {
    const row = (amount: string, product: string, id: string, app?: string) =>
      `1,USD,${day.slice(0, 8)}01,${day},${next(
        day,
      )},${amount},${amount},24,Hours,AWS,${product},${id},${
        app ? `"{""application"": ""${app}""}"` : '{}'
      }`;
    const cart = { '01': '10', '02': '12', '03': '15' }[day.slice(5, 7)]!;
    return [
      row(cart, 'Amazon EC2', 'i-cart', 'cart'),
      row('5', 'AWS Lambda', 'fn-checkout', 'checkout'),
      row('3', 'Amazon EC2', 'i-vault', 'vault'),
      row('2', 'Amazon EC2', 'i-forbidden', 'forbidden'),
      row('20', 'Amazon RDS', 'db-shop', undefined),
    ];
  }),
].join('\n');

const recommendations = [
  'RecommendationId,RecommendationCategory,RecommendationSubcategory,RecommendationDescription,EstimatedMonthlyCostImpact,Currency,ResourceId,ImplementationEffort,DataGeneratorName',
  'r-cart,Cost,Rightsizing,Downsize the cart instances,-40,USD,i-cart,Low,Acme tool',
  'r-checkout,Cost,Other,Trim the checkout function memory,-7.5,USD,fn-checkout,Low,Acme tool',
  'r-db,Cost,Rightsizing,Downsize the shop database,-100,USD,db-shop,Medium,Acme tool',
].join('\n');

/**
 * The policy: only the admin administers Costwise, and nobody (the
 * tech-insights plugin included) may read the cost of `forbidden`.
 */
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({
      authorize: async (requests: any[], { credentials }: any) =>
        requests.map(r => ({
          result:
            (r.permission.name === 'finops.admin' &&
              credentials.principal.userEntityRef !== 'user:default/admin') ||
            r.resourceRef === 'component:default/forbidden'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      authorizeConditional: async () => [],
    } as any),
});

/** Fails the set-up with what the backend answered. */
function setUp(done: boolean, step: string, answer: unknown) {
  if (!done)
    throw new Error(`Could not ${step}: ${JSON.stringify(answer, null, 2)}`);
}

/** Hands the test the scheduler the backend's plugins schedule on. */
let scheduler: SchedulerService;
const captureScheduler = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'test-scheduler',
  register(env) {
    env.registerInit({
      deps: { s: coreServices.scheduler },
      async init({ s }) {
        scheduler = s;
      },
    });
  },
});

describe('the Costwise facts and checks, through the Tech Insights backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let dir: string;
  const admin = mockCredentials.user.header('user:default/admin');
  const finops = (url: string) =>
    request(server).get(`/api/finops${url}`).set('Authorization', admin);
  const latestFacts = async (ref: string) => {
    const response = await request(server)
      .get('/api/tech-insights/facts/latest')
      .query({ entity: ref, 'ids[]': COSTWISE_FACT_RETRIEVER_ID })
      .set('Authorization', admin);
    expect(response.status).toBe(200);
    return response.body[COSTWISE_FACT_RETRIEVER_ID]?.facts;
  };
  const runChecks = async (kind: string, name: string) => {
    const response = await request(server)
      .post(`/api/tech-insights/checks/run/default/${kind}/${name}`)
      .set('Authorization', admin)
      .send({});
    expect(response.status).toBe(200);
    return Object.fromEntries(
      response.body.map((r: any) => [r.check.id, r.result]),
    );
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-tech-insights-'));
    await fs.writeFile(path.join(dir, 'costs.csv'), costs);
    await fs.writeFile(path.join(dir, 'recs.csv'), recommendations);
    ({ server } = await startTestBackend({
      features: [
        techInsightsBackend,
        techInsightsJsonRulesEngine,
        techInsightsModuleFinops,
        captureScheduler,
        finopsBackend,
        catalogServiceMock.factory({ entities: catalog }),
        permissions,
        mockServices.rootConfig.factory({
          data: {
            techInsights: {
              factRetrievers: {
                [COSTWISE_FACT_RETRIEVER_ID]: { cadence: '0 3 * * *' },
              },
              factChecker: {
                checks: costwiseChecksConfig() as unknown as JsonObject,
              },
            },
            finops: {
              sources: [
                {
                  id: 'shop',
                  type: 'focus',
                  location: path.join(dir, 'costs.csv'),
                },
              ],
              recommendations: {
                sources: [{ id: 'acme', location: path.join(dir, 'recs.csv') }],
              },
              ingestion: { settleSeconds: 0 },
            },
          },
        }),
      ],
    }));

    const ingest = await request(server)
      .post('/api/finops/sources/shop/ingest')
      .set('Authorization', admin);
    setUp(ingest.body.status === 'succeeded', 'ingest the costs', ingest.body);
    const metrics = await request(server)
      .post('/api/finops/metrics')
      .set('Authorization', admin)
      .send({
        points: days.map(date => ({
          entity: 'component:default/cart',
          metric: 'requests',
          date,
          value: 100_000,
        })),
      });
    setUp(
      metrics.body.stored === days.length,
      'store the metrics',
      metrics.body,
    );
    // owners follow the attribution the ingestion ends with
    const cartRecommendation = async () =>
      (
        await finops('/entities/component/default/cart/recommendations')
      ).body.items?.find((r: any) => r.recommendationId === 'r-cart');
    for (let i = 0; i < 60 && !(await cartRecommendation()); i++)
      await new Promise(resolve => setTimeout(resolve, 500));
    const implemented = await request(server)
      .post(
        `/api/finops/recommendations/${(await cartRecommendation()).id}/status`,
      )
      .set('Authorization', admin)
      .send({ status: 'implemented' });
    setUp(
      implemented.status === 200,
      'implement the recommendation',
      implemented.body,
    );

    await scheduler.triggerTask(COSTWISE_FACT_RETRIEVER_ID);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** The facts an entity should have, from the Costwise API's figures. */
  async function figuresOf(kind: string, name: string) {
    const base = `/entities/${kind}/default/${name}`;
    const summary = (await finops(`${base}/summary`)).body;
    // the 3 months up to the last day with data, 2025-03-31
    const unit = (
      await finops(
        `${base}/unit-cost?granularity=month&from=2025-01-01&to=${summary.asOf}`,
      )
    ).body;
    const recs = (await finops(`${base}/recommendations`)).body;
    return { summary, unit, recs };
  }

  it('stores the facts of each component and resource, equal to the Costwise API figures', async () => {
    const cart = await figuresOf('component', 'cart');
    expect(cart.summary.asOf).toBe('2025-03-31');
    expect(await latestFacts('component:default/cart')).toEqual({
      hasCostMapping: true,
      hasUnitMetric: true,
      explicitCoverage: cart.summary.confidence.explicitShare,
      unitCostTrend: cart.unit.trend.ratio,
      openRecommendations: cart.recs.open.count,
      openRecommendationSavings: Number(cart.recs.open.monthlySavings),
      recommendationsActioned: cart.recs.kpis.actionedRate,
    });
    // the figures themselves: tags and the shared database map all of it,
    // the unit cost rose each month on the same requests, the database's
    // recommendation is open and the cart's own was implemented
    expect(cart.summary.confidence.explicitShare).toBe(1);
    expect(cart.unit.series.map((p: any) => p.unitCost)).toEqual([
      '0.150000',
      '0.170000',
      '0.200000',
    ]);
    expect(cart.unit.trend.ratio).toBeCloseTo(0.3371, 4);
    expect(cart.recs.open).toEqual({ count: 1, monthlySavings: '100.00' });
    expect(cart.recs.kpis.actionedRate).toBe(0.5);

    const checkout = await figuresOf('component', 'checkout');
    expect(await latestFacts('component:default/checkout')).toEqual({
      hasCostMapping: true,
      hasUnitMetric: false,
      explicitCoverage: checkout.summary.confidence.explicitShare,
      openRecommendations: checkout.recs.open.count,
      openRecommendationSavings: Number(checkout.recs.open.monthlySavings),
      recommendationsActioned: checkout.recs.kpis.actionedRate,
    });
    expect(checkout.recs.open).toEqual({ count: 2, monthlySavings: '107.50' });
    expect(checkout.recs.kpis.actionedRate).toBe(0);

    const db = await figuresOf('resource', 'shop-db');
    expect(await latestFacts('resource:default/shop-db')).toEqual({
      hasCostMapping: true,
      hasUnitMetric: false,
      openRecommendations: db.recs.open.count,
      openRecommendationSavings: Number(db.recs.open.monthlySavings),
      recommendationsActioned: db.recs.kpis.actionedRate,
    });
    expect(db.recs.open).toEqual({ count: 1, monthlySavings: '100.00' });
  });

  it('leaves out the figures Costwise has none for', async () => {
    // a shared database passes all its cost on to its consumers: it has no
    // cost of its own to cover (the API's explicitShare is 0)
    const db = await figuresOf('resource', 'shop-db');
    expect(db.summary.confidence).toEqual(
      expect.objectContaining({ byMethod: {}, explicitShare: 0 }),
    );
    expect(await latestFacts('resource:default/shop-db')).not.toHaveProperty(
      'explicitCoverage',
    );
    // no cost and no recommendations: nothing to cover, nothing actioned
    const unmapped = await figuresOf('component', 'unmapped');
    expect(unmapped.summary.confidence.byMethod).toEqual({});
    expect(unmapped.recs.kpis.actionedRate).toBeNull();
    expect(await latestFacts('component:default/unmapped')).toEqual({
      hasCostMapping: false,
      hasUnitMetric: false,
      openRecommendations: 0,
      openRecommendationSavings: 0,
    });
  });

  it("publishes a system's rollup and a team's scorecard KPIs", async () => {
    const shop = await figuresOf('system', 'shop');
    expect(await latestFacts('system:default/shop')).toEqual({
      hasCostMapping: false,
      hasUnitMetric: true,
      explicitCoverage: shop.summary.confidence.explicitShare,
      unitCostTrend: shop.unit.trend.ratio,
      openRecommendations: shop.recs.open.count,
      openRecommendationSavings: Number(shop.recs.open.monthlySavings),
      recommendationsActioned: shop.recs.kpis.actionedRate,
    });
    expect(shop.summary.hiddenMembers?.count).toBe(1);

    const team = await figuresOf('group', 'shop-team');
    const scorecard = (
      await finops('/entities/group/default/shop-team/scorecard')
    ).body;
    const kpi = (id: string) =>
      scorecard.kpis.find((k: any) => k.id === id).value ?? undefined;
    const facts = await latestFacts('group:default/shop-team');
    // (toEqual takes a key whose value is undefined for an absent one)
    expect(facts).toEqual({
      hasCostMapping: false,
      hasUnitMetric: false,
      explicitCoverage: kpi('explicit-coverage'),
      unitCostTrend: kpi('unit-cost-trend'),
      openRecommendations: team.recs.open.count,
      openRecommendationSavings: Number(team.recs.open.monthlySavings),
      recommendationsActioned: kpi('recommendations-actioned'),
    });
    // the scorecard's month is the data's last, March 2025: the
    // recommendations, first seen today, are not among its 12 months
    expect(facts.explicitCoverage).toBe(1);
    expect(facts).not.toHaveProperty('recommendationsActioned');
  });

  it('skips an entity Costwise refuses, and publishes no cost figures of a restricted one', async () => {
    expect(
      (await finops('/entities/component/default/forbidden/summary')).status,
    ).toBe(403);
    expect(await latestFacts('component:default/forbidden')).toBeUndefined();
    expect(await latestFacts('component:default/vault')).toEqual({
      hasCostMapping: true,
      hasUnitMetric: false,
    });
  });

  it('runs the checks on the facts, per entity', async () => {
    expect(await runChecks('component', 'cart')).toEqual({
      'costwise-has-cost-mapping': true,
      'costwise-explicit-coverage': true,
      'costwise-recommendations-actioned': true,
      'costwise-unit-cost-trend': false,
    });
    expect(await runChecks('component', 'checkout')).toEqual({
      'costwise-has-cost-mapping': true,
      'costwise-explicit-coverage': true,
      'costwise-recommendations-actioned': false,
    });
    expect(await runChecks('component', 'unmapped')).toEqual({
      'costwise-has-cost-mapping': false,
    });
    expect(await runChecks('resource', 'shop-db')).toEqual({
      'costwise-has-cost-mapping': true,
      'costwise-recommendations-actioned': false,
    });
    expect(await runChecks('system', 'shop')).toEqual({
      'costwise-has-unit-metric': true,
      'costwise-explicit-coverage': true,
      'costwise-recommendations-actioned': false,
      'costwise-unit-cost-trend': false,
    });
    expect(await runChecks('group', 'shop-team')).toEqual({
      'costwise-explicit-coverage': true,
    });
    // no facts, no checks
    expect(await runChecks('component', 'forbidden')).toEqual({});
    const checks = await request(server)
      .get('/api/tech-insights/checks')
      .set('Authorization', admin);
    expect(checks.body.map((c: any) => c.id).sort()).toEqual(
      Object.keys(costwiseChecksConfig()).sort(),
    );
  });
});
