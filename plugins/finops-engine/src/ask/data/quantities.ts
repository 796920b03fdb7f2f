import type { Knex } from 'knex';
import { CostMeasure, Decimal } from '@costwise/plugin-finops-common';
import { MEASURE_COLUMNS } from '../../model/measures';

/** A fact group's stored cost and consumed quantity on one day, over all sources. */
export interface FactQuantity {
  amount: Decimal;
  /** Binary: quantities are usage, not money. */
  quantity: number;
}

const PER_QUERY = 500;

/**
 * The stored cost and consumed quantity of fact groups per day, keyed
 * `day|groupId`, for reading an allocation's share of a fact's usage.
 */
export async function readQuantities(
  knex: Knex,
  groupIds: string[],
  query: { from: string; to: string; measure: CostMeasure },
): Promise<Map<string, FactQuantity>> {
  const out = new Map<string, FactQuantity>();
  const column = MEASURE_COLUMNS[query.measure];
  const ids = [...new Set(groupIds)].map(Number);
  for (let i = 0; i < ids.length; i += PER_QUERY) {
    const rows = await knex('finops_cost_facts')
      .select('day', 'group_id', 'consumed_quantity', { amount: column })
      .whereIn('group_id', ids.slice(i, i + PER_QUERY))
      .where('day', '>=', query.from)
      .where('day', '<=', query.to);
    for (const r of rows) {
      const k = `${r.day}|${r.group_id}`;
      const amount = Decimal.parse(String(r.amount));
      const quantity = Number(r.consumed_quantity ?? 0) || 0;
      const known = out.get(k);
      if (known) {
        known.amount = known.amount.add(amount);
        known.quantity += quantity;
      } else out.set(k, { amount, quantity });
    }
  }
  return out;
}
