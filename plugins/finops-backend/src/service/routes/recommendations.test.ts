import request from 'supertest';
import type { StoredRecommendation } from '@costwise/plugin-finops-engine';
import { RecommendationAccess } from '../recommendations';
import {
  ALICE,
  FakeCaller,
  refOf,
  routerWithFakes,
} from '../__testUtils__/routerWithFakes';

const id = (n: number) => `rec_${String(n).padStart(20, '0')}`;

const rec = (
  n: number,
  ownerRef: string | null,
  more: Partial<StoredRecommendation> & { effort?: string } = {},
): StoredRecommendation => {
  const { effort = 'Low', ...rest } = more;
  const savings = rest.estimatedMonthlySavings ?? '40.50';
  return {
    id: id(n),
    source: 'aws',
    format: 'focus',
    recommendationId: `r-${n}`,
    row: {
      RecommendationId: `r-${n}`,
      RecommendationCategory: 'Cost',
      RecommendationSubcategory: rest.subcategory ?? 'Rightsizing',
      RecommendationDescription: `Recommendation ${n}`,
      EstimatedMonthlyCostImpact: `-${savings}`,
      Currency: 'USD',
      DataGeneratorName: 'AWS Compute Optimizer',
      ImplementationEffort: effort,
    } as StoredRecommendation['row'],
    resourceId: `i-${n}`,
    subcategory: 'Rightsizing',
    estimatedMonthlySavings: savings,
    currency: 'USD',
    ownerRef,
    sharedWith: [],
    status: 'open',
    firstSeen: '2025-03-01T00:00:00.000Z',
    lastSeen: '2025-03-30T00:00:00.000Z',
    statusChangedAt: '2025-03-01T00:00:00.000Z',
    ...rest,
  };
};

/** cart's two, secret's one and an unowned one. */
const stored = [
  rec(1, 'component:default/cart'),
  rec(2, 'component:default/cart', {
    subcategory: 'Idle Resource Removal',
    estimatedMonthlySavings: '100.00',
    status: 'acknowledged',
    effort: 'Medium',
  }),
  rec(3, 'component:default/secret', { estimatedMonthlySavings: '7.25' }),
  rec(4, null, { estimatedMonthlySavings: '3.00' }),
];

/**
 * The recommendation routes over the backend's {@link RecommendationAccess}
 * (the permission checks) and a fake engine service and attribution store;
 * the shop system's members are cart and secret.
 */
async function setup(caller: FakeCaller = {}) {
  const service = {
    list: jest.fn(
      async (filter: { entityRefs?: string[]; unowned?: boolean }) =>
        stored.filter(r =>
          filter.unowned
            ? r.ownerRef === null
            : !filter.entityRefs || filter.entityRefs.includes(r.ownerRef!),
        ),
    ),
    get: jest.fn(async (wanted: string) => stored.find(r => r.id === wanted)),
    events: jest.fn(
      async (ids: string[]) =>
        new Map(
          ids.map(i => [
            i,
            [
              {
                at: '2025-03-01T00:00:00.000Z',
                actor: 'costwise',
                from: null,
                to: 'open',
              },
            ],
          ]),
        ),
    ),
    changeStatus: jest.fn(
      async (wanted: string, change: { status: string }, _actor: string) => ({
        ...stored.find(r => r.id === wanted)!,
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
  let recommendationAccess: RecommendationAccess | undefined;
  const harness = await routerWithFakes(({ access, clock }) => {
    recommendationAccess = new RecommendationAccess({
      recommendations: service as any,
      attributionStore: attributionStore as any,
      access,
      currency: 'USD',
      clock,
    });
    return { recommendationAccess };
  }, caller);
  const forEntity = jest.spyOn(recommendationAccess!, 'forEntity');
  return { service, forEntity, ...harness };
}

describe('the recommendation routes', () => {
  describe("an entity's recommendations", () => {
    it('lists those of the members the caller may read, with their KPIs over the year to today', async () => {
      const { app, forEntity, user } = await setup({
        denied: ['component:default/secret'],
      });
      const res = await request(app)
        .get('/entities/system/default/shop/recommendations')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(refOf(forEntity.mock.calls[0][1])).toBe('system:default/shop');
      expect(res.body).toEqual(
        expect.objectContaining({
          entityRef: 'system:default/shop',
          currency: 'USD',
          open: { count: 2, monthlySavings: '140.50' },
          hiddenMembers: expect.objectContaining({ count: 1 }),
          canUpdate: true,
        }),
      );
      expect(res.body.items.map((r: any) => [r.id, r.canUpdate])).toEqual([
        [id(2), true],
        [id(1), true],
      ]);
      expect(res.body.kpis).toEqual(
        expect.objectContaining({ from: '2024-04-01', to: '2025-03-31' }),
      );
      expect(JSON.stringify(res.body)).not.toContain('7.25');
    });

    it('hands on the filters as lists, and applies them', async () => {
      const { app, forEntity, user } = await setup();
      const res = await request(app)
        .get(
          '/entities/component/default/cart/recommendations?status=open,acknowledged&subcategory=Rightsizing&effort=Low&source=aws,%20gcp&from=2025-01-01&to=2025-03-01',
        )
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(forEntity.mock.calls[0][2]).toEqual({
        status: ['open', 'acknowledged'],
        subcategory: ['Rightsizing'],
        effort: ['Low'],
        source: ['aws', 'gcp'],
        from: '2025-01-01',
        to: '2025-03-01',
      });
      expect(res.body.items.map((r: any) => r.id)).toEqual([id(1)]);
    });

    it.each([
      [
        'status=open,bogus',
        "status has an unknown status 'bogus': use open, acknowledged, deferred, implemented, dismissed, expired",
      ],
      [
        'subcategory=Magic',
        "subcategory has an unknown subcategory 'Magic': use Rightsizing, Scaling, Commitment Purchase, Idle Resource Removal, Modernization, Other",
      ],
      [
        'effort=Tiny',
        "effort has an unknown effort 'Tiny': use Very Low, Low, Medium, High, Very High",
      ],
      ['from=2025-02-30', 'from must be a calendar date YYYY-MM-DD'],
    ])('answers 400 for %s, naming what is wrong', async (query, message) => {
      const { app, forEntity, user } = await setup();
      const res = await request(app)
        .get(`/entities/component/default/cart/recommendations?${query}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(`Invalid request: ${message}`);
      expect(forEntity).not.toHaveBeenCalled();
    });

    it('answers 400 for a reversed range, as the other routes do', async () => {
      const { app, forEntity, user } = await setup();
      for (const url of [
        '/entities/component/default/cart/recommendations',
        '/recommendations/kpis',
      ]) {
        const res = await request(app)
          .get(`${url}?from=2025-03-02&to=2025-03-01`)
          .set('Authorization', user);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(
          'Invalid request: from (2025-03-02) is after to (2025-03-01)',
        );
      }
      expect(forEntity).not.toHaveBeenCalled();
    });

    it('answers 403 for an entity whose cost the caller may not read, 404 for one not in the catalog', async () => {
      const { app, forEntity, user } = await setup({
        denied: ['component:default/secret'],
      });
      const get = (name: string) =>
        request(app)
          .get(`/entities/component/default/${name}/recommendations`)
          .set('Authorization', user);
      expect((await get('secret')).status).toBe(403);
      expect((await get('nope')).status).toBe(404);
      expect(forEntity).not.toHaveBeenCalled();
    });
  });

  describe("admins' views", () => {
    it('lists the unowned recommendations for admins, 403 for others', async () => {
      const { app, service, user } = await setup();
      const res = await request(app)
        .get('/recommendations/unowned')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: any) => r.id)).toEqual([id(4)]);
      expect(service.list).toHaveBeenCalledWith({ unowned: true });

      const other = await setup({ denied: ['finops.admin'] });
      const denied = await request(other.app)
        .get('/recommendations/unowned')
        .set('Authorization', other.user);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'You need the finops.admin permission to read unowned recommendations',
      );
    });

    it("answers the organization's KPIs over the range asked (the year to today by default), 403 for others", async () => {
      const { app, user } = await setup();
      const year = await request(app)
        .get('/recommendations/kpis')
        .set('Authorization', user);
      expect(year.status).toBe(200);
      expect(year.body).toEqual(
        expect.objectContaining({
          from: '2024-04-01',
          to: '2025-03-31',
          currency: 'USD',
          opened: 4,
        }),
      );
      const march = await request(app)
        .get('/recommendations/kpis?from=2025-03-01&to=2025-03-31')
        .set('Authorization', user);
      expect(march.body.from).toBe('2025-03-01');
      const bad = await request(app)
        .get('/recommendations/kpis?to=2025-13-01')
        .set('Authorization', user);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'Invalid request: to must be a calendar date YYYY-MM-DD',
      );

      const other = await setup({ denied: ['finops.admin'] });
      const denied = await request(other.app)
        .get('/recommendations/kpis')
        .set('Authorization', other.user);
      expect(denied.status).toBe(403);
    });
  });

  describe('one recommendation', () => {
    it('answers it with its history when the caller may read its owner', async () => {
      const { app, user } = await setup();
      const res = await request(app)
        .get(`/recommendations/${id(1)}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          id: id(1),
          owner: 'component:default/cart',
          estimatedMonthlySavings: '40.50',
          events: [expect.objectContaining({ to: 'open' })],
          canUpdate: true,
        }),
      );
    });

    it('answers 400 for an id that is not one, 404 for an unknown one, 403 for one the caller may not read', async () => {
      const { app, user } = await setup({
        denied: ['component:default/secret', 'finops.admin'],
      });
      const get = (wanted: string) =>
        request(app)
          .get(`/recommendations/${wanted}`)
          .set('Authorization', user);
      const bad = await get('rec_XYZ');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'Invalid request: id is not a recommendation id',
      );
      expect((await get(id(99))).status).toBe(404);
      expect((await get(id(3))).status).toBe(403);
      // an unowned one is for admins only: others do not learn it exists
      expect((await get(id(4))).status).toBe(404);
    });
  });

  describe('a status change', () => {
    const url = `/recommendations/${id(1)}/status`;

    it('hands the service the change and who made it', async () => {
      const { app, service, user } = await setup();
      const change = {
        status: 'dismissed',
        reason: 'false-positive',
        note: 'the instance is a batch host',
      };
      const res = await request(app)
        .post(url)
        .set('Authorization', user)
        .send(change);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({ id: id(1), status: 'dismissed' }),
      );
      expect(service.changeStatus).toHaveBeenCalledWith(id(1), change, ALICE);
    });

    it("answers 403 to a caller that may not update the owner's cost state", async () => {
      const { app, service, user } = await setup({
        denied: ['finops.cost.update:component:default/cart'],
      });
      const res = await request(app)
        .post(url)
        .set('Authorization', user)
        .send({ status: 'acknowledged' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /not allowed to change recommendations of component:default\/cart/,
      );
      expect(service.changeStatus).not.toHaveBeenCalled();
    });

    it.each([
      [{ status: 'expired' }, 'status'],
      [{ status: 'dismissed', reason: 'bored' }, 'reason'],
      [{ status: 'open', note: 'x'.repeat(2001) }, 'note'],
      [{ status: 'open', by: 'me' }, 'by'],
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

  it('are not served without recommendations', async () => {
    const { app, user } = await routerWithFakes({});
    const res = await request(app)
      .get(`/recommendations/${id(1)}`)
      .set('Authorization', user);
    expect(res.status).toBe(404);
  });
});
