import { Decimal } from '@costwise/plugin-finops-common';
import { monthEnd } from '../model';
import { MEASURE_FIELDS } from '../model/measures';
import type {
  AttributionStore,
  FactRow,
  GovernanceStore,
  GroupDetails,
  MonthAllocation,
} from '../stores';
import { addTo, GovernanceOptions } from './types';

/** A month's facts and allocations in the currency its KPIs are computed in. */
export interface MonthData {
  month: string;
  /** The first day of the month. */
  from: string;
  /** The month's last day, or the last day with data when earlier. */
  to: string;
  currency: string;
  groups: Map<string, GroupDetails>;
  facts: FactRow[];
  allocations: MonthAllocation[];
  amountOf(row: FactRow | MonthAllocation): Decimal;
  /** The facts' total. */
  total: Decimal;
  /** Per fact group: its facts, the allocations by any rule and by explicit rules. */
  totalByGroup: Map<string, Decimal>;
  attributedByGroup: Map<string, Decimal>;
  explicitByGroup: Map<string, Decimal>;
}

/** The last day of `month` the data covers. */
export function monthTo(month: string, lastDay: string): string {
  const end = monthEnd(`${month}-01`);
  return end < lastDay ? end : lastDay;
}

/** Whether an allocation comes from an explicit rule rather than inference. */
export const isExplicit = (a: MonthAllocation) => a.method !== 'inference';

/**
 * Reads a month. `facts` are the month's facts when the caller read them
 * already (every currency).
 */
export async function loadMonth(
  deps: {
    store: GovernanceStore;
    attributionStore: AttributionStore;
    options: GovernanceOptions;
  },
  month: string,
  lastDay: string,
  facts?: FactRow[],
): Promise<MonthData> {
  const { options, attributionStore } = deps;
  const field = MEASURE_FIELDS[options.measure];
  const amountOf = (row: FactRow | MonthAllocation) =>
    Decimal.parse(row[field]);
  const from = `${month}-01`;
  const to = monthTo(month, lastDay);
  const all = facts ?? (await attributionStore.loadFacts({ from, to }));
  const groups = new Map(
    (await attributionStore.loadGroups()).map(g => [g.id, g]),
  );
  const byCurrency = new Map<string, Decimal>();
  for (const f of all) addTo(byCurrency, f.currency, amountOf(f));
  const currency =
    options.currency ??
    [...byCurrency].sort((a, b) => b[1].compare(a[1]))[0]?.[0] ??
    'USD';
  const allocations = (await deps.store.allocationsBetween(from, to)).filter(
    a => a.currency === currency,
  );
  const inCurrency = all.filter(f => f.currency === currency);
  const totalByGroup = new Map<string, Decimal>();
  for (const f of inCurrency) addTo(totalByGroup, f.groupId, amountOf(f));
  const attributedByGroup = new Map<string, Decimal>();
  const explicitByGroup = new Map<string, Decimal>();
  for (const a of allocations) {
    addTo(attributedByGroup, a.groupId, amountOf(a));
    if (isExplicit(a)) addTo(explicitByGroup, a.groupId, amountOf(a));
  }
  return {
    month,
    from,
    to,
    currency,
    groups,
    facts: inCurrency,
    allocations,
    amountOf,
    total: Decimal.sum([...totalByGroup.values()]),
    totalByGroup,
    attributedByGroup,
    explicitByGroup,
  };
}
