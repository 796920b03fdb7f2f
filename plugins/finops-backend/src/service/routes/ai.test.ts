import request from 'supertest';
import type { Entity } from '@backstage/catalog-model';
import {
  FakeCaller,
  refOf,
  routerWithFakes,
} from '../__testUtils__/routerWithFakes';

/** A fake AI usage service whose data ends the day before the clock's. */
function fakeAi() {
  return {
    asOf: jest.fn(async () => '2025-03-30'),
    usage: jest.fn(
      async (entity: Entity, query: object, _viewer?: unknown) => ({
        entityRef: refOf(entity),
        ...query,
        total: '12.5',
        models: [],
      }),
    ),
    whatIf: jest.fn(
      async (entity: Entity, _query: object, _viewer?: unknown) => ({
        entityRef: refOf(entity),
        alternatives: [],
      }),
    ),
    spend: jest.fn(async (query: { month?: string }, _viewer?: unknown) => ({
      month: query.month ?? '2025-03',
      teams: [],
      models: [],
    })),
  };
}

async function setup(caller: FakeCaller = {}) {
  const ai = fakeAi();
  return { ai, ...(await routerWithFakes({ ai }, caller)) };
}

const readableOf = (viewer: any) =>
  viewer.readable(['component:default/cart', 'component:default/secret']);

describe('the AI spend routes', () => {
  describe("an entity's AI usage", () => {
    it('covers the 30 days up to the last day with data by default', async () => {
      const { app, ai, user } = await setup({
        denied: ['component:default/secret'],
      });
      const res = await request(app)
        .get('/entities/component/default/cart/ai-usage')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/cart',
        from: '2025-03-01',
        to: '2025-03-30',
        total: '12.5',
        models: [],
      });
      const [entity, query, viewer] = ai.usage.mock.calls[0];
      expect(refOf(entity)).toBe('component:default/cart');
      expect(query).toEqual({ from: '2025-03-01', to: '2025-03-30' });
      expect(await readableOf(viewer)).toEqual(
        new Set(['component:default/cart']),
      );
    });

    it('hands the service the range and measure asked for', async () => {
      const { app, ai, user } = await setup();
      await request(app)
        .get(
          '/entities/system/default/shop/ai-usage?from=2025-01-01&to=2025-01-31&measure=BilledCost',
        )
        .set('Authorization', user);
      expect(ai.usage.mock.calls[0][1]).toEqual({
        from: '2025-01-01',
        to: '2025-01-31',
        measure: 'BilledCost',
      });
      // a `to` alone: the 30 days ending on it
      await request(app)
        .get('/entities/system/default/shop/ai-usage?to=2025-02-28')
        .set('Authorization', user);
      expect(ai.usage.mock.calls[1][1]).toEqual({
        from: '2025-01-30',
        to: '2025-02-28',
      });
    });

    it.each([
      ['from=2025-02-30', 'from must be a calendar date YYYY-MM-DD'],
      ['to=yesterday', 'to must be a calendar date YYYY-MM-DD'],
      ['from=2025-03-02&to=2025-03-01', 'from (2025-03-02) is after to'],
      ['measure=Cheapest', 'measure'],
    ])('answers 400 for %s, naming what is wrong', async (query, message) => {
      const { app, ai, user } = await setup();
      const res = await request(app)
        .get(`/entities/component/default/cart/ai-usage?${query}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid request: /);
      expect(res.body.error.message).toContain(message);
      expect(ai.usage).not.toHaveBeenCalled();
    });
  });

  describe("an entity's model what-if", () => {
    it('hands the service the entity, the measure and the viewer', async () => {
      const { app, ai, user } = await setup({
        denied: ['component:default/secret'],
      });
      const res = await request(app)
        .get('/entities/component/default/cart/ai-whatif?measure=BilledCost')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/cart',
        alternatives: [],
      });
      const [entity, query, viewer] = ai.whatIf.mock.calls[0];
      expect(refOf(entity)).toBe('component:default/cart');
      expect(query).toEqual({ measure: 'BilledCost' });
      expect(await readableOf(viewer)).toEqual(
        new Set(['component:default/cart']),
      );
      const bad = await request(app)
        .get('/entities/component/default/cart/ai-whatif?measure=Cheapest')
        .set('Authorization', user);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^Invalid request: measure /);
    });
  });

  it.each(['ai-usage', 'ai-whatif'])(
    '%s: 403 for an entity whose cost the caller may not read, 404 for one not in the catalog',
    async route => {
      const { app, ai, user } = await setup({
        denied: ['component:default/secret'],
      });
      const denied = await request(app)
        .get(`/entities/component/default/secret/${route}`)
        .set('Authorization', user);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'You are not allowed to read the cost of component:default/secret',
      );
      const missing = await request(app)
        .get(`/entities/component/default/nope/${route}`)
        .set('Authorization', user);
      expect(missing.status).toBe(404);
      expect(ai.usage).not.toHaveBeenCalled();
      expect(ai.whatIf).not.toHaveBeenCalled();
    },
  );

  describe("the organization's AI spend", () => {
    it('hands the service the month, the measure and the caller as a viewer', async () => {
      const { app, ai, user } = await setup({
        denied: ['component:default/secret', 'finops.admin'],
      });
      const res = await request(app)
        .get('/ai/spend?month=2025-02&measure=BilledCost')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ month: '2025-02', teams: [], models: [] });
      const [query, viewer] = ai.spend.mock.calls[0];
      expect(query).toEqual({ month: '2025-02', measure: 'BilledCost' });
      expect(await readableOf(viewer)).toEqual(
        new Set(['component:default/cart']),
      );
      await request(app).get('/ai/spend').set('Authorization', user);
      expect(ai.spend.mock.calls[1][0]).toEqual({});
    });

    it.each(['month=2026-13', 'month=2026-1', 'measure=Cheapest'])(
      'answers 400 for %s',
      async query => {
        const { app, ai, user } = await setup();
        const res = await request(app)
          .get(`/ai/spend?${query}`)
          .set('Authorization', user);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^Invalid request: (month must be a month YYYY-MM|measure )/,
        );
        expect(ai.spend).not.toHaveBeenCalled();
      },
    );
  });
});
