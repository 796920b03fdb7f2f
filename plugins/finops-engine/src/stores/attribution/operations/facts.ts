import type { Knex } from 'knex';
import type { FactRow } from '../types';

/**
 * The daily facts with their group's currency: all of them, or those of a
 * billing period (`YYYY-MM`) and/or from and to a day (both inclusive).
 */
export async function loadFacts(
  db: Knex,
  range: { period?: string; from?: string; to?: string } = {},
): Promise<FactRow[]> {
  const query = db('finops_cost_facts as f')
    .join('finops_fact_groups as g', 'g.id', 'f.group_id')
    .select(
      'f.day',
      'f.billing_period',
      'f.group_id',
      'g.currency',
      'f.billed_cost',
      'f.effective_cost',
      'f.list_cost',
      'f.contracted_cost',
    );
  if (range.period) query.where('f.billing_period', range.period);
  if (range.from) query.where('f.day', '>=', range.from);
  if (range.to) query.where('f.day', '<=', range.to);
  const rows = await query;
  return rows.map(r => ({
    day: r.day,
    billingPeriod: r.billing_period,
    groupId: String(r.group_id),
    currency: r.currency,
    billedCost: String(r.billed_cost),
    effectiveCost: String(r.effective_cost),
    listCost: String(r.list_cost),
    contractedCost: String(r.contracted_cost),
  }));
}
