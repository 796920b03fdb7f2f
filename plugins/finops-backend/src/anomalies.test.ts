import type { Entity } from '@backstage/catalog-model';
import { addDays } from '@costwise/plugin-finops-engine';
import {
  entity,
  finopsTestBackend,
  recordingNotifications,
  recordingSignals,
  routeTestDatabases,
} from './__testUtils__/backend';
import { permissionsFactory } from './__testUtils__/permissions';

jest.setTimeout(120_000);

const databases = routeTestDatabases();

/** Two teams' services in one system. */
const catalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity('Group', 'pay-team', { type: 'team', children: [] }),
  entity('System', 'shop', { owner: 'group:default/shop-team' }),
  entity(
    'Component',
    'cart',
    { type: 'service', owner: 'group:default/shop-team', system: 'shop' },
    { 'costwise.dev/tags': 'application=cart' },
  ),
  entity(
    'Component',
    'payments',
    { type: 'service', owner: 'group:default/pay-team', system: 'shop' },
    { 'costwise.dev/tags': 'application=payments' },
  ),
];

/**
 * 70 days from Monday 2025-01-06: cart's instance (100 a day) and function
 * (20 a day; thirty times that on Thursday 2025-03-06), payments' instance
 * (200 a day; 1,500 more on Monday 2025-03-10), each with ±0.5% noise.
 */
function costs(): string {
  const lines = [
    'BillingAccountId,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  ];
  const tag = (app: string) => `"{""application"": ""${app}""}"`;
  for (let i = 0; i < 70; i++) {
    const day = addDays('2025-01-06', i);
    const next = addDays(day, 1);
    const wobble = 1 + (((i * 37) % 11) - 5) / 1000;
    const add = (service: string, resource: string, app: string, n: number) =>
      lines.push(
        `1,USD,${day},${next},${n.toFixed(4)},${n.toFixed(
          4,
        )},AWS,${service},${resource},${tag(app)}`,
      );
    add('Amazon EC2', 'i-cart', 'cart', 100 * wobble);
    add(
      'AWS Lambda',
      'fn-cart',
      'cart',
      20 * wobble * (day === '2025-03-06' ? 30 : 1),
    );
    add(
      'Amazon EC2',
      'i-pay',
      'payments',
      200 * wobble + (day === '2025-03-10' ? 1500 : 0),
    );
  }
  return lines.join('\n');
}

/**
 * Permissions as the demo policy decides them: the shop team's member
 * updates what the shop team owns, the pay team's member updates payments
 * and may not read the cart's cost, the admin may do everything.
 */
const permissions = permissionsFactory(({ user, permission, resourceRef }) => {
  if (permission === 'finops.admin') return user === 'user:default/admin';
  if (permission === 'finops.cost.update')
    return (
      (user === 'user:default/shopper' &&
        ['component:default/cart', 'system:default/shop'].includes(
          resourceRef!,
        )) ||
      (user === 'user:default/payer' &&
        resourceRef === 'component:default/payments')
    );
  return !(
    user === 'user:default/payer' && resourceRef === 'component:default/cart'
  );
});

const { published: signalled, factory: signals } = recordingSignals();
const recorded = recordingNotifications();
const notifications = recorded.factory;
const notified: any[] = recorded.sent;

describe.each(databases.eachSupportedId())(
  'anomaly routes on %p',
  databaseId => {
    const backend = finopsTestBackend();
    const { get, post } = backend;
    const idOn = async (ref: string) =>
      (await get('/anomalies')).body.items.find((a: any) => a.entityRef === ref)
        ?.id as string;

    beforeAll(async () => {
      notified.length = 0;
      signalled.length = 0;
      await backend.start({
        databases,
        databaseId,
        catalog,
        files: { 'costs.csv': costs() },
        features: [permissions, signals, notifications],
        finops: at => ({
          sources: [{ id: 'shop', type: 'focus', location: at('costs.csv') }],
          ingestion: { settleSeconds: 0 },
        }),
      });
      // the ingestion answers once the attribution run it ends with, and
      // that run's listeners (the detection among them), are done
      await post('/sources/shop/ingest');
    });
    afterAll(() => backend.stop());

    it("lists an entity's anomalies, explained, and a rollup's members' once", async () => {
      const cart = await get(
        '/entities/component/default/cart/anomalies',
        'shopper',
      );
      expect(cart.status).toBe(200);
      expect(cart.body.items).toHaveLength(1);
      const [spike] = cart.body.items;
      expect(spike).toEqual(
        expect.objectContaining({
          entityRef: 'component:default/cart',
          resourceId: null,
          scope: 'entity',
          day: '2025-03-06',
          status: 'new',
          canUpdate: true,
          parents: ['group:default/shop-team', 'system:default/shop'],
        }),
      );
      expect(spike.id).toMatch(/^anom_[0-9a-f]{20}$/);
      expect(spike.rootCauses[0]).toEqual(
        expect.objectContaining({ dimension: 'resource', value: 'fn-cart' }),
      );
      expect(spike.explanation).toMatch(/^cart cost .* on Thursday 2025-03-06/);
      expect(spike.statusHistory).toEqual([
        expect.objectContaining({ from: null, to: 'new', actor: 'costwise' }),
      ]);
      expect(cart.body.counts).toEqual({
        new: 1,
        acknowledged: 0,
        resolved: 0,
        expected: 0,
        'not-anomaly': 0,
      });
      expect(cart.body.canUpdate).toBe(true);

      // the system shows its members' anomalies, not one of its own
      const shop = await get('/entities/system/default/shop/anomalies');
      expect(shop.body.items.map((a: any) => [a.entityRef, a.day])).toEqual([
        ['component:default/payments', '2025-03-10'],
        ['component:default/cart', '2025-03-06'],
      ]);
      // another team's member sees its own, and is told one member is hidden
      const payerView = await get(
        '/entities/system/default/shop/anomalies',
        'payer',
      );
      expect(payerView.body.items.map((a: any) => a.entityRef)).toEqual([
        'component:default/payments',
      ]);
      expect(payerView.body.hiddenMembers.count).toBe(1);
      expect(
        (await get('/entities/system/default/shop/anomalies?from=2025-03-08'))
          .body.items,
      ).toHaveLength(1);
    });

    it('notifies the owners of each new anomaly with its explanation and a link to it', async () => {
      const id = await idOn('component:default/cart');
      const sent = notified.filter(
        n => n.payload.scope === `costwise:anomaly:${id}`,
      );
      expect(sent).toHaveLength(1);
      expect(sent[0]).toEqual({
        recipients: { type: 'entity', entityRef: 'component:default/cart' },
        payload: expect.objectContaining({
          title: expect.stringMatching(
            /^Cost anomaly: cart cost [\d,.]+ USD more than expected on Thursday 2025-03-06$/,
          ),
          description: expect.stringContaining('resource fn-cart'),
          link: `/catalog/default/component/cart/costs?anomaly=${id}`,
          topic: 'costwise-anomalies',
        }),
      });
      expect(
        notified
          .filter(n => n.payload.topic === 'costwise-anomalies')
          .map(n => n.recipients.entityRef)
          .sort(),
      ).toEqual(['component:default/cart', 'component:default/payments']);
    });

    it('lets the owners triage, with a history, and refuses the others', async () => {
      const cartId = await idOn('component:default/cart');
      const payId = await idOn('component:default/payments');
      // another team reads but cannot change
      const readOnly = await post(
        `/anomalies/${payId}/status`,
        { status: 'acknowledged' },
        'shopper',
      );
      expect(readOnly.status).toBe(403);
      expect(readOnly.body.error.message).toMatch(/finops.cost.update/);
      expect((await get(`/anomalies/${payId}`, 'shopper')).body.canUpdate).toBe(
        false,
      );
      // and a team that may not read the cost does not see it
      expect((await get(`/anomalies/${cartId}`, 'payer')).status).toBe(403);
      expect(
        (
          await post(
            `/anomalies/${cartId}/status`,
            { status: 'resolved' },
            'payer',
          )
        ).status,
      ).toBe(403);

      const acknowledged = await post(
        `/anomalies/${cartId}/status`,
        { status: 'acknowledged', note: 'a retry storm' },
        'shopper',
      );
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.status).toBe('acknowledged');
      expect(acknowledged.body.acknowledgedAt).toBeDefined();
      expect(signalled.at(-1)).toEqual({
        recipients: { type: 'broadcast' },
        channel: 'finops:anomalies',
        message: {
          id: cartId,
          entityRefs: [
            'component:default/cart',
            'group:default/shop-team',
            'system:default/shop',
          ],
          status: 'acknowledged',
        },
      });
      const resolved = await post(
        `/anomalies/${cartId}/status`,
        { status: 'resolved' },
        'shopper',
      );
      expect(resolved.status).toBe(200);
      expect(
        resolved.body.statusHistory.map((e: any) => [
          e.from,
          e.to,
          e.actor,
          e.note,
        ]),
      ).toEqual([
        [null, 'new', 'costwise', undefined],
        ['new', 'acknowledged', 'user:default/shopper', 'a retry storm'],
        ['acknowledged', 'resolved', 'user:default/shopper', undefined],
      ]);
      // admins may triage any anomaly
      const byAdmin = await post(`/anomalies/${payId}/status`, {
        status: 'expected',
        note: 'the yearly card-network fee',
      });
      expect(byAdmin.status).toBe(200);

      const wrongStep = await post(
        `/anomalies/${cartId}/status`,
        { status: 'expected' },
        'shopper',
      );
      expect(wrongStep.status).toBe(400);
      expect(wrongStep.body.error.message).toMatch(/cannot become expected/);
      expect(
        (await post(`/anomalies/${cartId}/status`, { status: 'nope' })).status,
      ).toBe(400);
      expect(
        (
          await post(`/anomalies/${cartId}/status`, {
            status: 'new',
            reason: 'extra',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post(`/anomalies/${cartId}/status`, {
            status: 'new',
            note: 'x'.repeat(2001),
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post('/anomalies/anom_00000000000000000000/status', {
            status: 'new',
          })
        ).status,
      ).toBe(404);
      expect((await get('/anomalies/anom_00000000000000000000')).status).toBe(
        404,
      );
      expect((await get('/anomalies/not-an-id')).status).toBe(400);
    });

    it('lists for the FinOps page what the caller may read, filtered', async () => {
      const all = await get('/anomalies');
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(2);
      expect(all.body.counts).toEqual(
        expect.objectContaining({ resolved: 1, expected: 1, new: 0 }),
      );
      const payer = await get('/anomalies', 'payer');
      expect(payer.body.items.map((a: any) => a.entityRef)).toEqual([
        'component:default/payments',
      ]);
      expect(
        (await get('/anomalies?status=resolved')).body.items.map(
          (a: any) => a.entityRef,
        ),
      ).toEqual(['component:default/cart']);
      const limited = await get('/anomalies?limit=1');
      expect(limited.body.items).toHaveLength(1);
      expect(limited.body.more).toBe(1);
      expect((await get('/anomalies?status=bogus')).status).toBe(400);
      expect(
        (await get('/anomalies?from=2025-03-10&to=2025-03-01')).status,
      ).toBe(400);
      expect((await get('/anomalies?limit=0')).status).toBe(400);
      expect(
        (await get('/entities/component/default/nope/anomalies')).status,
      ).toBe(404);
    });
  },
);
