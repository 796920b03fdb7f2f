import { Decimal } from '@costwise/plugin-finops-common';
import { startDemoEngine } from '../__testUtils__/engine';
import { GovernanceStore, RecommendationStore } from '../stores';
import { GovernanceService } from './GovernanceService';

jest.setTimeout(120_000);

describe('the KPIs on the demo data', () => {
  let engine: Awaited<ReturnType<typeof startDemoEngine>>;
  let governance: GovernanceService;
  beforeAll(async () => {
    engine = await startDemoEngine();
    governance = new GovernanceService({
      store: new GovernanceStore(engine.knex),
      attributionStore: engine.attributionStore,
      recommendations: new RecommendationStore(engine.knex),
      unitCosts: engine.unitCosts,
      catalogEntities: async () => engine.entities,
      options: {
        measure: 'EffectiveCost',
        currency: 'USD',
        targets: {},
        teamTargets: [],
        overhead: [],
        accountOwners: {},
      },
    });
  });

  it("is each team's 3-month unit-cost trend, with the 6- and 12-month ones beside it, and the organization's is their median", async () => {
    const kpis = await governance.kpis();
    const team = engine.entity('group:default/checkout-team');
    const card = kpis.teams.find(
      t => t.team === 'group:default/checkout-team',
    )!;
    const trend = card.kpis.find(k => k.id === 'unit-cost-trend')!;
    const month = kpis.month;
    const monthStart = (back: number) => {
      const d = new Date(`${month}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - back);
      return d.toISOString().slice(0, 10);
    };
    const unit = await engine.unitCosts.unitCost(team, {
      from: monthStart(2),
      to: engine.end,
      granularity: 'month',
    });
    expect(trend.value).toBe(unit.trend.ratio);
    expect(trend.detail).toEqual(
      expect.objectContaining({
        change3m: unit.trend.ratio,
        change6m: expect.anything(),
        change12m: expect.anything(),
      }),
    );
    const values = kpis.teams
      .map(t => t.kpis.find(k => k.id === 'unit-cost-trend')!.value)
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    const mid = (values.length - 1) / 2;
    expect(
      kpis.organization.find(k => k.id === 'unit-cost-trend')!.value,
    ).toBeCloseTo((values[Math.floor(mid)] + values[Math.ceil(mid)]) / 2, 10);
  });

  it('measures the coverage of the teams that name accounts in the catalog, on the cost in those accounts', async () => {
    const kpis = await governance.kpis();
    const from = `${kpis.month}-01`;
    const groups = new Map(
      (await engine.attributionStore.loadGroups()).map(g => [g.id, g]),
    );
    const facts = await engine.attributionStore.loadFacts({
      from,
      to: engine.end,
    });
    const allocations = await new GovernanceStore(
      engine.knex,
    ).allocationsBetween(from, engine.end);
    // independently: the USD cost of the month in the accounts, and its attributed part
    const expected = (accounts: string[]) => {
      const inAccounts = new Set(
        [...groups.values()]
          .filter(g =>
            accounts.some(
              a => a === g.subAccountId || a === g.billingAccountId,
            ),
          )
          .map(g => g.id),
      );
      const sum = (
        rows: Array<{
          groupId: string;
          currency: string;
          effectiveCost: string;
        }>,
      ) =>
        Decimal.sum(
          rows
            .filter(r => r.currency === 'USD' && inAccounts.has(r.groupId))
            .map(r => Decimal.parse(r.effectiveCost)),
        );
      return { total: sum(facts), attributed: sum(allocations) };
    };
    const coverageOf = (team: string) =>
      kpis.teams
        .find(t => t.team === team)!
        .kpis.find(k => k.id === 'attribution-coverage')!;
    for (const [team, accounts] of [
      // on the Group
      ['group:default/infra-team', ['210987654321']],
      // on the System data-platform, which the team owns
      ['group:default/data-team', ['acme-data-prod', 'acme-data-staging']],
    ] as const) {
      const { total, attributed } = expected([...accounts]);
      expect(total.isZero()).toBe(false);
      const coverage = coverageOf(team);
      expect(coverage.detail).toEqual(
        expect.objectContaining({
          total: total.toString(),
          attributed: attributed.toString(),
        }),
      );
      expect(coverage.value).toBe(
        Number(attributed.divide(total, 6).toString()),
      );
    }
    // a team that names no account is still not measured
    expect(coverageOf('group:default/checkout-team').value).toBeNull();
  });
});
