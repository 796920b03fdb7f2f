import { startDemoEngine } from '../__testUtils__/engine';
import { BudgetService } from '../budgets';
import { BudgetStore } from '../stores';

jest.setTimeout(240_000);

/**
 * The demo catalog's budgets on the demo data as `npm start` runs it: one
 * on track, one at risk and one over, whichever day the data ends on (the
 * data ends yesterday): the last day of a month, and late in a quarter.
 */
describe.each(['2026-11-30', '2026-12-20'])(
  'the demo budgets, data ending %s',
  end => {
    let budgets: BudgetService;
    let engine: Awaited<ReturnType<typeof startDemoEngine>>;
    beforeAll(async () => {
      engine = await startDemoEngine({ end });
      budgets = new BudgetService({
        store: new BudgetStore(engine.knex),
        views: engine.views,
        attributionStore: engine.attributionStore,
        catalogEntities: async () => engine.entities,
        options: { currency: 'USD' },
      });
    });

    it('show all three statuses', async () => {
      const statuses = await budgets.currentStatuses(await budgets.budgeted());
      expect(
        statuses.map(s => [s.budget.entityRef, s.budget.period, s.status]),
      ).toEqual([
        ['component:default/checkout-api', 'monthly', 'on-track'],
        ['component:default/similar-items-model', 'monthly', 'over'],
        ['system:default/recommendations', 'quarterly', 'at-risk'],
      ]);
      const atRisk = statuses[2];
      expect(Number(atRisk.spent)).toBeLessThan(15000);
      expect(Number(atRisk.forecast.amount)).toBeGreaterThan(15000);
      expect(atRisk.owner).toBe('group:default/ml-team');
      expect(atRisk.period.label).toBe('2026-Q4');
    });

    it("alerts the owning teams, and puts the team's budgets on its view", async () => {
      const alerts = await budgets.evaluateAlerts();
      expect(alerts.map(a => [a.status.budget.entityRef, a.owner])).toEqual([
        ['component:default/similar-items-model', 'group:default/ml-team'],
        ['system:default/recommendations', 'group:default/ml-team'],
      ]);
      expect(await budgets.evaluateAlerts()).toEqual([]);
      const adherence = await budgets.budgetAdherence(end.slice(0, 7));
      expect(adherence).toEqual(
        expect.objectContaining({ onTrack: 1, total: 3 }),
      );
      expect(adherence.byTeam['group:default/ml-team']).toEqual({
        share: 0,
        onTrack: 0,
        total: 2,
      });
      expect(adherence.byTeam['group:default/checkout-team']).toEqual({
        share: 1,
        onTrack: 1,
        total: 1,
      });
    });
  },
);
