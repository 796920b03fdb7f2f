import request from 'supertest';
import type { StoredAnomaly } from '@costwise/plugin-finops-engine';
import { AnomalyAccess } from '../anomalies';
import {
  ALICE,
  FakeCaller,
  refOf,
  routerWithFakes,
} from '../__testUtils__/routerWithFakes';

const id = (n: number) => `anom_${String(n).padStart(20, '0')}`;

const anomaly = (
  n: number,
  entityRef: string,
  day: string,
  status: StoredAnomaly['status'] = 'new',
): StoredAnomaly => ({
  id: id(n),
  entityRef,
  resourceId: null,
  groupKey: null,
  scope: 'entity',
  day,
  lastDay: day,
  days: 1,
  measure: 'EffectiveCost',
  currency: 'USD',
  expected: '10.00',
  actual: '25.5',
  impact: '15.50',
  peakImpact: '15.50',
  score: 6.2,
  rootCauses: [],
  newResources: [],
  explanation: `The cost of ${entityRef} rose by 15.50 USD`,
  status,
  detectedAt: `${day}T06:00:00.000Z`,
  updatedAt: `${day}T06:00:00.000Z`,
  parents: ['system:default/shop'],
  seriesKey: `entity|USD|EffectiveCost|${entityRef}`,
});

/** Newest first, as the store lists them: two of cart's, one of secret's. */
const stored = [
  anomaly(3, 'component:default/cart', '2025-03-20'),
  anomaly(2, 'component:default/secret', '2025-03-10'),
  anomaly(1, 'component:default/cart', '2025-03-01', 'resolved'),
];

/**
 * The anomaly routes over the backend's {@link AnomalyAccess} (the
 * permission checks) and a fake engine service and attribution store; the
 * shop system's members are cart and secret.
 */
async function setup(caller: FakeCaller = {}) {
  const service = {
    list: jest.fn(
      async (filter: { entityRefs?: string[]; from?: string; to?: string }) =>
        stored.filter(
          a => !filter.entityRefs || filter.entityRefs.includes(a.entityRef),
        ),
    ),
    get: jest.fn(async (wanted: string) => stored.find(a => a.id === wanted)),
    events: jest.fn(
      async (ids: string[]) =>
        new Map(
          ids.map(i => [
            i,
            [
              {
                at: '2025-03-20T06:00:00.000Z',
                actor: 'costwise',
                from: null,
                to: 'new',
              },
            ],
          ]),
        ),
    ),
    changeStatus: jest.fn(
      async (wanted: string, change: { status: string }, _actor: string) => ({
        ...stored.find(a => a.id === wanted)!,
        status: change.status,
      }),
    ),
  };
  const attributionStore = {
    members: jest.fn(async (ref: string) =>
      ref === 'system:default/shop'
        ? new Map([
            [ref, ref],
            ['component:default/cart', ref],
            ['component:default/secret', ref],
          ])
        : new Map([[ref, ref]]),
    ),
  };
  let anomalyAccess: AnomalyAccess | undefined;
  const harness = await routerWithFakes(({ access }) => {
    anomalyAccess = new AnomalyAccess({
      anomalies: service as any,
      attributionStore: attributionStore as any,
      access,
    });
    return { anomalyAccess };
  }, caller);
  const spies = {
    forEntity: jest.spyOn(anomalyAccess!, 'forEntity'),
    all: jest.spyOn(anomalyAccess!, 'all'),
  };
  return { service, ...spies, ...harness };
}

const ids = (body: any) => body.items.map((a: any) => a.id);

describe('the anomaly routes', () => {
  describe("an entity's anomalies", () => {
    it("lists those of the members the caller may read, with the filters asked for, counting the others' members", async () => {
      const { app, service, forEntity, user } = await setup({
        denied: ['component:default/secret'],
      });
      const res = await request(app)
        .get(
          '/entities/system/default/shop/anomalies?from=2025-03-01&to=2025-03-31&status=new,acknowledged&limit=5',
        )
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const [, entity, query] = forEntity.mock.calls[0];
      expect(refOf(entity)).toBe('system:default/shop');
      expect(query).toEqual({
        from: '2025-03-01',
        to: '2025-03-31',
        status: ['new', 'acknowledged'],
        limit: 5,
      });
      expect(service.list).toHaveBeenCalledWith({
        entityRefs: ['system:default/shop', 'component:default/cart'],
        from: '2025-03-01',
        to: '2025-03-31',
      });
      expect(res.body).toEqual({
        entityRef: 'system:default/shop',
        items: [
          expect.objectContaining({
            id: id(3),
            impact: '15.50',
            statusHistory: [expect.objectContaining({ to: 'new' })],
            canUpdate: true,
          }),
        ],
        counts: {
          new: 1,
          acknowledged: 0,
          resolved: 1,
          expected: 0,
          'not-anomaly': 0,
        },
        more: 0,
        hiddenMembers: expect.objectContaining({ count: 1 }),
        canUpdate: true,
      });
      expect(res.body.items[0]).not.toHaveProperty('seriesKey');
    });

    it('pages with limit, saying how many more there are', async () => {
      const { app, user } = await setup();
      const res = await request(app)
        .get('/entities/system/default/shop/anomalies?limit=1')
        .set('Authorization', user);
      expect(ids(res.body)).toEqual([id(3)]);
      expect(res.body.more).toBe(2);
    });

    it('answers 403 for an entity whose cost the caller may not read, 404 for one not in the catalog', async () => {
      const { app, forEntity, user } = await setup({
        denied: ['component:default/secret'],
      });
      const get = (name: string) =>
        request(app)
          .get(`/entities/component/default/${name}/anomalies`)
          .set('Authorization', user);
      const denied = await get('secret');
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'You are not allowed to read the cost of component:default/secret',
      );
      expect((await get('nope')).status).toBe(404);
      expect(forEntity).not.toHaveBeenCalled();
    });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=many', 'limit'],
    ['status=new,gone', "status has an unknown status 'gone'"],
    ['from=2025-02-30', 'from must be a calendar date YYYY-MM-DD'],
    ['from=2025-03-02&to=2025-03-01', 'after to'],
  ])(
    'answers 400 for %s on both lists, naming what is wrong',
    async (query, message) => {
      const { app, forEntity, all, user } = await setup();
      for (const url of [
        `/entities/component/default/cart/anomalies?${query}`,
        `/anomalies?${query}`,
      ]) {
        const res = await request(app).get(url).set('Authorization', user);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^Invalid request: /);
        expect(res.body.error.message).toContain(message);
      }
      expect(forEntity).not.toHaveBeenCalled();
      expect(all).not.toHaveBeenCalled();
    },
  );

  it('words a reversed range as the other routes do', async () => {
    const { app, user } = await setup();
    const res = await request(app)
      .get('/anomalies?from=2025-03-02&to=2025-03-01')
      .set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid request: from (2025-03-02) is after to (2025-03-01)',
    );
  });

  describe('every anomaly', () => {
    it('lists all for admins, and only those the caller may read for others', async () => {
      const admin = await setup();
      const all = await request(admin.app)
        .get('/anomalies?status=new')
        .set('Authorization', admin.user);
      expect(all.status).toBe(200);
      expect(ids(all.body)).toEqual([id(3), id(2)]);
      expect(all.body.counts.resolved).toBe(1);

      const other = await setup({
        denied: ['finops.admin', 'component:default/secret'],
      });
      const some = await request(other.app)
        .get('/anomalies')
        .set('Authorization', other.user);
      expect(ids(some.body)).toEqual([id(3), id(1)]);
      expect(other.all.mock.calls[0][1]).toEqual({});
    });
  });

  describe('one anomaly', () => {
    it('answers it with its history, 400 for an id that is not one, 404 for an unknown one, 403 for one the caller may not read', async () => {
      const { app, user } = await setup({
        denied: ['finops.admin', 'component:default/secret'],
      });
      const get = (wanted: string) =>
        request(app).get(`/anomalies/${wanted}`).set('Authorization', user);
      const one = await get(id(3));
      expect(one.status).toBe(200);
      expect(one.body).toEqual(
        expect.objectContaining({
          id: id(3),
          entityRef: 'component:default/cart',
          statusHistory: [expect.objectContaining({ actor: 'costwise' })],
        }),
      );
      const bad = await get('anom_123');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'Invalid request: id is not an anomaly id',
      );
      expect((await get(id(99))).status).toBe(404);
      const denied = await get(id(2));
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/component:default\/secret/);
    });
  });

  describe('a status change', () => {
    const url = `/anomalies/${id(3)}/status`;

    it('hands the service the change and who made it', async () => {
      const { app, service, user } = await setup();
      const change = { status: 'expected', note: 'the spring sale' };
      const res = await request(app)
        .post(url)
        .set('Authorization', user)
        .send(change);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(id(3));
      expect(service.changeStatus).toHaveBeenCalledWith(id(3), change, ALICE);
    });

    it("answers 403 to a non-admin that may not update the entity's cost state", async () => {
      const { app, service, user } = await setup({
        denied: ['finops.admin', 'finops.cost.update:component:default/cart'],
      });
      const res = await request(app)
        .post(url)
        .set('Authorization', user)
        .send({ status: 'acknowledged' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /not allowed to change anomalies of component:default\/cart/,
      );
      expect(service.changeStatus).not.toHaveBeenCalled();
    });

    it.each([
      [{ status: 'ignored' }, 'status'],
      [{ status: 'resolved', note: 'x'.repeat(2001) }, 'note'],
      [{ status: 'resolved', by: 'me' }, 'by'],
    ])('answers 400 for %j, naming what is wrong', async (body, message) => {
      const { app, service, user } = await setup();
      const res = await request(app)
        .post(url)
        .set('Authorization', user)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid request: /);
      expect(res.body.error.message).toContain(message);
      expect(service.changeStatus).not.toHaveBeenCalled();
    });
  });

  it('answers 404 on every route where anomaly detection is not served', async () => {
    const { app, user } = await routerWithFakes({});
    for (const [method, path] of [
      ['get', '/entities/component/default/cart/anomalies'],
      ['get', '/anomalies'],
      ['get', `/anomalies/${id(3)}`],
      ['post', `/anomalies/${id(3)}/status`],
    ]) {
      const res = await (request(app) as any)
        [method](path)
        .set('Authorization', user)
        .send({ status: 'resolved' });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'Anomaly detection is not served here',
      );
    }
  });
});
