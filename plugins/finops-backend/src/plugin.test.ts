import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { attributionSignalsExtensionPoint } from '@costwise/plugin-finops-node';
import { finopsPlugin } from './plugin';
import { permissionsFactory } from './__testUtils__/permissions';

jest.setTimeout(60_000);

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/shop-team',
    system: 'shop',
    dependsOn: ['resource:default/shop-db'],
  },
});

/** One team, its system, two services sharing a database, and a component no annotation maps. */
const catalog: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'shop-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'group:default/shop-team' },
  },
  component('cart', { 'costwise.dev/tags': 'application=cart' }),
  component('checkout', { 'costwise.dev/tags': 'application=checkout' }),
  component('unmapped'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'shop-db',
      namespace: 'default',
      annotations: {
        'costwise.dev/resource-ids': 'db-shop-*',
        'costwise.dev/shared-cost':
          'weights: component:default/cart=25, component:default/checkout=75',
      },
    },
    spec: {
      type: 'database',
      owner: 'group:default/shop-team',
      system: 'shop',
    },
  },
];

const costs = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,10.10,10.10,AWS,Amazon EC2,i-cart,"{""application"": ""cart""}"',
  '1,USD,2025-03-01,2025-03-11,2025-03-12,20.20,20.20,AWS,Amazon EC2,i-cart,"{""application"": ""cart""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,5.05,5.05,AWS,AWS Lambda,fn-checkout,"{""application"": ""checkout""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,100,100,AWS,Amazon RDS,db-shop-1,{}',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,7,7,AWS,Amazon S3,bucket-nobody,{}',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,oops,1,AWS,Amazon S3,bucket-nobody,{}',
].join('\n');

/** A module's signal: claims the bucket no annotation maps for `unmapped`. */
const bucketSignal = createBackendModule({
  pluginId: 'finops',
  moduleId: 'test-bucket-owners',
  register(env) {
    env.registerInit({
      deps: { signals: attributionSignalsExtensionPoint },
      async init({ signals }) {
        signals.addSignal({
          id: 'bucket-owners',
          level: 'resource-id',
          match: group =>
            group.resourceId === 'bucket-nobody'
              ? [
                  {
                    entityRef: 'component:default/unmapped',
                    specificity: 1,
                    selector: 'bucket-owners table',
                    matched: { resourceId: group.resourceId },
                  },
                ]
              : [],
        });
      },
    });
  },
});

/**
 * Permissions as a policy would decide them: the user `user:default/viewer`
 * may not read checkout's cost and is no admin; everyone else may do all.
 */
const permissions = permissionsFactory(
  ({ user, permission, resourceRef }) =>
    !(
      user === 'user:default/viewer' &&
      (permission === 'finops.admin' ||
        resourceRef === 'component:default/checkout')
    ),
);

describe('the finops backend plugin, end to end', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let dir: string;
  const admin = mockCredentials.user.header('user:default/admin');
  const viewer = mockCredentials.user.header('user:default/viewer');
  const get = (url: string, as = admin) =>
    request(server).get(`/api/finops${url}`).set('Authorization', as);

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-plugin-'));
    const file = path.join(dir, 'costs.csv');
    await fs.writeFile(file, costs);
    ({ server } = await startTestBackend({
      features: [
        finopsPlugin,
        bucketSignal,
        catalogServiceMock.factory({ entities: catalog }),
        permissions,
        mockServices.rootConfig.factory({
          data: {
            finops: {
              sources: [{ id: 'shop', type: 'focus', location: file }],
              // the file was written a moment ago
              ingestion: { settleSeconds: 0 },
            },
          },
        }),
      ],
    }));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('answers its health route without credentials', async () => {
    const response = await request(server).get('/api/finops/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('ingests a source when an admin asks, and answers with the run once stored and attributed', async () => {
    const response = await request(server)
      .post('/api/finops/sources/shop/ingest')
      .set('Authorization', admin);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        sourceId: 'shop',
        status: 'succeeded',
        rows: 6,
        accepted: 5,
        rejected: 1,
      }),
    );
    expect(response.body.storedTotals).toEqual(response.body.totals);
    expect(response.body.rejections[0]).toEqual(
      expect.objectContaining({ line: 7 }),
    );

    const runs = await get('/ingestions?source=shop');
    expect(runs.body.items[0].id).toBeDefined();
    const byId = await get(`/ingestions/${response.body.id}`);
    expect(byId.body.rejected).toBe(1);
    expect((await get('/ingestions/nope')).status).toBe(404);
    expect((await get('/ingestions?limit=0')).status).toBe(400);
    const sources = await get('/sources');
    expect(sources.body.items).toEqual([
      expect.objectContaining({ id: 'shop', billingPeriods: ['2025-03'] }),
    ]);
  });

  it("attributes through annotations, shared cost and a module's signal, exactly", async () => {
    const range = 'from=2025-03-01&to=2025-03-31';
    const cart = await get(
      `/entities/component/default/cart/costs?${range}&groupBy=method`,
    );
    expect(cart.status).toBe(200);
    // cart: 10.10 + 20.20 by tags, plus 25% of the shared 100
    expect(cart.body.total).toBe('55.3');
    const unmapped = await get(
      `/entities/component/default/unmapped/resources?${range}`,
    );
    expect(unmapped.body.total).toBe('7');
    expect(unmapped.body.items[0].evidence).toEqual(
      expect.objectContaining({
        method: 'resource-id',
        annotation: 'signal:bucket-owners',
      }),
    );
    const team = await get(
      `/entities/group/default/shop-team/costs?${range}&groupBy=child`,
    );
    expect(team.body.total).toBe('142.35');
    const coverage = await get('/coverage');
    expect(coverage.body.currencies.USD).toEqual(
      expect.objectContaining({ total: '142.35', unattributed: '0' }),
    );
    const summary = await get('/entities/system/default/shop/summary');
    expect(summary.body.lastMonth).toBeDefined();
  });

  it("keeps an entity's cost and the admin routes from those the policy denies", async () => {
    const denied = await get(
      '/entities/component/default/checkout/summary',
      viewer,
    );
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.body)).not.toMatch(/80\.05/);
    const system = await get(
      '/entities/system/default/shop/costs?from=2025-03-01&to=2025-03-31&groupBy=child',
      viewer,
    );
    expect(system.body.hiddenMembers.count).toBe(1);
    expect(JSON.stringify(system.body)).not.toMatch(/80\.05/);
    for (const url of ['/coverage', '/ingestions', '/overrides', '/sources'])
      expect((await get(url, viewer)).status).toBe(403);
    expect(
      (await get('/ingestions', mockCredentials.none.header())).status,
    ).toBe(401);
  });
});
