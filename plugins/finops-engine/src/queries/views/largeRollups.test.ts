import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startEngine } from '../../__testUtils__/engine';

jest.setTimeout(300_000);

/** Members of the rollups: more than twice the ids one query takes. */
const SERVICES = 1200;

const entity = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: spec as any,
});

const names = Array.from(
  { length: SERVICES },
  (_, i) => `svc-${String(i).padStart(4, '0')}`,
);

/** One team owns one System of 1,200 services, each with its own resource. */
const catalog: Entity[] = [
  entity('Group', 'big-team', { type: 'team', children: [] }),
  entity('System', 'big', { owner: 'group:default/big-team' }),
  ...names.map(name =>
    entity(
      'Component',
      name,
      {
        type: 'service',
        owner: 'group:default/big-team',
        system: 'system:default/big',
      },
      { 'costwise.dev/tags': `app=${name}` },
    ),
  ),
];

/** Service i costs (i + 1).0i on day 1 + i % 28 of March: all different. */
const amountOf = (i: number) => `${i + 1}.${String(i % 100).padStart(2, '0')}`;
const dayOf = (i: number) => `2025-03-${String(1 + (i % 28)).padStart(2, '0')}`;
const csv = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  ...names.map((name, i) => {
    const day = dayOf(i);
    const end = `2025-03-${String(2 + (i % 28)).padStart(2, '0')}`;
    const a = amountOf(i);
    return `111,USD,2025-03-01,${day},${end},${a},${a},AWS,Amazon EC2,i-${name},"{""app"": ""${name}""}"`;
  }),
].join('\n');

const expectedTotal = Decimal.sum(
  names.map((_, i) => Decimal.parse(amountOf(i))),
);
const expectedByDay = new Map<string, Decimal>();
names.forEach((_, i) =>
  expectedByDay.set(
    dayOf(i),
    (expectedByDay.get(dayOf(i)) ?? Decimal.ZERO).add(
      Decimal.parse(amountOf(i)),
    ),
  ),
);
const march = { from: '2025-03-01', to: '2025-03-31' };

describe.each(engineDatabaseIds())(
  'rollups of 1,200 members on %p',
  databaseId => {
    let engine: Awaited<ReturnType<typeof startEngine>>;
    /** The most bound parameters any one query took while the views answered. */
    let maxBindings = 0;
    beforeAll(async () => {
      engine = await startEngine({ csv, entities: catalog, databaseId });
      engine.knex.on('query', (q: { bindings?: unknown[] }) => {
        maxBindings = Math.max(maxBindings, q.bindings?.length ?? 0);
      });
    });
    beforeEach(() => {
      maxBindings = 0;
    });
    const refs = ['system:default/big', 'group:default/big-team'];

    it('answers the exact totals per day and per resource', async () => {
      expect(expectedTotal.toString()).toBe('721194');
      for (const ref of refs) {
        for (const groupBy of ['child', 'resource'] as const) {
          const costs = await engine.views.costs(engine.entity(ref), {
            ...march,
            granularity: 'day',
            groupBy,
          });
          expect(costs.total).toBe(expectedTotal.toString());
          expect(
            Object.fromEntries(
              costs.totals
                .filter(p => p.amount !== '0')
                .map(p => [p.date, p.amount]),
            ),
          ).toEqual(
            Object.fromEntries(
              [...expectedByDay].map(([day, amount]) => [
                day,
                amount.toString(),
              ]),
            ),
          );
        }
      }
      // no query bound more ids than a chunk of them takes
      expect(maxBindings).toBeGreaterThan(0);
      expect(maxBindings).toBeLessThanOrEqual(1010);
    });

    it('pages through all 1,200 resources, each with its evidence', async () => {
      for (const ref of refs) {
        const whole = await engine.views.resources(engine.entity(ref), {
          ...march,
          limit: SERVICES,
        });
        expect(whole.total).toBe(expectedTotal.toString());
        expect(whole.page?.rows).toBe(SERVICES);
        expect(whole.items).toHaveLength(SERVICES);
        expect(new Set(whole.items.map(i => i.resourceId)).size).toBe(SERVICES);
        // evidence found for every row (a missing one would be a blank default)
        for (const item of whole.items) {
          const name = item.resourceId!.slice('i-'.length);
          expect(item.evidence).toEqual(
            expect.objectContaining({
              method: 'tags',
              entityRef: `component:default/${name}`,
            }),
          );
        }
        // largest first
        expect(whole.items[0].resourceId).toBe('i-svc-1199');

        const pages = [];
        for (let offset = 0; offset < SERVICES; offset += 500)
          pages.push(
            await engine.views.resources(engine.entity(ref), {
              ...march,
              offset,
              limit: 500,
            }),
          );
        expect(pages.map(p => p.items.length)).toEqual([500, 500, 200]);
        const paged = pages.flatMap(p => p.items);
        expect(paged.map(i => [i.groupId, i.amount])).toEqual(
          whole.items.map(i => [i.groupId, i.amount]),
        );
        expect(
          Decimal.sum(paged.map(i => Decimal.parse(i.amount))).toString(),
        ).toBe(expectedTotal.toString());
      }
      expect(maxBindings).toBeLessThanOrEqual(1010);
    });

    it("reads the evidence of all 1,200 groups and members (as Ask's answers do)", async () => {
      const members = Array.from(
        { length: SERVICES },
        (_, i) => `component:default/${names[i]}`,
      );
      const { items } = await engine.views.resources(
        engine.entity('system:default/big'),
        { ...march, limit: SERVICES },
      );
      const groupIds = items.map(i => i.groupId);
      maxBindings = 0;
      const rows = await engine.attributionStore.evidence({
        groupIds,
        entityRefs: members,
      });
      expect(rows).toHaveLength(SERVICES);
      expect(new Set(rows.map(r => r.entityRef)).size).toBe(SERVICES);
      expect(maxBindings).toBeLessThanOrEqual(1010);
    });
  },
);
