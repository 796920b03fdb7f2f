import type { CostMeasure } from '@costwise/plugin-finops-common';
import type { AttributionPass } from '../attribution';
import { MEASURE_FIELDS } from '../model/measures';
import type {
  AnomalyRow,
  AnomalyStore,
  AttributionStore,
  FactQuantity,
  GroupDetails,
} from '../stores';

/** A fact group's dimensions and its stable key. @public */
export interface AnomalyGroup extends GroupDetails {
  key: string;
}

/**
 * Where detection reads the cost: the stored allocations of the last
 * attribution run (the backend), or allocations an attribution pass just
 * computed from the stored facts (the CLI). Both give the same rows for the
 * same facts and catalog.
 *
 * @public
 */
export interface AnomalyData {
  /** The first and last day with cost facts. */
  days(): Promise<{ first: string; last: string } | undefined>;
  /** The allocations in one measure on the days, of every entity or of some. */
  read(
    query: { days: string[]; measure: CostMeasure; entityRefs?: string[] },
    sink: (row: AnomalyRow) => void,
  ): Promise<void>;
  /** Every rollup's members (itself included), with the direct child each rolls up through. */
  members(): Promise<Map<string, Map<string, string>>>;
  groups(ids: string[]): Promise<AnomalyGroup[]>;
  /** The facts' cost and quantity where a quantity was reported. */
  quantities(
    groupIds: string[],
    days: string[],
    measure: CostMeasure,
  ): Promise<FactQuantity[]>;
}

/** The stored allocations of the latest attribution run. @public */
export function storedAnomalyData(
  store: AnomalyStore,
  attributionStore: Pick<AttributionStore, 'loadGroups'>,
): AnomalyData {
  return {
    days: () => store.factDays(),
    read: (query, sink) => store.allocations(query, sink),
    members: () => store.members(),
    async groups(ids) {
      const [groups, keys] = await Promise.all([
        attributionStore.loadGroups(ids),
        store.groupKeys(ids),
      ]);
      return groups.map(g => ({ ...g, key: keys.get(g.id) ?? g.id }));
    },
    quantities: (groupIds, days, measure) =>
      store.factQuantities(groupIds, days, measure),
  };
}

/**
 * Allocations an attribution pass computed (from the stored facts and a
 * catalog), with the store for what the pass does not hold: the days with
 * facts, group keys and quantities.
 *
 * @public
 */
export function passAnomalyData(
  pass: Pick<AttributionPass, 'allocations' | 'members'>,
  store: AnomalyStore,
  attributionStore: Pick<AttributionStore, 'loadGroups'>,
): AnomalyData {
  const stored = storedAnomalyData(store, attributionStore);
  return {
    ...stored,
    async read(query, sink) {
      const field = MEASURE_FIELDS[query.measure];
      const days = new Set(query.days);
      const refs = query.entityRefs ? new Set(query.entityRefs) : undefined;
      for (const a of pass.allocations) {
        if (!days.has(a.day) || (refs && !refs.has(a.entityRef))) continue;
        sink({
          day: a.day,
          groupId: a.groupId,
          entityRef: a.entityRef,
          currency: a.currency,
          amount: a[field],
        });
      }
    },
    members: async () => pass.members,
  };
}
