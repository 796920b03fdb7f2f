import type { Entity } from '@backstage/catalog-model';
import {
  entity,
  finopsTestBackend,
  recordingNotifications,
  routeTestDatabases,
} from './__testUtils__/backend';
import { permissionsFactory } from './__testUtils__/permissions';

jest.setTimeout(180_000);

const databases = routeTestDatabases();

const B = 'costwise.dev/budget';
/** The shop team's system and cart, the payments team's service, a secret team's vault. */
const catalog: Entity[] = [
  entity(
    'Group',
    'shop-team',
    { type: 'team', children: [] },
    { [B]: '3000 USD monthly' },
  ),
  entity('Group', 'pay-team', { type: 'team', children: [] }),
  entity('Group', 'secret-team', { type: 'team', children: [] }),
  entity('System', 'shop', { owner: 'group:default/shop-team' }),
  entity(
    'Component',
    'cart',
    { type: 'service', owner: 'group:default/shop-team', system: 'shop' },
    { 'costwise.dev/tags': 'application=cart', [B]: '1500 USD monthly' },
  ),
  entity(
    'Component',
    'payments',
    { type: 'service', owner: 'group:default/pay-team' },
    { 'costwise.dev/tags': 'application=payments' },
  ),
  entity(
    'Component',
    'vault',
    { type: 'service', owner: 'group:default/secret-team' },
    { 'costwise.dev/tags': 'application=vault', [B]: '100 USD monthly' },
  ),
];

/** September 1st to November 20th, 2026: cart 40 a day, payments 100, vault 5. */
function costs(): string {
  const lines = [
    'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  ];
  const day = new Date('2026-09-01T00:00:00Z');
  while (day <= new Date('2026-11-20T00:00:00Z')) {
    const d = day.toISOString().slice(0, 10);
    const next = new Date(day.getTime() + 86_400_000)
      .toISOString()
      .slice(0, 10);
    for (const [app, amount] of [
      ['cart', '40'],
      ['payments', '100'],
      ['vault', '5'],
    ])
      lines.push(
        `1,USD,${d.slice(
          0,
          7,
        )}-01,${d},${next},${amount},${amount},AWS,Amazon EC2,i-${app},"{""application"": ""${app}""}"`,
      );
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return lines.join('\n');
}

/**
 * The admin may do all; the shopper (a shop team member) reads only what
 * the shop team owns; the member may read all but the secret team's.
 */
const shopOwned = [
  'group:default/shop-team',
  'system:default/shop',
  'component:default/cart',
];
const permissions = permissionsFactory(({ user, permission, resourceRef }) => {
  if (user === 'user:default/admin') return true;
  if (permission === 'finops.admin') return false;
  if (user === 'user:default/shopper')
    return !resourceRef || shopOwned.includes(resourceRef);
  return (
    !resourceRef?.includes('secret') &&
    resourceRef !== 'component:default/vault'
  );
});

/** What the plugin sent through the notifications service. */
const { sent, factory: notifications } = recordingNotifications();

describe.each(databases.eachSupportedId())(
  'budget routes on %p',
  databaseId => {
    const backend = finopsTestBackend();
    const { get } = backend;
    const put = (body: object, user = 'admin') =>
      backend.put('/budgets', body, user);
    const sentTo = (group: string) =>
      sent.filter(
        n => n.recipients.type === 'entity' && n.recipients.entityRef === group,
      );

    beforeAll(async () => {
      sent.length = 0;
      await backend.start({
        databases,
        databaseId,
        catalog,
        files: { 'costs.csv': costs() },
        features: [permissions, notifications],
        finops: at => ({
          currency: 'USD',
          sources: [{ id: 'shop', type: 'focus', location: at('costs.csv') }],
          ingestion: { settleSeconds: 0 },
        }),
      });
      // the ingestion answers once the attribution run it ends with, and
      // that run's listeners (the budget alerts among them), are done
      await backend.post('/sources/shop/ingest');
    });
    afterAll(() => backend.stop());

    it("gives an entity's budget to who may read its cost", async () => {
      const cart = await get(
        '/entities/component/default/cart/budget',
        'shopper',
      );
      expect(cart.status).toBe(200);
      expect(cart.body.budget).toEqual(
        expect.objectContaining({
          amount: '1500',
          currency: 'USD',
          period: 'monthly',
          source: 'annotation',
        }),
      );
      expect(cart.body.current).toEqual(
        expect.objectContaining({
          period: { from: '2026-11-01', to: '2026-11-30', label: '2026-11' },
          spent: '800',
          daysLeft: 10,
          burnRate: '40.00',
          status: 'on-track',
        }),
      );
      expect(cart.body.current.series).toHaveLength(30);
      expect(
        cart.body.history.map((h: any) => [h.period.label, h.spent]),
      ).toEqual([
        ['2026-10', '1240'],
        ['2026-09', '1200'],
      ]);
      const refused = await get(
        '/entities/component/default/payments/budget',
        'shopper',
      );
      expect(refused.status).toBe(403);
      const none = await get('/entities/component/default/payments/budget');
      expect(none.status).toBe(200);
      expect(none.body.empty).toEqual({
        reason: 'no-budget',
        message: expect.stringContaining('costwise.dev/budget'),
      });
    });

    it('alerted the owning group once, with a link to the Costs tab, updated in place through its scope', async () => {
      const vault = sentTo('group:default/secret-team');
      expect(vault).toHaveLength(1);
      expect(vault[0].payload).toEqual({
        title: 'vault has spent 100% of its monthly budget for 2026-11',
        description: expect.stringMatching(
          /^At risk: spent 100.00 USD of 100.00 USD \(100%\)/,
        ),
        link: '/catalog/default/component/vault/costs',
        severity: 'high',
        topic: 'costwise-budgets',
        scope: 'finops:budget:component:default/vault:2026-11-01',
      });
      // the cart (53%, forecast 80%) is on track: nothing to say
      expect(sentTo('group:default/shop-team')).toEqual([]);
    });

    it('lets only admins set and remove budgets, which then alert once per threshold', async () => {
      const body = {
        entityRef: 'component:default/payments',
        amount: '1000.50',
        period: 'monthly',
      };
      const refused = await put(body, 'shopper');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /finops.admin permission to set budgets/,
      );
      const bad = await put({ ...body, period: 'weekly' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/period/);
      const badAmount = await put({ ...body, amount: '1,000' });
      expect(badAmount.status).toBe(400);
      expect(badAmount.body.error.message).toMatch(/positive decimal number/);
      expect(
        (await put({ ...body, entityRef: 'component:default/nope' })).status,
      ).toBe(404);
      const ok = await put(body);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({
        entityRef: 'component:default/payments',
        amount: '1000.5',
        currency: 'USD',
        period: 'monthly',
        source: 'admin',
        setBy: 'user:default/admin',
        setAt: expect.any(String),
      });
      const payments = await get('/entities/component/default/payments/budget');
      expect(payments.body.current).toEqual(
        expect.objectContaining({
          spent: '2000',
          status: 'over',
          owner: 'group:default/pay-team',
        }),
      );

      // the next attribution run alerts the payments team; the vault's thresholds are not sent again
      expect((await backend.post('/attribution/run')).status).toBe(200);
      expect(
        sentTo('group:default/pay-team').map(n => [
          n.payload.severity,
          n.payload.scope,
        ]),
      ).toEqual([
        ['high', 'finops:budget:component:default/payments:2026-11-01'],
      ]);
      expect(sentTo('group:default/secret-team')).toHaveLength(1);

      expect(
        (await backend.delete('/budgets/component/default/payments', 'member'))
          .status,
      ).toBe(403);
      const removed = await backend.delete(
        '/budgets/component/default/payments',
      );
      expect(removed.status).toBe(204);
      const again = await backend.delete('/budgets/component/default/payments');
      expect(again.status).toBe(404);
    });

    it('lists the budgets the caller may read, with the adherence, for the FinOps page', async () => {
      const member = await get('/budgets', 'member');
      expect(member.status).toBe(200);
      expect(member.body.items.map((s: any) => s.budget.entityRef)).toEqual([
        'component:default/cart',
        'group:default/shop-team',
      ]);
      expect(member.body.hiddenBudgets).toBe(1);
      expect(member.body.canAdminister).toBe(false);
      expect(member.body.adherence).toEqual({ share: 1, onTrack: 2, total: 2 });
      const admin = await get('/budgets');
      expect(admin.body.items).toHaveLength(3);
      expect(admin.body.canAdminister).toBe(true);
      expect(admin.body.hiddenBudgets).toBeUndefined();
    });

    it("gives a team's own and its components' budgets on its team view", async () => {
      const team = await get(
        '/entities/group/default/shop-team/budgets',
        'shopper',
      );
      expect(team.status).toBe(200);
      expect(team.body.team).toBe('group:default/shop-team');
      expect(
        team.body.items.map((s: any) => [s.budget.entityRef, s.status]),
      ).toEqual([
        ['component:default/cart', 'on-track'],
        ['group:default/shop-team', 'on-track'],
      ]);
      expect(team.body.adherence).toEqual({ share: 1, onTrack: 2, total: 2 });
      expect(
        (await get('/entities/component/default/cart/budgets')).status,
      ).toBe(400);
      expect(
        (await get('/entities/group/default/secret-team/budgets', 'member'))
          .status,
      ).toBe(403);
    });
  },
);
