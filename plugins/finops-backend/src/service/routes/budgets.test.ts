import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  ALICE,
  FakeCaller,
  refOf,
  routerWithFakes,
  testEntities,
} from '../__testUtils__/routerWithFakes';

const byName = (name: string) =>
  testEntities.find(e => e.metadata.name === name)!;

const budgetOf = (entityRef: string, amount: string) => ({
  entityRef,
  amount,
  currency: 'USD',
  period: 'monthly',
  source: 'annotation',
});

/** A fake budget service: the team's two services have budgets, cart on track, secret over. */
function fakeBudgets() {
  const budgeted = [
    {
      entity: byName('cart'),
      budget: budgetOf('component:default/cart', '100'),
    },
    {
      entity: byName('secret'),
      budget: budgetOf('component:default/secret', '50'),
    },
  ];
  return {
    entityBudget: jest.fn(async (entity: Entity) => ({
      entityRef: refOf(entity),
      budget: budgetOf(refOf(entity), '100'),
      warnings: [],
    })),
    teamBudgeted: jest.fn(async (_team: Entity) => budgeted),
    budgeted: jest.fn(async () => budgeted),
    currentStatuses: jest.fn(
      async (kept: typeof budgeted, _options: { viewer?: unknown }) =>
        kept.map(b => ({
          budget: b.budget,
          spent: '75.25',
          status: b.entity.metadata.name === 'cart' ? 'on-track' : 'over',
        })),
    ),
    setBudget: jest.fn(async (change: { amount: string }, setBy: string) => ({
      ...change,
      setBy,
      source: 'admin',
    })),
    deleteBudget: jest.fn(async () => undefined),
  };
}

async function setup(caller: FakeCaller = {}) {
  const budgets = fakeBudgets();
  return { budgets, ...(await routerWithFakes({ budgets }, caller)) };
}

describe('the budget routes', () => {
  describe("an entity's budget", () => {
    it('hands the service the entity and the caller as a viewer', async () => {
      const { app, budgets, user } = await setup({
        denied: ['component:default/secret'],
      });
      const res = await request(app)
        .get('/entities/component/default/cart/budget')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/cart',
        budget: budgetOf('component:default/cart', '100'),
        warnings: [],
      });
      const [entity, viewer] = budgets.entityBudget.mock.calls[0] as any[];
      expect(refOf(entity)).toBe('component:default/cart');
      expect(
        await viewer.readable([
          'component:default/cart',
          'component:default/secret',
        ]),
      ).toEqual(new Set(['component:default/cart']));
    });

    it('answers 403 for an entity whose cost the caller may not read, 404 for one not in the catalog', async () => {
      const { app, budgets, user } = await setup({
        denied: ['component:default/secret'],
      });
      const denied = await request(app)
        .get('/entities/component/default/secret/budget')
        .set('Authorization', user);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'You are not allowed to read the cost of component:default/secret',
      );
      const missing = await request(app)
        .get('/entities/component/default/nope/budget')
        .set('Authorization', user);
      expect(missing.status).toBe(404);
      expect(budgets.entityBudget).not.toHaveBeenCalled();
    });
  });

  describe("a team's budgets", () => {
    it('lists the budgets the caller may read, counting those it may not', async () => {
      const { app, budgets, user } = await setup({
        denied: ['component:default/secret'],
      });
      const res = await request(app)
        .get('/entities/group/default/team/budgets')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        team: 'group:default/team',
        items: [
          {
            budget: budgetOf('component:default/cart', '100'),
            spent: '75.25',
            status: 'on-track',
          },
        ],
        adherence: { share: 1, onTrack: 1, total: 1 },
        hiddenBudgets: 1,
      });
      expect(refOf(budgets.teamBudgeted.mock.calls[0][0])).toBe(
        'group:default/team',
      );
      expect(
        budgets.currentStatuses.mock.calls[0][0].map(b => b.budget.entityRef),
      ).toEqual(['component:default/cart']);
    });

    it('has no hidden count when the caller may read them all', async () => {
      const { app, user } = await setup();
      const res = await request(app)
        .get('/entities/group/default/team/budgets')
        .set('Authorization', user);
      expect(res.body.adherence).toEqual({ share: 0.5, onTrack: 1, total: 2 });
      expect(res.body).not.toHaveProperty('hiddenBudgets');
    });

    it("is a Group's: 400 for another kind, 403 for a team the caller may not read", async () => {
      const { app, budgets, user } = await setup({
        denied: ['group:default/team'],
      });
      const component = await request(app)
        .get('/entities/component/default/cart/budgets')
        .set('Authorization', user);
      expect(component.status).toBe(400);
      expect(component.body.error.message).toMatch(/a Group/);
      const denied = await request(app)
        .get('/entities/group/default/team/budgets')
        .set('Authorization', user);
      expect(denied.status).toBe(403);
      expect(budgets.teamBudgeted).not.toHaveBeenCalled();
    });
  });

  describe('every budget', () => {
    it('lists those the caller may read, and says whether it may administer them', async () => {
      const { app, user } = await setup({
        denied: ['component:default/secret', 'finops.admin'],
      });
      const res = await request(app).get('/budgets').set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [expect.objectContaining({ status: 'on-track' })],
        adherence: { share: 1, onTrack: 1, total: 1 },
        hiddenBudgets: 1,
        canAdminister: false,
      });
      const admin = await setup();
      const all = await request(admin.app)
        .get('/budgets')
        .set('Authorization', admin.user);
      expect(all.body.items).toHaveLength(2);
      expect(all.body.canAdminister).toBe(true);
    });
  });

  describe("admins' budgets", () => {
    const body = {
      entityRef: 'component:default/cart',
      amount: '1250.50',
      currency: 'EUR',
      period: 'quarterly',
    };

    it('sets a budget with who set it, the amount as exact text', async () => {
      const { app, budgets, user } = await setup();
      const res = await request(app)
        .put('/budgets')
        .set('Authorization', user)
        .send(body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...body, setBy: ALICE, source: 'admin' });
      expect(budgets.setBudget).toHaveBeenCalledWith(body, ALICE);
      await request(app)
        .put('/budgets')
        .set('Authorization', user)
        .send({ ...body, amount: 1200 });
      expect(budgets.setBudget).toHaveBeenLastCalledWith(
        { ...body, amount: '1200' },
        ALICE,
      );
    });

    it('never changes an amount sent as a JSON number', async () => {
      const { app, budgets, user } = await setup();
      const res = await request(app)
        .put('/budgets')
        .set('Authorization', user)
        .set('Content-Type', 'application/json')
        .send(
          '{"entityRef":"component:default/cart","amount":1234567890123.456789,"period":"monthly"}',
        );
      // either refused, or stored as sent: never rounded through a float
      const outcome =
        res.status === 400
          ? 'refused'
          : `stored ${budgets.setBudget.mock.calls[0][0].amount}`;
      expect(['refused', 'stored 1234567890123.456789']).toContain(outcome);
    });

    it.each([
      [{ ...body, currency: 'EURO' }, 'currency must be an ISO 4217 code'],
      [{ ...body, period: 'weekly' }, 'period'],
      [{ ...body, amount: -5 }, 'amount'],
      [{ ...body, amount: '' }, 'amount'],
      [{ ...body, owner: 'me' }, 'owner'],
      [{ amount: '5', period: 'monthly' }, 'entityRef'],
    ])('answers 400 for %j, naming what is wrong', async (sent, message) => {
      const { app, budgets, user } = await setup();
      const res = await request(app)
        .put('/budgets')
        .set('Authorization', user)
        .send(sent);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid request: /);
      expect(res.body.error.message).toContain(message);
      expect(budgets.setBudget).not.toHaveBeenCalled();
    });

    it('removes a budget by its entity', async () => {
      const { app, budgets, user } = await setup();
      const res = await request(app)
        .delete('/budgets/component/default/cart')
        .set('Authorization', user);
      expect(res.status).toBe(204);
      expect(budgets.deleteBudget).toHaveBeenCalledWith(
        'component:default/cart',
      );
    });

    it.each([
      ['put', '/budgets', 'set budgets'],
      ['delete', '/budgets/component/default/cart', 'remove budgets'],
    ])(
      '%s %s: 403 for a user without finops.admin, and for an unlisted service',
      async (method, url, action) => {
        const { app, budgets, user } = await setup({
          denied: ['finops.admin'],
        });
        const res = await (request(app) as any)
          [method](url)
          .set('Authorization', user)
          .send(body);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `You need the finops.admin permission to ${action}`,
        );
        const service = await setup({
          caller: mockCredentials.service('plugin:catalog'),
        });
        const refused = await (request(service.app) as any)
          [method](url)
          .send(body);
        expect(refused.status).toBe(403);
        expect(budgets.setBudget).not.toHaveBeenCalled();
        expect(budgets.deleteBudget).not.toHaveBeenCalled();
        expect(service.budgets.setBudget).not.toHaveBeenCalled();
        expect(service.budgets.deleteBudget).not.toHaveBeenCalled();
      },
    );
  });
});
