import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_SHARED_COST,
  CostMeasure,
  Decimal,
  SharedCostResponse,
} from '@costwise/plugin-finops-common';
import { parseSharedCost } from '../../attribution/annotations';
import { entityRefOf } from '../../attribution';
import { eachDay, ExactSum } from '../../model';
import type { AttributionStore, SharedAllocation } from '../../stores';
import { ratio, ViewDefaults } from './context';
import { LimitedRange, outsideMessage } from './ranges';
import type { CostViewer } from './viewer';

/**
 * What the shared-cost view asks for.
 *
 * @public
 */
export interface SharedCostQuery {
  from: string;
  to: string;
  measure?: CostMeasure;
}

/** How a policy splits, in words. */
function ruleOf(
  policy: ReturnType<typeof parseSharedCost>,
  consumers: number,
): string | undefined {
  if (!('value' in policy) || !policy.value) return undefined;
  const p = policy.value;
  if (p.kind === 'even')
    return `split evenly among the ${consumers} entities that depend on it`;
  if (p.kind === 'proportional')
    return 'split among the entities that depend on it in proportion to their own cost of each day';
  return 'split by fixed weights';
}

/** Sums amounts by a key, exactly. */
function sumsBy(
  rows: SharedAllocation[],
  key: (r: SharedAllocation) => string,
): Map<string, Decimal> {
  const sums = new Map<string, ExactSum>();
  for (const r of rows) {
    const k = key(r);
    let sum = sums.get(k);
    if (!sum) sums.set(k, (sum = new ExactSum()));
    sum.addDecimal(r.amount);
  }
  return new Map([...sums].map(([k, s]) => [k, s.toDecimal()]));
}

/**
 * The cost a shared Resource pooled and passed on, per consumer and per
 * day, leaving out (and counting) the consumers the viewer may not read.
 */
export async function computeShared(
  store: Pick<AttributionStore, 'sharedAllocations'>,
  defaults: ViewDefaults,
  entity: Entity,
  query: SharedCostQuery & Pick<LimitedRange, 'outside'>,
  viewer: CostViewer | undefined,
): Promise<SharedCostResponse> {
  const ref = entityRefOf(entity);
  const measure = query.measure ?? defaults.measure;
  const text = entity.metadata.annotations?.[ANNOTATION_SHARED_COST];
  const base = {
    entityRef: ref,
    measure,
    currency: defaults.currency ?? 'USD',
    from: query.from,
    to: query.to,
    total: '0',
    consumers: [],
    totals: [],
  };
  if (!text)
    return {
      ...base,
      empty: {
        reason: 'not-shared',
        message: `This entity passes no cost on: it has no ${ANNOTATION_SHARED_COST} annotation.`,
      },
    };
  const policy = parseSharedCost(
    ref,
    ANNOTATION_SHARED_COST,
    text,
    entity.metadata.namespace ?? 'default',
  );
  if (query.outside)
    return {
      ...base,
      policy: text.trim(),
      empty: { reason: 'range-outside-data', message: outsideMessage(query) },
    };
  const all = await store.sharedAllocations(ref, {
    from: query.from,
    to: query.to,
    measure,
  });
  // the configured currency when there is cost in it, else the largest
  const byCurrency = sumsBy(all, r => r.currency);
  const currency =
    defaults.currency && byCurrency.has(defaults.currency)
      ? defaults.currency
      : [...byCurrency].sort((a, b) =>
          b[1].abs().compare(a[1].abs()),
        )[0]?.[0] ?? base.currency;
  const inCurrency = all.filter(r => r.currency === currency);
  const consumerRefs = [...new Set(inCurrency.map(r => r.entityRef))];
  const readable = viewer
    ? await viewer.readable(consumerRefs)
    : new Set(consumerRefs);
  const hidden = consumerRefs.filter(c => !readable.has(c)).length;
  const rows = inCurrency.filter(r => readable.has(r.entityRef));
  const byConsumer = sumsBy(rows, r => r.entityRef);
  const total = Decimal.sum(byConsumer.values());
  const byDay = sumsBy(rows, r => r.day);
  const weights = new Map(
    'value' in policy && policy.value?.kind === 'weights'
      ? policy.value.weights.map(w => [w.entity, w.weight.toString()])
      : [],
  );
  const consumers = [...byConsumer]
    .sort((a, b) => b[1].compare(a[1]) || a[0].localeCompare(b[0]))
    .map(([entityRef, amount]) => ({
      entityRef,
      amount: amount.toString(),
      share: ratio(amount, total),
      ...(weights.has(entityRef) ? { weight: weights.get(entityRef) } : {}),
    }));
  return {
    ...base,
    currency,
    policy: text.trim(),
    rule: ruleOf(policy, consumerRefs.length),
    total: total.toString(),
    consumers,
    totals: eachDay(query.from, query.to).map(date => ({
      date,
      amount: (byDay.get(date) ?? Decimal.ZERO).toString(),
    })),
    ...(hidden > 0
      ? {
          hiddenConsumers: {
            count: hidden,
            message:
              hidden === 1
                ? "1 consumer's share is left out: you are not allowed to read its cost."
                : `${hidden} consumers' shares are left out: you are not allowed to read their cost.`,
          },
        }
      : {}),
    ...(rows.length === 0 && hidden === 0
      ? {
          empty: {
            reason: 'no-data-in-range' as const,
            message: `Nothing was passed on from ${query.from} to ${query.to}.`,
          },
        }
      : {}),
  };
}
