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
import { finopsPlugin } from './plugin';
import { permissionsFactory } from './__testUtils__/permissions';

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

const catalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity('Group', 'secret-team', { type: 'team', children: [] }),
  entity(
    'Component',
    'cart',
    { type: 'service', owner: 'group:default/shop-team' },
    { 'costwise.dev/tags': 'application=cart' },
  ),
];

const costs = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,90,90,AWS,Amazon EC2,i-cart,"{""application"": ""cart""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,10,10,AWS,Amazon S3,bucket,{}',
].join('\n');

/** The admin may do all; `user:default/member` is no admin and may not read the secret team. */
const permissions = permissionsFactory(
  ({ user, permission, resourceRef }) =>
    !(
      user === 'user:default/member' &&
      (permission === 'finops.admin' ||
        resourceRef === 'group:default/secret-team')
    ),
);

describe('the governance routes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let dir: string;
  const as = (user: string) =>
    mockCredentials.user.header(`user:default/${user}`);
  const get = (url: string, user = 'admin') =>
    request(server).get(`/api/finops${url}`).set('Authorization', as(user));

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-gov-'));
    await fs.writeFile(path.join(dir, 'costs.csv'), costs);
    ({ server } = await startTestBackend({
      features: [
        finopsPlugin,
        catalogServiceMock.factory({ entities: catalog }),
        permissions,
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
              governance: {
                overhead: [{ from: '2025-01', monthly: 3100 }],
              },
            },
          },
        }),
      ],
    }));
    await request(server)
      .post('/api/finops/sources/shop/ingest')
      .set('Authorization', as('admin'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("answers the organization's KPIs and the teams the caller may read", async () => {
    const admin = await get('/governance/kpis');
    expect(admin.status).toBe(200);
    expect(admin.body.month).toBe('2025-03');
    const coverage = admin.body.organization.find(
      (k: any) => k.id === 'attribution-coverage',
    );
    expect(coverage).toEqual(
      expect.objectContaining({ value: 0.9, target: 0.95, status: 'at-risk' }),
    );
    expect(admin.body.teams.map((t: any) => t.team)).toEqual([
      'group:default/secret-team',
      'group:default/shop-team',
    ]);
    const member = await get('/governance/kpis', 'member');
    expect(member.body.teams.map((t: any) => t.team)).toEqual([
      'group:default/shop-team',
    ]);
    expect(member.body.hiddenTeams).toBe(1);
    expect((await get('/governance/access', 'member')).body).toEqual({
      admin: false,
    });
    expect((await get('/governance/access')).body).toEqual({ admin: true });
  });

  it('lets only admins change a target, checks it, and the status follows', async () => {
    const put = (body: object, user = 'admin') =>
      request(server)
        .put('/api/finops/governance/targets')
        .set('Authorization', as(user))
        .send(body);
    expect(
      (await put({ kpi: 'attribution-coverage', target: 0.8 }, 'member'))
        .status,
    ).toBe(403);
    const bad = await put({ kpi: 'attribution-coverage', target: 80 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from 0 to 1/);
    const ok = await put({ kpi: 'attribution-coverage', target: 0.8 });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(
      expect.objectContaining({
        kpi: 'attribution-coverage',
        target: 0.8,
        updatedBy: 'user:default/admin',
      }),
    );
    const coverage = (await get('/governance/kpis')).body.organization.find(
      (k: any) => k.id === 'attribution-coverage',
    );
    expect(coverage).toEqual(
      expect.objectContaining({ target: 0.8, status: 'met' }),
    );
    expect(
      (await get('/governance/targets', 'member')).body.items,
    ).toHaveLength(1);
  });

  it("gives a team's scorecard to who may read it, and spend to admins", async () => {
    const card = await get('/entities/group/default/shop-team/scorecard');
    expect(card.status).toBe(200);
    expect(
      card.body.kpis.find((k: any) => k.id === 'explicit-coverage').value,
    ).toBe(1);
    expect(
      (await get('/entities/group/default/secret-team/scorecard', 'member'))
        .status,
    ).toBe(403);
    expect(
      (await get('/entities/component/default/cart/scorecard')).status,
    ).toBe(400);
    const spend = await get('/governance/spend');
    expect(spend.body.byProvider).toEqual([
      { provider: 'AWS', amount: '100.00', previous: '0.00', change: null },
    ]);
    expect((await get('/governance/spend', 'member')).status).toBe(403);
  });
});
