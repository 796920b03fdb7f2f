import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { FakeCaller, routerWithFakes } from './__testUtils__/routerWithFakes';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'cart', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'secret', namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/team' },
  },
];

/**
 * The router over fake engine services: each route's parsing, access
 * checks and what it hands the engine, without a database.
 */
async function setup(options: Omit<FakeCaller, 'entities'> = {}) {
  const views = {
    summary: jest.fn(async () => ({ entityRef: 'component:default/cart' })),
    costs: jest.fn(async () => ({ total: '1' })),
    resources: jest.fn(async () => ({ total: '1', items: [] })),
    shared: jest.fn(async () => ({ total: '1', consumers: [] })),
    // the last day with data: a day before the clock's
    asOf: jest.fn(async () => '2025-03-30'),
  };
  const engine = {
    views,
    unitCosts: {
      unitCost: jest.fn(async () => ({ series: [] })),
      asOf: jest.fn(async () => '2025-03-30'),
    },
    benchmarks: { benchmark: jest.fn(async () => ({ figures: [] })) },
    metrics: {
      record: jest.fn(async (points: unknown[]) => ({
        received: points.length,
        stored: points.length,
        rejected: [],
      })),
    },
    store: {
      listRuns: jest.fn(async () => []),
      listSourcePeriods: jest.fn(async () => []),
      getRun: jest.fn(async () => undefined),
    },
    ingestion: {
      ingestSourceNow: jest.fn(async (source: { id: string }) => ({
        id: 'run-1',
        sourceId: source.id,
        status: 'succeeded',
      })),
    },
    attributionStore: {
      groupIdsByResourceId: jest.fn(async () => ['7']),
      loadGroups: jest.fn(async () => [{ id: '7', resourceId: 'i-1' }]),
      evidence: jest.fn(async () => []),
      listChanges: jest.fn(async () => []),
    },
    attribution: {
      run: jest.fn(async () => ({ id: 'a-1', changes: 0, report: {} })),
    },
    coverage: { coverage: jest.fn(async () => ({ currencies: {} })) },
    overrides: {
      list: jest.fn(async () => []),
      add: jest.fn(async (body: object, createdBy: string) => ({
        id: 'o-1',
        ...body,
        createdBy,
      })),
      remove: jest.fn(async (id: string) => {
        if (id !== 'o-1')
          throw new NotFoundError(`No override with id '${id}'`);
      }),
      confirmSuggestion: jest.fn(async () => ({ id: 'o-2' })),
      decideClaim: jest.fn(async () => ({ id: 'o-3' })),
    },
  };
  const { app, permissions, user } = await routerWithFakes(
    {
      ...engine,
      sources: [
        {
          id: 'shop',
          type: 'focus',
          location: '/data/*.csv',
          schedule: { hours: 6 },
        },
      ],
    },
    { ...options, entities },
  );
  return { app, engine, permissions, user };
}

describe('the finops router', () => {
  it('answers health without credentials', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
  });

  describe('entity routes', () => {
    it('hands the views the entity, the range (by default the 30 days up to the last day with data) and the viewer', async () => {
      const { app, engine, user } = await setup({
        denied: ['component:default/secret'],
      });
      const res = await request(app)
        .get('/entities/component/default/cart/costs?groupBy=method')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const [entity, query, viewer] = engine.views.costs.mock
        .calls[0] as unknown as [Entity, any, any];
      expect(entity.metadata.name).toBe('cart');
      expect(query).toEqual({
        from: '2025-03-01',
        to: '2025-03-30',
        granularity: 'day',
        groupBy: 'method',
      });
      // the viewer leaves out what the caller may not read, and what it cannot see in the catalog
      expect(
        await viewer.readable([
          'component:default/cart',
          'component:default/secret',
          'component:default/not-in-your-catalog',
        ]),
      ).toEqual(new Set(['component:default/cart']));
    });

    it('answers 403 for an entity whose cost the caller may not read, 404 for one it cannot see', async () => {
      const { app, engine, user } = await setup({
        denied: ['component:default/secret'],
      });
      const denied = await request(app)
        .get('/entities/component/default/secret/summary')
        .set('Authorization', user);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/component:default\/secret/);
      const missing = await request(app)
        .get('/entities/component/default/nope/summary')
        .set('Authorization', user);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(/component:default\/nope/);
      expect(engine.views.summary).not.toHaveBeenCalled();
    });

    it.each([
      ['/costs?from=2025-02-30', 'from must be a calendar date YYYY-MM-DD'],
      ['/costs?groupBy=colour', 'groupBy'],
      ['/costs?from=2025-03-02&to=2025-03-01', 'from (2025-03-02) is after to'],
      ['/resources?measure=Cheapest', 'measure'],
      ['/unit-cost?granularity=week', 'granularity'],
      ['/benchmark?measure=x', 'measure'],
    ])('answers 400 for %s, naming what is wrong', async (url, message) => {
      const { app, user } = await setup();
      const res = await request(app)
        .get(`/entities/component/default/cart${url}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid request: /);
      expect(res.body.error.message).toContain(message);
    });

    it('defaults a monthly unit-cost range to a year, and hands the benchmark the viewer', async () => {
      const { app, engine, user } = await setup();
      await request(app)
        .get('/entities/component/default/cart/unit-cost?granularity=month')
        .set('Authorization', user);
      expect((engine.unitCosts.unitCost.mock.calls[0] as any)[1]).toEqual(
        expect.objectContaining({ from: '2024-03-31', to: '2025-03-30' }),
      );
      await request(app)
        .get('/entities/component/default/cart/benchmark')
        .set('Authorization', user);
      expect(
        (engine.benchmarks.benchmark.mock.calls[0] as any)[1].viewer,
      ).toBeDefined();
    });
  });

  describe('admin routes', () => {
    const routes: Array<[string, string, string]> = [
      ['get', '/ingestions', 'see ingestion records'],
      ['get', '/ingestions/run-1', 'see ingestion records'],
      ['get', '/sources', 'see the cost sources'],
      ['post', '/sources/shop/ingest', 'ingest a cost source'],
      ['get', '/coverage', 'see the attribution coverage'],
      ['get', '/explain?groupId=7', 'see how cost was attributed'],
      ['get', '/attribution/changes', 'see how attribution changed'],
      ['post', '/attribution/run', 'run attribution'],
      ['get', '/overrides', 'see the attribution overrides'],
      ['post', '/overrides', 'add an override'],
      ['delete', '/overrides/o-1', 'delete an override'],
      ['post', '/suggestions/confirm', 'confirm a suggestion'],
      ['post', '/claims/confirm', 'confirm a contested claim'],
      ['post', '/claims/reject', 'reject a contested claim'],
      ['post', '/metrics', 'send metrics'],
    ];

    it.each(routes)(
      '%s %s: 403 for a user without finops.admin, naming what was tried',
      async (method, url, action) => {
        const { app, user } = await setup({ denied: ['finops.admin'] });
        const res = await (request(app) as any)
          [method](url)
          .set('Authorization', user)
          .send({});
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `You need the finops.admin permission to ${action}`,
        );
      },
    );

    it('lets through services on finops.admin.services only', async () => {
      const point = {
        entity: 'component:default/cart',
        metric: 'requests',
        date: '2025-03-01',
        value: 1,
      };
      const send = async (subject: string) => {
        const { app } = await setup({
          adminServices: ['external:metrics-job'],
          caller: mockCredentials.service(subject),
        });
        return request(app)
          .post('/metrics')
          .send({ points: [point] });
      };
      expect((await send('external:metrics-job')).status).toBe(200);
      const other = await send('plugin:catalog');
      expect(other.status).toBe(403);
      expect(other.body.error.message).toMatch(
        /'plugin:catalog' may not send metrics: it is not listed in finops.admin.services/,
      );
    });

    it('hands metrics to the engine as sent through the API, up to 10,000 points', async () => {
      const { app, engine, user } = await setup();
      const res = await request(app)
        .post('/metrics')
        .set('Authorization', user)
        .send({ points: [{ entity: 'x' }] });
      expect(res.status).toBe(200);
      expect(engine.metrics.record).toHaveBeenCalledWith(
        [{ entity: 'x' }],
        'api',
      );
      const tooMany = await request(app)
        .post('/metrics')
        .set('Authorization', user)
        .send({ points: Array.from({ length: 10_001 }, () => ({})) });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toMatch(/points/);
    });

    it('stores overrides with who made them, and checks their body', async () => {
      const { app, engine, user } = await setup();
      const created = await request(app)
        .post('/overrides')
        .set('Authorization', user)
        .send({
          match: { account: '111', service: 'Amazon S3' },
          entityRef: 'component:default/cart',
        });
      expect(created.status).toBe(201);
      expect(engine.overrides.add).toHaveBeenCalledWith(
        {
          match: { account: '111', service: 'Amazon S3' },
          entityRef: 'component:default/cart',
        },
        'user:default/alice',
      );
      const empty = await request(app)
        .post('/overrides')
        .set('Authorization', user)
        .send({ match: {}, entityRef: 'component:default/cart' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/needs at least one condition/);
      const greedy = await request(app)
        .post('/overrides')
        .set('Authorization', user)
        .send({
          match: { resourceIdPattern: 'a*a*a*a*a*a*a*a*a*z' },
          entityRef: 'component:default/cart',
        });
      expect(greedy.status).toBe(400);
      expect(greedy.body.error.message).toMatch(
        /match.resourceIdPattern 'a\*a\*a\*a\*a\*a\*a\*a\*a\*z' has 9 wildcards/,
      );
      expect(
        (await request(app).delete('/overrides/o-1').set('Authorization', user))
          .status,
      ).toBe(204);
      expect(
        (await request(app).delete('/overrides/o-9').set('Authorization', user))
          .status,
      ).toBe(404);
    });

    it('ingests a configured source on request, and 404s an unknown one', async () => {
      const { app, engine, user } = await setup();
      const res = await request(app)
        .post('/sources/shop/ingest')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(engine.ingestion.ingestSourceNow).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'shop', type: 'focus' }),
        { allowShrink: false },
      );
      await request(app)
        .post('/sources/shop/ingest?allowShrink=true')
        .set('Authorization', user);
      expect(engine.ingestion.ingestSourceNow).toHaveBeenLastCalledWith(
        expect.anything(),
        { allowShrink: true },
      );
      const unknown = await request(app)
        .post('/sources/other/ingest')
        .set('Authorization', user);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toMatch(/finops.sources/);
    });

    it('explains a fact group, and refuses an id that does not fit', async () => {
      const { app, user } = await setup();
      const res = await request(app)
        .get('/explain?groupId=7')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.items[0].unattributed).toBe(true);
      const bad = await request(app)
        .get(`/explain?groupId=${'9'.repeat(30)}`)
        .set('Authorization', user);
      expect(bad.status).toBe(400);
    });
  });
});
