import type { Entity } from '@backstage/catalog-model';
import {
  engineDatabaseIds,
  startEngine,
  viewerDenied,
} from '../__testUtils__/engine';
import { addDays, eachDay, FixedClock } from '../model';
import { BudgetStore } from '../stores';
import { BudgetService } from './BudgetService';

jest.setTimeout(180_000);

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

const B = 'costwise.dev/budget';

/** A team's system: the cart and search services, and another team's payments service in it. */
const catalog: Entity[] = [
  entity(
    'Group',
    'shop-team',
    { type: 'team', children: [] },
    { [B]: '4000 USD monthly' },
  ),
  entity('Group', 'pay-team', { type: 'team', children: [] }),
  entity(
    'System',
    'shop',
    { owner: 'group:default/shop-team' },
    { [B]: '15000 EUR quarterly' },
  ),
  entity(
    'Component',
    'cart',
    { type: 'service', owner: 'group:default/shop-team', system: 'shop' },
    { 'costwise.dev/tags': 'application=cart', [B]: '1500 USD monthly' },
  ),
  entity(
    'Component',
    'search',
    { type: 'service', owner: 'group:default/shop-team' },
    { 'costwise.dev/tags': 'application=search', [B]: '12OO USD monthly' },
  ),
  entity(
    'Component',
    'payments',
    { type: 'service', owner: 'group:default/pay-team', system: 'shop' },
    { 'costwise.dev/tags': 'application=payments', [B]: '5000 USD monthly' },
  ),
  entity(
    'Resource',
    'db',
    { type: 'database', owner: 'group:default/shop-team' },
    { [B]: '100 USD monthly' },
  ),
];

/** Every day from September 1st to November 20th: cart 40, payments 100, search 10. */
function costs(): string {
  const lines = [
    'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  ];
  for (const day of eachDay('2026-09-01', '2026-11-20')) {
    const period = `${day.slice(0, 7)}-01`;
    const next = addDays(day, 1);
    for (const [app, amount] of [
      ['cart', '40'],
      ['payments', '100'],
      ['search', '10'],
    ])
      lines.push(
        `1,USD,${period},${day},${next},${amount},${amount},AWS,Amazon EC2,i-${app},"{""application"": ""${app}""}"`,
      );
  }
  return lines.join('\n');
}

const byRef = (ref: string) =>
  catalog.find(
    e => `${e.kind}:default/${e.metadata.name}`.toLowerCase() === ref,
  )!;

describe.each(engineDatabaseIds())('budgets on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let budgets: BudgetService;
  const clock = new FixedClock('2026-11-21T06:00:00Z');

  beforeAll(async () => {
    engine = await startEngine({
      csv: costs(),
      entities: catalog,
      clock,
      databaseId,
    });
    await engine.knex('finops_budget_alerts').delete();
    await engine.knex('finops_budgets').delete();
    budgets = new BudgetService({
      store: new BudgetStore(engine.knex),
      views: engine.views,
      attributionStore: engine.attributionStore,
      catalogEntities: async () => catalog,
      options: { currency: 'USD' },
      clock,
    });
  });

  it("judges an annotation's budget against the entity's daily cost, with its history", async () => {
    const res = await budgets.entityBudget(byRef('component:default/cart'));
    expect(res.budget).toEqual({
      entityRef: 'component:default/cart',
      amount: '1500',
      currency: 'USD',
      period: 'monthly',
      source: 'annotation',
      text: '1500 USD monthly',
    });
    expect(res.current).toEqual(
      expect.objectContaining({
        period: { from: '2026-11-01', to: '2026-11-30', label: '2026-11' },
        asOf: '2026-11-20',
        spent: '800',
        burnRate: '40.00',
        daysLeft: 10,
        status: 'on-track',
        owner: 'group:default/shop-team',
      }),
    );
    // the data began before the period: its spend is whole
    expect(res.current!.dataFrom).toBeUndefined();
    expect(Number(res.current!.forecast.amount)).toBeCloseTo(1200, -1);
    expect(res.history).toEqual([
      {
        period: { from: '2026-10-01', to: '2026-10-31', label: '2026-10' },
        spent: '1240',
        shareSpent: 0.826667,
        status: 'on-track',
      },
      {
        period: { from: '2026-09-01', to: '2026-09-30', label: '2026-09' },
        spent: '1200',
        shareSpent: 0.8,
        status: 'on-track',
      },
    ]);
  });

  it('says how to set a budget, or why the annotation could not be read', async () => {
    const search = await budgets.entityBudget(
      byRef('component:default/search'),
    );
    expect(search.empty?.reason).toBe('annotation-malformed');
    expect(search.warnings).toHaveLength(1);
    const team = await budgets.entityBudget(byRef('group:default/pay-team'));
    expect(team.empty).toEqual({
      reason: 'no-budget',
      message: expect.stringContaining(
        "costwise.dev/budget: '1200 USD monthly'",
      ),
    });
    const db = await budgets.entityBudget(byRef('resource:default/db'));
    expect(db.empty?.reason).toBe('kind-not-budgeted');
  });

  it('gives a clear status, not a wrong comparison, when the currencies differ', async () => {
    const res = await budgets.entityBudget(byRef('system:default/shop'));
    expect(res.current).toEqual(
      expect.objectContaining({
        status: 'currency-mismatch',
        thresholdsCrossed: [],
        message: expect.stringMatching(
          /^The budget is in EUR but this entity's cost is in USD/,
        ),
      }),
    );
  });

  it("lets an admin's budget win over the annotation, and checks it", async () => {
    const set = await budgets.setBudget(
      {
        entityRef: 'Component:default/payments',
        amount: '1000',
        period: 'monthly',
      },
      'user:default/finops-admin',
    );
    expect(set).toEqual({
      entityRef: 'component:default/payments',
      amount: '1000',
      currency: 'USD',
      period: 'monthly',
      source: 'admin',
      setBy: 'user:default/finops-admin',
      setAt: '2026-11-21T06:00:00.000Z',
    });
    const res = await budgets.entityBudget(byRef('component:default/payments'));
    expect(res.budget?.source).toBe('admin');
    expect(res.overridden?.amount).toBe('5000');
    expect(res.current).toEqual(
      expect.objectContaining({
        spent: '2000',
        status: 'over',
        owner: 'group:default/pay-team',
      }),
    );
    await expect(
      budgets.setBudget(
        { entityRef: 'resource:default/db', amount: '10', period: 'monthly' },
        'a',
      ),
    ).rejects.toThrow(/Components, Systems and Groups/);
    await expect(
      budgets.setBudget(
        {
          entityRef: 'component:default/nope',
          amount: '10',
          period: 'monthly',
        },
        'a',
      ),
    ).rejects.toThrow(/No entity component:default\/nope/);
    await expect(
      budgets.setBudget(
        {
          entityRef: 'component:default/cart',
          amount: '-10',
          period: 'monthly',
        },
        'a',
      ),
    ).rejects.toThrow(/positive decimal/);
    await expect(
      budgets.setBudget(
        {
          entityRef: 'component:default/cart',
          amount: '10',
          currency: 'dollars',
          period: 'monthly',
        },
        'a',
      ),
    ).rejects.toThrow(/ISO 4217/);
  });

  it("leaves out of a team's budget the members the viewer may not read", async () => {
    const team = byRef('group:default/shop-team');
    const { budget } = await budgets.budgetOf(team);
    const all = await budgets.status(team, budget!);
    const hidden = await budgets.status(team, budget!, {
      viewer: viewerDenied('component:default/cart'),
    });
    expect(Number(all.spent) - Number(hidden.spent)).toBe(800);
    expect(hidden.hiddenMembers?.count).toBe(1);
  });

  it('alerts each threshold once per period, to the owner', async () => {
    const first = await budgets.evaluateAlerts();
    const summary = (alerts: typeof first) =>
      alerts.map(a => [
        a.status.budget.entityRef,
        a.owner,
        a.thresholds.map(t => `${t.kind}:${t.share}`),
      ]);
    expect(summary(first)).toEqual([
      [
        'component:default/payments',
        'group:default/pay-team',
        ['spend:0.8', 'spend:1', 'forecast:1'],
      ],
      ['group:default/shop-team', 'group:default/shop-team', ['forecast:1']],
    ]);
    expect(await budgets.evaluateAlerts()).toEqual([]);
    // an alert that could not be sent is sent by the next evaluation
    await budgets.releaseAlert(first[0]);
    expect(summary(await budgets.evaluateAlerts())).toEqual([
      [
        'component:default/payments',
        'group:default/pay-team',
        ['spend:0.8', 'spend:1', 'forecast:1'],
      ],
    ]);
    // a threshold crossed later in the period alerts alone
    const lower = (amount: string) =>
      budgets.setBudget(
        { entityRef: 'component:default/cart', amount, period: 'monthly' },
        'user:default/finops-admin',
      );
    await lower('950');
    expect(summary(await budgets.evaluateAlerts())).toEqual([
      [
        'component:default/cart',
        'group:default/shop-team',
        ['spend:0.8', 'forecast:1'],
      ],
    ]);
    await lower('700');
    const over = await budgets.evaluateAlerts();
    expect(summary(over)).toEqual([
      ['component:default/cart', 'group:default/shop-team', ['spend:1']],
    ]);
    expect(over[0].status.status).toBe('over');
    await budgets.deleteBudget('component:default/cart');
  });

  it('measures adherence: the share of budgets on track, in all and per team', async () => {
    await budgets.setBudget(
      {
        entityRef: 'component:default/payments',
        amount: '1000',
        period: 'monthly',
      },
      'user:default/finops-admin',
    );
    const november = await budgets.budgetAdherence('2026-11');
    // cart on track, payments over, the team's rollup (150 a day) at risk of
    // its 4000; the EUR system is not compared, search has no budget
    expect(november).toEqual({
      month: '2026-11',
      share: 1 / 3,
      onTrack: 1,
      total: 3,
      byTeam: {
        'group:default/pay-team': { share: 0, onTrack: 0, total: 1 },
        // the team's figures roll up its system, payments included
        'group:default/shop-team': { share: 1 / 3, onTrack: 1, total: 3 },
      },
    });
    const october = await budgets.budgetAdherence('2026-10');
    // payments spent 3100 of 1000 in October
    expect(october.byTeam['group:default/pay-team'].onTrack).toBe(0);
    expect((await budgets.budgetAdherence('2026-06')).message).toBe(
      'no cost data in the month',
    );
    await budgets.deleteBudget('component:default/payments');
    await expect(
      budgets.deleteBudget('component:default/payments'),
    ).rejects.toThrow(/No budget was set by an admin/);
  });
});
