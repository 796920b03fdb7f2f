import { CostMeasure, Decimal } from '@costwise/plugin-finops-common';
import { MEASURE_FIELDS } from '../../model/measures';
import type { AttributionStore } from '../../stores';
import type { CostViewer } from '../../queries';
import type { AskGroups } from './groups';
import type { AskGroup } from './dimensions';

/** One day of one fact group's cost, attributed to one entity (or to none). */
export interface CubeRow {
  day: string;
  groupId: string;
  /** Null for cost no rule attributed. */
  entityRef: string | null;
  amount: Decimal;
}

/**
 * Who the cost in scope belongs to: an entity and the members of its
 * rollup the asker may read, or the whole organization.
 */
export interface CostScope {
  /** Null for the organization. */
  ref: string | null;
  /** Member ref → the direct child it rolls up through (the entity itself included). */
  members: Map<string, string>;
  /** Members left out because the asker may not read them. */
  hidden: number;
}

/** What a question reads its cost from. */
export interface CubeReads {
  store: Pick<AttributionStore, 'sumAllocations' | 'loadFacts' | 'latestRun'>;
  groups: AskGroups;
  viewer?: CostViewer;
  /** Whether unattributed cost may be shown (admins, and tools without a viewer). */
  canReadUnattributed: boolean;
  /** The configured currency. */
  currency?: string;
}

/** The rows of cost of a scope over a range, in one currency. */
export interface Cube {
  rows: CubeRow[];
  currency: string;
  groups: Map<string, AskGroup>;
  /** What was read: `allocations` and/or `facts`. */
  sources: string[];
}

const key = (currency: string, day: string, groupId: string) =>
  `${currency}\u0001${day}\u0001${groupId}`;

/**
 * The currency answers are given in: the one asked for, else the configured
 * one when there is cost in it, else the one with the largest absolute total.
 */
export function currencyOf(
  totals: Map<string, Decimal>,
  asked: string | undefined,
  configured: string | undefined,
): string {
  if (asked) return asked.toUpperCase();
  if (configured && totals.has(configured)) return configured;
  let best: [string, Decimal] | undefined;
  for (const [currency, amount] of totals)
    if (!best || amount.compare(best[1]) > 0) best = [currency, amount];
  return best?.[0] ?? configured ?? 'USD';
}

/** The entities the latest attribution run gave cost to, per run. */
const allocatedRefsByRun = new WeakMap<
  object,
  { runId?: string; refs: string[] }
>();

async function allocatedRefs(store: CubeReads['store']): Promise<string[]> {
  const latest = await store.latestRun();
  const known = allocatedRefsByRun.get(store);
  if (known && known.runId === latest?.id) return known.refs;
  const totals = (latest?.report as { entityTotals?: Record<string, unknown> })
    ?.entityTotals;
  const refs = Object.keys(totals ?? {}).sort();
  allocatedRefsByRun.set(store, { runId: latest?.id, refs });
  return refs;
}

/**
 * Reads the cost of a scope from `from` to `to` in one measure: an
 * entity's members' allocations, or for the organization the allocations
 * of the entities the asker may read plus, where the asker may see it, the
 * cost no rule attributed (the facts less every allocation, so that the
 * cost of entities the asker may not read is never shown as unattributed).
 */
export async function readCube(
  reads: CubeReads,
  scope: CostScope,
  query: { from: string; to: string; measure: CostMeasure; currency?: string },
): Promise<Cube> {
  const { from, to, measure } = query;
  const rows: CubeRow[] = [];
  const sources: string[] = [];
  const byCurrency = new Map<string, CubeRow[]>();
  const add = (currency: string, row: CubeRow) => {
    const list = byCurrency.get(currency);
    if (list) list.push(row);
    else byCurrency.set(currency, [row]);
  };
  if (scope.ref) {
    sources.push('allocations');
    const [sums] = await reads.store.sumAllocations({
      entityRefs: [...scope.members.keys()],
      from,
      to,
      measure,
      groupings: [{ by: ['day', 'groupId', 'entityRef'] }],
    });
    for (const s of sums)
      add(s.currency, {
        day: s.day!,
        groupId: s.groupId!,
        entityRef: s.entityRef!,
        amount: s.amount,
      });
  } else {
    const refs = await allocatedRefs(reads.store);
    const readable = reads.viewer
      ? await reads.viewer.readable(refs)
      : new Set(refs);
    const attributed = new Map<string, Decimal>();
    if (refs.length > 0) {
      sources.push('allocations');
      const [sums] = await reads.store.sumAllocations({
        entityRefs: refs,
        from,
        to,
        measure,
        groupings: [{ by: ['day', 'groupId', 'entityRef'] }],
      });
      for (const s of sums) {
        const k = key(s.currency, s.day!, s.groupId!);
        attributed.set(k, (attributed.get(k) ?? Decimal.ZERO).add(s.amount));
        if (readable.has(s.entityRef!))
          add(s.currency, {
            day: s.day!,
            groupId: s.groupId!,
            entityRef: s.entityRef!,
            amount: s.amount,
          });
      }
    }
    if (reads.canReadUnattributed) {
      sources.push('facts');
      const field = MEASURE_FIELDS[measure];
      const facts = new Map<string, Decimal>();
      for (const f of await reads.store.loadFacts({ from, to })) {
        const k = key(f.currency, f.day, f.groupId);
        facts.set(
          k,
          (facts.get(k) ?? Decimal.ZERO).add(Decimal.parse(f[field])),
        );
      }
      for (const [k, total] of facts) {
        const rest = total.sub(attributed.get(k) ?? Decimal.ZERO);
        if (rest.isZero()) continue;
        const [currency, day, groupId] = k.split('\u0001');
        add(currency, { day, groupId, entityRef: null, amount: rest });
      }
    }
  }
  const totals = new Map<string, Decimal>();
  for (const [currency, list] of byCurrency)
    totals.set(currency, Decimal.sum(list.map(r => r.amount.abs())));
  const currency = currencyOf(totals, query.currency, reads.currency);
  rows.push(...(byCurrency.get(currency) ?? []));
  const groups = await reads.groups.byIds(rows.map(r => r.groupId));
  return { rows, currency, groups, sources };
}

/** Sums of rows by a key, with the label of each key, largest first. */
export function sumRows<T extends { amount: Decimal }>(
  rows: T[],
  keyOf: (row: T) => { key: string; label: string },
): Map<string, { label: string; amount: Decimal }> {
  const out = new Map<string, { label: string; amount: Decimal }>();
  for (const row of rows) {
    const k = keyOf(row);
    const known = out.get(k.key);
    if (known) known.amount = known.amount.add(row.amount);
    else out.set(k.key, { label: k.label, amount: row.amount });
  }
  return out;
}

/** The total of rows. */
export function totalOf(rows: Array<{ amount: Decimal }>): Decimal {
  let total = Decimal.ZERO;
  for (const r of rows) total = total.add(r.amount);
  return total;
}
