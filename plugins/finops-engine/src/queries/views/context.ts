import type { Entity } from '@backstage/catalog-model';
import {
  AnnotationWarning,
  COST_MAPPING_ANNOTATIONS,
  CostMeasure,
  Decimal,
  EmptyCostReason,
  HiddenMembers,
} from '@costwise/plugin-finops-common';
import type {
  AllocationGrouping,
  AllocationSum,
  AttributionStore,
} from '../../stores';
import { hiddenMembers, Scope } from './scope';

/**
 * What the views default to: the configured measure and currency.
 *
 * @public
 */
export interface ViewDefaults {
  measure: CostMeasure;
  currency?: string;
}

/** Sums of amounts by a key, in the order keys are first seen. */
export function sumBy<T>(
  rows: T[],
  key: (row: T) => string,
  amount: (row: T) => Decimal,
): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const row of rows) {
    const k = key(row);
    out.set(k, (out.get(k) ?? Decimal.ZERO).add(amount(row)));
  }
  return out;
}

export const amountOf = (s: AllocationSum) => s.amount;

/** `part / whole` in binary arithmetic (for shares shown as percentages); 0 for a zero whole. */
export function ratio(part: Decimal, whole: Decimal): number {
  return whole.isZero() ? 0 : part.toNumber() / whole.toNumber();
}

/**
 * The currency shown: the configured one when the entity has cost in it,
 * else the one with the largest absolute total.
 */
export function pickCurrency(
  sums: AllocationSum[],
  defaults: ViewDefaults,
): string {
  const totals = sumBy(
    sums,
    r => r.currency,
    r => r.abs,
  );
  if (defaults.currency && totals.has(defaults.currency))
    return defaults.currency;
  let best = defaults.currency ?? 'USD';
  let bestAmount: Decimal | undefined;
  for (const [currency, amount] of totals) {
    if (!bestAmount || amount.compare(bestAmount) > 0) {
      best = currency;
      bestAmount = amount;
    }
  }
  return best;
}

/** Why an entity has nothing to show, and what to do about it. */
export function emptyReason(
  entity: Entity,
  warnings: AnnotationWarning[],
  hasMembers: boolean,
): EmptyCostReason {
  const annotations = entity.metadata.annotations ?? {};
  const mapped = COST_MAPPING_ANNOTATIONS.some(a => annotations[a]?.trim());
  if (!mapped && !hasMembers) {
    return {
      reason: 'no-annotation',
      message:
        'No Costwise annotation maps cost to this entity. Add costwise.dev/tags, costwise.dev/resource-ids or costwise.dev/accounts to its catalog-info.yaml.',
    };
  }
  if (warnings.length > 0) {
    return {
      reason: 'annotation-malformed',
      message: `The entity's cost annotations could not be read: ${warnings
        .map(w => `${w.annotation}: ${w.message}`)
        .join('; ')}`,
    };
  }
  return {
    reason: 'no-data-in-range',
    message:
      'No cost matched this entity in the period. Check that a cost source covering it has been ingested.',
  };
}

/** The sums a view is built from, in the currency shown. */
export interface SumContext {
  ref: string;
  members: Map<string, string>;
  /** One list per grouping asked for. */
  sums: AllocationSum[][];
  hasData: boolean;
  measure: CostMeasure;
  currency: string;
  hidden?: HiddenMembers;
}

/**
 * Sums the entity's and its members' allocations in each grouping (the
 * first spans the whole period) and keeps the sums in the currency shown. A
 * rollup the viewer sees whole reads the totals stored with the run.
 */
export async function sumContext(
  store: Pick<AttributionStore, 'rollupSums' | 'sumAllocations'>,
  defaults: ViewDefaults,
  scope: Scope,
  query: {
    measure?: CostMeasure;
    from?: string;
    to?: string;
    groupings: AllocationGrouping[];
    currency?: string;
  },
): Promise<SumContext> {
  const { ref, members, hidden } = scope;
  const measure = query.measure ?? defaults.measure;
  const sumQuery = {
    from: query.from,
    to: query.to,
    measure,
    groupings: query.groupings,
  };
  const sums =
    (members.size > 1 && hidden === 0
      ? await store.rollupSums(ref, sumQuery)
      : undefined) ??
    (await store.sumAllocations({
      entityRefs: [...members.keys()],
      ...sumQuery,
    }));
  const currency = query.currency ?? pickCurrency(sums[0], defaults);
  const inCurrency = sums.map(list =>
    list.filter(r => r.currency === currency),
  );
  return {
    ref,
    members,
    sums: inCurrency,
    hasData: inCurrency[0].length > 0,
    measure,
    currency,
    hidden: hiddenMembers(hidden),
  };
}
