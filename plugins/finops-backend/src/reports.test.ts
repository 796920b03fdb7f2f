import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Decimal } from '@costwise/plugin-finops-common';
import { finopsPlugin } from './plugin';
import { permissionsFactory } from './__testUtils__/permissions';

jest.setTimeout(60_000);

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

/** A department with a sub-team, each owning a service, and a system across both. */
const catalog: Entity[] = [
  entity('Group', 'platform', { type: 'department', children: ['web-team'] }),
  entity('Group', 'web-team', {
    type: 'team',
    parent: 'platform',
    children: [],
  }),
  entity('System', 'shop', { owner: 'web-team' }),
  entity(
    'Component',
    'shop-web',
    { type: 'website', owner: 'web-team', system: 'shop' },
    { 'costwise.dev/tags': 'application=web' },
  ),
  entity(
    'Component',
    'build-runner',
    { type: 'service', owner: 'platform', system: 'shop' },
    { 'costwise.dev/tags': 'application=build' },
  ),
  entity(
    'Component',
    'secret-job',
    { type: 'service', owner: 'platform' },
    { 'costwise.dev/tags': 'application=secret' },
  ),
];

const costs = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,ChargeCategory,Tags',
  '1,USD,2025-03-01,2025-03-01,2025-03-02,10.25,10.25,AWS,Amazon EC2,i-web,Usage,"{""application"": ""web""}"',
  '1,USD,2025-03-01,2025-03-02,2025-03-03,-1.125,-1.125,AWS,Amazon EC2,i-web,Credit,"{""application"": ""web""}"',
  '1,USD,2025-03-01,2025-03-02,2025-03-03,4.000000000001,4.000000000001,AWS,AWS CodeBuild,cb-1,Usage,"{""application"": ""build""}"',
  '1,USD,2025-03-01,2025-03-02,2025-03-03,2.5,2.5,AWS,AWS Batch,job-1,Usage,"{""application"": ""secret""}"',
  '1,USD,2025-03-01,2025-03-03,2025-03-04,0.8,0.8,AWS,Tax,,Tax,{}',
  '2,EUR,2025-03-01,2025-03-03,2025-03-04,7.7,7.7,Microsoft,Virtual Machines,vm-web,Usage,"{""application"": ""web""}"',
  '2,EUR,2025-03-01,2025-03-03,2025-03-04,1.1,1.1,Microsoft,Tax,,Tax,{}',
].join('\n');

/** `user:default/viewer` is no admin and may not read secret-job's cost; everyone else may do all. */
const permissions = permissionsFactory(
  ({ user, permission, resourceRef }) =>
    !(
      user === 'user:default/viewer' &&
      (permission === 'finops.admin' ||
        resourceRef === 'component:default/secret-job')
    ),
);

describe('the report routes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let dir: string;
  const admin = mockCredentials.user.header('user:default/admin');
  const viewer = mockCredentials.user.header('user:default/viewer');
  const get = (url: string, as = admin) =>
    request(server).get(`/api/finops${url}`).set('Authorization', as);

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-reports-'));
    const file = path.join(dir, 'costs.csv');
    await fs.writeFile(file, costs);
    ({ server } = await startTestBackend({
      features: [
        finopsPlugin,
        catalogServiceMock.factory({ entities: catalog }),
        permissions,
        mockServices.rootConfig.factory({
          data: {
            finops: {
              sources: [{ id: 'shop', type: 'focus', location: file }],
              ingestion: { settleSeconds: 0 },
            },
          },
        }),
      ],
    }));
    const ingested = await request(server)
      .post('/api/finops/sources/shop/ingest')
      .set('Authorization', admin);
    if (ingested.status !== 200 || ingested.body.rejected !== 0)
      throw new Error(`the fixture was not ingested: ${ingested.text}`);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("answers admins every team's statements, reconciling to the last digit, and no one else", async () => {
    const response = await get('/reports/showback?month=2025-03');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual([
      'month',
      'measure',
      'teams',
      'unattributed',
      'ingested',
    ]);
    expect(
      response.body.teams.map((t: any) => [t.team, t.currency, t.total]),
    ).toEqual([
      ['group:default/platform', 'USD', '6.500000000001'],
      ['group:default/web-team', 'EUR', '7.7'],
      ['group:default/web-team', 'USD', '9.125'],
    ]);
    expect(response.body.unattributed).toEqual({ EUR: '1.1', USD: '0.8' });
    expect(response.body.ingested).toEqual({
      EUR: '8.8',
      USD: '16.425000000001',
    });
    for (const [currency, ingested] of Object.entries<string>(
      response.body.ingested,
    ))
      expect(
        Decimal.sum(
          response.body.teams
            .filter((t: any) => t.currency === currency)
            .map((t: any) => Decimal.parse(t.total)),
        )
          .add(Decimal.parse(response.body.unattributed[currency]))
          .toString(),
      ).toBe(ingested);

    const denied = await get('/reports/showback?month=2025-03', viewer);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/finops\.admin/);
    expect(
      (await get('/reports/showback.csv?month=2025-03', viewer)).status,
    ).toBe(403);
    expect((await get('/reports/focus.csv?month=2025-03', viewer)).status).toBe(
      403,
    );
  });

  it('refuses a month that is not one', async () => {
    for (const query of ['month=2025-13', 'month=march', ''])
      expect((await get(`/reports/showback?${query}`)).status).toBe(400);
    expect(
      (await get('/reports/showback?month=2025-03&measure=Cheapest')).status,
    ).toBe(400);
  });

  it('serves the statements and the FOCUS-shaped export as CSV files', async () => {
    const csv = await get('/reports/showback.csv?month=2025-03');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="showback-2025-03.csv"',
    );
    expect(csv.text.split('\r\n')[0]).toBe(
      'team,system,entity,service,method,currency,amount',
    );
    const focus = await get(
      '/reports/focus.csv?month=2025-03&measure=BilledCost',
    );
    expect(focus.status).toBe(200);
    expect(focus.headers['content-disposition']).toMatch(/^attachment;/);
    const [header, ...rows] = focus.text
      .trim()
      .split('\r\n')
      .map(l => l.split(','));
    expect(header).toContain('BilledCost');
    expect(header).toContain('x_CostwiseOwner');
    const usd = rows.filter(
      r => r[header.indexOf('BillingCurrency')] === 'USD',
    );
    expect(
      Decimal.sum(
        usd.map(r => Decimal.parse(r[header.indexOf('BilledCost')])),
      ).toString(),
    ).toBe('16.425000000001');
  });

  it("states a group's own cost with its sub-team's subtotal, leaving out what the caller may not read", async () => {
    const admins = await get(
      '/entities/group/default/platform/statement?month=2025-03',
    );
    expect(admins.status).toBe(200);
    expect(admins.body).toEqual(
      expect.objectContaining({
        entity: 'group:default/platform',
        kind: 'group',
        asOf: '2025-03-03',
        partial: true,
        totals: { USD: '6.500000000001' },
        subTeams: [
          {
            team: 'group:default/web-team',
            parent: 'group:default/platform',
            totals: { EUR: '7.7', USD: '9.125' },
          },
        ],
        totalWithSubTeams: { EUR: '7.7', USD: '15.625000000001' },
      }),
    );

    const viewers = await get(
      '/entities/group/default/platform/statement?month=2025-03',
      viewer,
    );
    expect(viewers.status).toBe(200);
    expect(viewers.body.statements).toEqual([
      {
        currency: 'USD',
        total: '4.000000000001',
        lines: [
          {
            entity: 'component:default/build-runner',
            team: 'group:default/platform',
            system: 'system:default/shop',
            service: 'AWS CodeBuild',
            method: 'tags',
            amount: '4.000000000001',
          },
        ],
      },
    ]);
    expect(viewers.body.hiddenMembers.count).toBe(1);
    expect(JSON.stringify(viewers.body)).not.toContain('2.5');

    const system = await get(
      '/entities/system/default/shop/statement.csv?month=2025-03',
      viewer,
    );
    expect(system.status).toBe(200);
    expect(system.text.trim().split('\r\n')).toEqual([
      'team,system,entity,service,method,currency,amount',
      'group:default/web-team,system:default/shop,component:default/shop-web,Virtual Machines,tags,EUR,7.7',
      'group:default/platform,system:default/shop,component:default/build-runner,AWS CodeBuild,tags,USD,4.000000000001',
      'group:default/web-team,system:default/shop,component:default/shop-web,Amazon EC2,tags,USD,9.125',
    ]);
  });

  it('has no statement for other kinds, nor for entities not in the catalog', async () => {
    const component = await get(
      '/entities/component/default/shop-web/statement?month=2025-03',
    );
    expect(component.status).toBe(400);
    expect(component.body.error.message).toMatch(/Group’s or a System’s/);
    expect(
      (await get('/entities/group/default/ghosts/statement?month=2025-03'))
        .status,
    ).toBe(404);
  });
});
