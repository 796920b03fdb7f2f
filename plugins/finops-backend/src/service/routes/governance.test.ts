import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  ALICE,
  FakeCaller,
  refOf,
  routerWithFakes,
} from '../__testUtils__/routerWithFakes';

/** A fake governance service that echoes what it was asked. */
function fakeGovernance() {
  return {
    kpis: jest.fn(async (options: { month?: string; viewer?: any }) => ({
      month: options.month ?? '2025-03',
      organization: [],
      teams: [],
    })),
    spend: jest.fn(async (month?: string) => ({
      month: month ?? '2025-03',
      providers: [],
      movers: [],
    })),
    targets: jest.fn(async () => [
      { kpi: 'attribution-coverage', target: 0.95 },
    ]),
    setTarget: jest.fn(async (change: object, setBy: string) => ({
      ...change,
      setBy,
    })),
    scorecard: jest.fn(async (team: Entity, month?: string) => ({
      team: refOf(team),
      month: month ?? '2025-03',
      kpis: [],
    })),
  };
}

async function setup(caller: FakeCaller = {}) {
  const governance = fakeGovernance();
  return { governance, ...(await routerWithFakes({ governance }, caller)) };
}

const badMonths = ['2026-13', '2026-00', '2026-3', 'march'];

describe('the governance routes', () => {
  it('tells the page whether the caller is an admin', async () => {
    const admin = await setup();
    const yes = await request(admin.app)
      .get('/governance/access')
      .set('Authorization', admin.user);
    expect(yes.status).toBe(200);
    expect(yes.body).toEqual({ admin: true });
    const user = await setup({ denied: ['finops.admin'] });
    const no = await request(user.app)
      .get('/governance/access')
      .set('Authorization', user.user);
    expect(no.body).toEqual({ admin: false });
    const service = await setup({
      caller: mockCredentials.service('external:job'),
      adminServices: ['external:job'],
    });
    expect((await request(service.app).get('/governance/access')).body).toEqual(
      { admin: true },
    );
  });

  describe("the organization's KPIs", () => {
    it('hands the service the month and the caller as a viewer', async () => {
      const { app, governance, user } = await setup({
        denied: ['component:default/secret'],
      });
      const res = await request(app)
        .get('/governance/kpis?month=2025-02')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        month: '2025-02',
        organization: [],
        teams: [],
      });
      const { month, viewer } = governance.kpis.mock.calls[0][0];
      expect(month).toBe('2025-02');
      expect(
        await viewer.readable([
          'component:default/cart',
          'component:default/secret',
        ]),
      ).toEqual(new Set(['component:default/cart']));
      await request(app).get('/governance/kpis').set('Authorization', user);
      expect(governance.kpis.mock.calls[1][0].month).toBeUndefined();
    });

    it.each(badMonths)('answers 400 for month=%s', async month => {
      const { app, governance, user } = await setup();
      const res = await request(app)
        .get(`/governance/kpis?month=${month}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'Invalid request: month must be a month YYYY-MM',
      );
      expect(governance.kpis).not.toHaveBeenCalled();
    });
  });

  describe('spend by provider', () => {
    it('is for admins, of the month asked', async () => {
      const { app, governance, user } = await setup();
      const res = await request(app)
        .get('/governance/spend?month=2025-01')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.month).toBe('2025-01');
      expect(governance.spend).toHaveBeenCalledWith('2025-01');

      const denied = await setup({ denied: ['finops.admin'] });
      const refused = await request(denied.app)
        .get('/governance/spend')
        .set('Authorization', denied.user);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        "You need the finops.admin permission to read the organization's spend",
      );
      expect(denied.governance.spend).not.toHaveBeenCalled();
    });

    it('answers 400 for a month that is not one', async () => {
      const { app, user } = await setup();
      const res = await request(app)
        .get('/governance/spend?month=2026-13')
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid request: month /);
    });
  });

  describe('KPI targets', () => {
    it('lists the targets for anyone signed in', async () => {
      const { app, user } = await setup({ denied: ['finops.admin'] });
      const res = await request(app)
        .get('/governance/targets')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [{ kpi: 'attribution-coverage', target: 0.95 }],
      });
    });

    it("sets a target with who set it, a team's ref in lower case", async () => {
      const { app, governance, user } = await setup();
      const res = await request(app)
        .put('/governance/targets')
        .set('Authorization', user)
        .send({
          kpi: 'explicit-coverage',
          team: 'Group:default/Team',
          target: 0.8,
        });
      expect(res.status).toBe(200);
      expect(governance.setTarget).toHaveBeenCalledWith(
        { kpi: 'explicit-coverage', team: 'group:default/team', target: 0.8 },
        ALICE,
      );
      expect(res.body.setBy).toBe(ALICE);
      // null removes the organization's target
      await request(app)
        .put('/governance/targets')
        .set('Authorization', user)
        .send({ kpi: 'explicit-coverage', target: null });
      expect(governance.setTarget).toHaveBeenLastCalledWith(
        { kpi: 'explicit-coverage', target: null },
        ALICE,
      );
    });

    it.each([
      [{ kpi: 'happiness', target: 1 }, 'kpi'],
      [{ kpi: 'explicit-coverage', target: '0.8' }, 'target'],
      [{ kpi: 'explicit-coverage' }, 'target'],
      [{ kpi: 'explicit-coverage', target: 1, by: 'me' }, 'by'],
      [{ kpi: 'explicit-coverage', team: '', target: 1 }, 'team'],
    ])('answers 400 for %j, naming what is wrong', async (body, message) => {
      const { app, governance, user } = await setup();
      const res = await request(app)
        .put('/governance/targets')
        .set('Authorization', user)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid request: /);
      expect(res.body.error.message).toContain(message);
      expect(governance.setTarget).not.toHaveBeenCalled();
    });

    it('answers 403 to a user without finops.admin', async () => {
      const { app, governance, user } = await setup({
        denied: ['finops.admin'],
      });
      const res = await request(app)
        .put('/governance/targets')
        .set('Authorization', user)
        .send({ kpi: 'explicit-coverage', target: 1 });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'You need the finops.admin permission to change KPI targets',
      );
      expect(governance.setTarget).not.toHaveBeenCalled();
    });
  });

  describe("a team's scorecard", () => {
    it('hands the service the team and the month', async () => {
      const { app, governance, user } = await setup();
      const res = await request(app)
        .get('/entities/group/default/team/scorecard?month=2025-02')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        team: 'group:default/team',
        month: '2025-02',
        kpis: [],
      });
      expect(governance.scorecard.mock.calls[0][1]).toBe('2025-02');
    });

    it("is a Group's: 400 for another kind or a bad month, 403 and 404 as the team's page", async () => {
      const { app, governance, user } = await setup({
        denied: ['group:default/team'],
      });
      const get = (url: string) =>
        request(app).get(`/entities${url}`).set('Authorization', user);
      const component = await get('/component/default/cart/scorecard');
      expect(component.status).toBe(400);
      expect(component.body.error.message).toMatch(/a Group/);
      const month = await get('/group/default/team/scorecard?month=2026-13');
      expect(month.status).toBe(400);
      expect(month.body.error.message).toMatch(/^Invalid request: month /);
      const denied = await get('/group/default/team/scorecard');
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'You are not allowed to read the cost of group:default/team',
      );
      expect((await get('/group/default/nobody/scorecard')).status).toBe(404);
      expect(governance.scorecard).not.toHaveBeenCalled();
    });
  });
});
