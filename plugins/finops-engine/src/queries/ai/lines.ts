import {
  COST_MEASURES,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import { MEASURE_FIELDS } from '../../model/measures';
import type {
  AiAllocationRow,
  AiFactRow,
  AiUsageStore,
  MeasureAmounts,
} from '../../stores';
import type { AiGroupInfo } from './classify';

/** Digits tokens are carried with while a day's share of a fact is summed. */
const TOKEN_DIGITS = 6;

/**
 * One allocation of LLM usage: an entity's part of a fact group's day, its
 * cost in the measure, and the tokens (or requests) that part stands for.
 *
 * @public
 */
export interface AiUsageLine {
  entityRef: string;
  day: string;
  info: AiGroupInfo;
  cost: Decimal;
  /** Tokens, or requests for a `requests` group; 0 for `other`. */
  quantity: Decimal;
}

/** The exact product of two decimals. */
export function times(a: Decimal, b: Decimal): Decimal {
  return Decimal.fromUnits(a.units * b.units, a.scale + b.scale);
}

const amountOf = (row: MeasureAmounts, measure: CostMeasure) =>
  Decimal.parse(row[MEASURE_FIELDS[measure]]);

/** The measure asked for first, then the others: the first a fact has a non-zero amount in sets the share. */
const measureOrder = (measure: CostMeasure) => [
  measure,
  ...COST_MEASURES.filter(m => m !== measure),
];

/** The currency shown: the preferred one where there is spend in it, else the largest. */
function pickCurrency(
  rows: AiAllocationRow[],
  measure: CostMeasure,
  preferred?: string,
): string | undefined {
  const totals = new Map<string, Decimal>();
  for (const r of rows)
    totals.set(
      r.currency,
      (totals.get(r.currency) ?? Decimal.ZERO).add(amountOf(r, measure).abs()),
    );
  if (preferred && totals.has(preferred)) return preferred;
  let best: string | undefined;
  for (const [currency, total] of [...totals].sort(([a], [b]) =>
    a.localeCompare(b),
  ))
    if (!best || total.compare(totals.get(best)!) > 0) best = currency;
  return best;
}

/**
 * The LLM usage of some entities (or all) from `from` to `to`, in the
 * currency shown: each allocation with its cost and its part of the fact's
 * tokens, in the proportion of its amount to the fact's (in the measure
 * asked for, else the first measure the fact has an amount in; a fact with
 * no amount at all is shared evenly among the entities it was attributed
 * to). Undefined when there is no such allocation.
 *
 * @public
 */
export async function readUsageLines(
  store: Pick<AiUsageStore, 'allocations' | 'facts'>,
  groups: Map<string, AiGroupInfo>,
  query: {
    entityRefs?: string[];
    from: string;
    to: string;
    measure: CostMeasure;
    currency?: string;
  },
): Promise<{ currency: string; lines: AiUsageLine[] } | undefined> {
  if (groups.size === 0) return undefined;
  const all = await store.allocations({
    groupIds: [...groups.keys()],
    entityRefs: query.entityRefs,
    from: query.from,
    to: query.to,
  });
  const currency = pickCurrency(all, query.measure, query.currency);
  if (!currency) return undefined;
  const rows = all.filter(r => r.currency === currency);
  const counted = new Set(
    rows.filter(r => groups.get(r.groupId)!.factor > 0).map(r => r.groupId),
  );
  const facts = new Map<string, AiFactRow>(
    (
      await store.facts({
        groupIds: [...counted],
        from: query.from,
        to: query.to,
      })
    ).map(f => [`${f.groupId}|${f.day}`, f]),
  );

  // facts without any amount are split by head count of their allocations
  const free = new Set<string>();
  for (const r of rows) {
    const fact = facts.get(`${r.groupId}|${r.day}`);
    if (fact && COST_MEASURES.every(m => amountOf(fact, m).isZero()))
      free.add(r.groupId);
  }
  const heads = new Map<string, number>();
  if (free.size > 0) {
    const everyone = query.entityRefs
      ? await store.allocations({
          groupIds: [...free],
          from: query.from,
          to: query.to,
        })
      : all;
    for (const r of everyone) {
      if (r.currency !== currency || !free.has(r.groupId)) continue;
      const key = `${r.groupId}|${r.day}`;
      heads.set(key, (heads.get(key) ?? 0) + 1);
    }
  }

  const order = measureOrder(query.measure);
  const lines = rows.map(r => {
    const info = groups.get(r.groupId)!;
    const key = `${r.groupId}|${r.day}`;
    const fact = facts.get(key);
    let quantity = Decimal.ZERO;
    if (fact && info.factor > 0) {
      const units = times(
        Decimal.parse(fact.quantity),
        Decimal.fromNumber(info.factor),
      );
      const measure = order.find(m => !amountOf(fact, m).isZero());
      if (measure) {
        const whole = amountOf(fact, measure);
        const part = amountOf(r, measure);
        quantity = part.equals(whole)
          ? units
          : times(units, part).divide(whole, TOKEN_DIGITS);
      } else {
        quantity = units.divide(
          Decimal.fromUnits(BigInt(heads.get(key) ?? 1), 0),
          TOKEN_DIGITS,
        );
      }
    }
    return {
      entityRef: r.entityRef,
      day: r.day,
      info,
      cost: amountOf(r, query.measure),
      quantity,
    };
  });
  return { currency, lines };
}

/** A count for the answer: rounded half to even to a whole number. */
export function wholeCount(value: Decimal): string {
  return value.divide(Decimal.fromUnits(1n, 0), 0).toString();
}
