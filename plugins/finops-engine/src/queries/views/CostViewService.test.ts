import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import type {
  AllocationSum,
  AllocationSumQuery,
  AttributionStore,
} from '../../stores';
import { CostViewService } from './CostViewService';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'shop-team', namespace: 'default' },
  spec: { type: 'team' },
};

/** An attribution store held in memory: allocations of two components of one team. */
function fakeStore() {
  const state = {
    runId: 'run-1',
    rows: [
      {
        entityRef: 'component:default/cart',
        day: '2025-03-01',
        amount: '10.5',
      },
      {
        entityRef: 'component:default/checkout',
        day: '2025-03-01',
        amount: '20.25',
      },
    ],
    suggestions: [
      {
        groupId: '7',
        entity: 'component:default/cart',
        confidence: 0.4,
        amount: '3.5',
        currency: 'USD',
      },
      {
        groupId: '8',
        entity: 'component:default/checkout',
        confidence: 0.5,
        amount: '1.25',
        currency: 'USD',
      },
      {
        groupId: '9',
        entity: 'component:default/checkout',
        confidence: 0.5,
        amount: '9',
        currency: 'EUR',
      },
      {
        groupId: '10',
        entity: 'component:default/other',
        confidence: 0.5,
        amount: '100',
        currency: 'USD',
      },
    ],
    sums: 0,
  };
  const store = {
    members: async () =>
      new Map([
        ['group:default/shop-team', 'group:default/shop-team'],
        ['component:default/cart', 'component:default/cart'],
        ['component:default/checkout', 'component:default/checkout'],
      ]),
    latestRunId: async () => state.runId,
    allocationsVersion: async () => state.runId,
    allocationDays: async () => ({ first: '2025-03-01', last: '2025-03-01' }),
    latestRun: async () => ({
      id: state.runId,
      report: { warnings: [], suggestions: state.suggestions },
    }),
    freshness: async () => [
      { sourceId: 'aws', lastDay: '2025-03-01', ingestedAt: '2025-03-02' },
    ],
    loadGroups: async () => [],
    rollupSums: async () => undefined,
    evidence: async () => [],
    sumAllocations: async (query: AllocationSumQuery) => {
      state.sums++;
      return query.groupings.map(grouping => {
        const sums = new Map<string, AllocationSum>();
        for (const row of state.rows) {
          if (!query.entityRefs.includes(row.entityRef)) continue;
          const keys: Record<string, string> = {
            day: row.day,
            month: row.day.slice(0, 7),
            entityRef: row.entityRef,
            method: 'tags',
            groupId: '1',
          };
          const id = grouping.by.map(k => keys[k]).join('|');
          const amount = Decimal.parse(row.amount);
          const known = sums.get(id);
          if (known) {
            known.amount = known.amount.add(amount);
            known.abs = known.abs.add(amount);
            known.rows++;
          } else {
            const sum: any = { currency: 'USD', amount, abs: amount, rows: 1 };
            for (const k of grouping.by) sum[k] = keys[k];
            sums.set(id, sum);
          }
        }
        return [...sums.values()];
      });
    },
  };
  return { state, store: store as unknown as AttributionStore };
}

const query = {
  from: '2025-03-01',
  to: '2025-03-31',
  granularity: 'day' as const,
  groupBy: 'child' as const,
};

describe('CostViewService', () => {
  it("counts the unconfirmed suggestions of a team's members, summing those in the shown currency", async () => {
    const { store } = fakeStore();
    const views = new CostViewService(store, { measure: 'EffectiveCost' });
    const costs = await views.costs(team, query);
    expect(costs.total).toBe('30.75');
    expect(costs.suggestions).toEqual({
      count: 3,
      amount: '4.75',
      currency: 'USD',
    });

    // a member the viewer may not read brings neither cost nor suggestions
    const limited = await views.costs(team, query, {
      readable: async refs =>
        new Set(refs.filter(r => r !== 'component:default/checkout')),
    });
    expect(limited.total).toBe('10.5');
    expect(limited.suggestions).toEqual({
      count: 1,
      amount: '3.5',
      currency: 'USD',
    });
    expect(limited.hiddenMembers?.count).toBe(1);
  });
});
