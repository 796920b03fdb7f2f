import { createTestDatabases } from '../../__testUtils__/databases';
import { AttributionStore } from './AttributionStore';
import { applyMigrations } from '../migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const allocation = (
  entityRef: string,
  day: string,
  groupId: string,
  amount: string,
) => ({
  currency: 'USD',
  day,
  billingPeriod: day.slice(0, 7),
  groupId,
  entityRef,
  method: 'tags' as const,
  confidence: 1,
  billedCost: amount,
  effectiveCost: amount,
  listCost: amount,
  contractedCost: amount,
});

describe.each(databases.eachSupportedId())(
  'AttributionStore rollup totals on %p',
  databaseId => {
    it("stores a rollup's totals with the run, equal to its members' allocations", async () => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const store = new AttributionStore(knex);
      const shop = 'system:default/shop';
      const cart = 'component:default/cart';
      const checkout = 'component:default/checkout';
      const allocations = [];
      for (let d = 1; d <= 31; d++) {
        const day = `2025-03-${String(d).padStart(2, '0')}`;
        allocations.push(allocation(cart, day, '1', `0.${d}1`));
        allocations.push(allocation(checkout, day, '2', `1${d}.000000000001`));
      }
      await store.replaceResults({
        allocations,
        evidence: [],
        members: new Map([
          [
            shop,
            new Map([
              [shop, shop],
              [cart, cart],
              [checkout, checkout],
            ]),
          ],
        ]),
      });

      const query = {
        from: '2025-03-01',
        to: '2025-03-31',
        measure: 'EffectiveCost' as const,
        groupings: [
          { by: ['day' as const] },
          { by: ['groupId' as const, 'method' as const], from: '2025-03-02' },
        ],
      };
      const stored = await store.rollupSums(shop, query);
      const scanned = await store.sumAllocations({
        ...query,
        entityRefs: [shop, cart, checkout],
      });
      const plain = (sums: any[][]) =>
        sums.map(list =>
          list
            .map(s => ({
              ...s,
              amount: s.amount.toString(),
              abs: s.abs.toString(),
            }))
            .sort((a, b) =>
              `${a.day}${a.groupId}`.localeCompare(`${b.day}${b.groupId}`),
            ),
        );
      expect(stored).toBeDefined();
      expect(plain(stored!)).toEqual(plain(scanned));
      expect(plain(stored!)[1]).toEqual([
        expect.objectContaining({ groupId: '1', amount: '9.012' }),
        expect.objectContaining({ groupId: '2', amount: '2775.00000000003' }),
      ]);

      // a window other than the stored last 30 days, or a breakdown by member, is left to the scan
      expect(
        await store.rollupSums(shop, {
          ...query,
          groupings: [{ by: ['groupId'], from: '2025-03-05' }],
        }),
      ).toBeUndefined();
      expect(
        await store.rollupSums(shop, {
          ...query,
          groupings: [{ by: ['day', 'entityRef'] }],
        }),
      ).toBeUndefined();

      // a run that attributes nothing (no cost yet, or none mapped) clears the totals
      const before = await store.allocationsVersion();
      await store.replaceResults({
        allocations: [],
        evidence: [],
        members: new Map(),
      });
      expect(await store.allocationsVersion()).not.toBe(before);
      expect(
        Number((await knex('finops_rollup_daily').count({ n: '*' }))[0].n),
      ).toBe(0);
      await knex.destroy();
    });
  },
);
