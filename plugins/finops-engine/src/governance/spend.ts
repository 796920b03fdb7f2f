import { Decimal, GovernanceSpend } from '@costwise/plugin-finops-common';
import { addDays, monthEnd, previousMonthStart } from '../model';
import { MEASURE_FIELDS } from '../model/measures';
import type {
  AttributionStore,
  FactRow,
  GovernanceStore,
  MonthAllocation,
} from '../stores';
import { monthTo } from './monthData';
import type { GovernanceOptions } from './types';

/** Spend by provider and the top movers of a month against the same days of the month before. */
export async function governanceSpend(
  deps: {
    store: GovernanceStore;
    attributionStore: AttributionStore;
    options: GovernanceOptions;
  },
  latest: string,
  last: string | undefined,
): Promise<GovernanceSpend> {
  const from = `${latest}-01`;
  const to = last ? monthTo(latest, last) : monthEnd(from);
  const days = Number(to.slice(8, 10));
  const prevFrom = previousMonthStart(from);
  const prevTo = addDays(
    prevFrom,
    Math.min(days, Number(monthEnd(prevFrom).slice(8, 10))) - 1,
  );
  const field = MEASURE_FIELDS[deps.options.measure];
  const groups = new Map(
    (await deps.attributionStore.loadGroups()).map(g => [g.id, g]),
  );
  const now = await deps.attributionStore.loadFacts({ from, to });
  const before = await deps.attributionStore.loadFacts({
    from: prevFrom,
    to: prevTo,
  });
  const currency = deps.options.currency ?? now[0]?.currency ?? 'USD';
  const byProvider = new Map<string, [Decimal, Decimal]>();
  const addTo = (rows: FactRow[], i: 0 | 1) => {
    for (const f of rows) {
      if (f.currency !== currency) continue;
      const p = groups.get(f.groupId)?.provider ?? '(unknown)';
      const pair = byProvider.get(p) ?? [Decimal.ZERO, Decimal.ZERO];
      pair[i] = pair[i].add(Decimal.parse(f[field]));
      byProvider.set(p, pair);
    }
  };
  addTo(now, 0);
  addTo(before, 1);
  const movers = new Map<string, [Decimal, Decimal]>();
  const addAlloc = (rows: MonthAllocation[], i: 0 | 1) => {
    for (const a of rows) {
      if (a.currency !== currency) continue;
      const pair = movers.get(a.entityRef) ?? [Decimal.ZERO, Decimal.ZERO];
      pair[i] = pair[i].add(Decimal.parse(a[field]));
      movers.set(a.entityRef, pair);
    }
  };
  addAlloc(await deps.store.allocationsBetween(from, to), 0);
  addAlloc(await deps.store.allocationsBetween(prevFrom, prevTo), 1);
  const change = (a: Decimal, b: Decimal) =>
    b.isZero() ? null : Number(a.sub(b).divide(b, 6).toString());
  return {
    month: latest,
    currency,
    byProvider: [...byProvider]
      .sort((a, b) => b[1][0].compare(a[1][0]))
      .map(([provider, [a, b]]) => ({
        provider,
        amount: a.toFixed(2),
        previous: b.toFixed(2),
        change: change(a, b),
      })),
    topMovers: [...movers]
      .map(([entityRef, [a, b]]) => ({ entityRef, a, b, d: a.sub(b) }))
      .sort(
        (x, y) =>
          y.d.abs().compare(x.d.abs()) ||
          x.entityRef.localeCompare(y.entityRef),
      )
      .slice(0, 10)
      .map(({ entityRef, a, b, d }) => ({
        entityRef,
        amount: a.toFixed(2),
        previous: b.toFixed(2),
        delta: d.toFixed(2),
        change: change(a, b),
      })),
  };
}
