import type { Knex } from 'knex';
import { optional, StoredGroup } from '../types';

/** Fact groups never change once stored; views look the same ones up again and again. */
export const GROUP_CACHE_SIZE = 50_000;

function groupFromRow(r: any): StoredGroup {
  return {
    id: String(r.id),
    provider: r.provider,
    billingAccountId: r.billing_account_id,
    subAccountId: optional(r.sub_account_id),
    subAccountName: optional(r.sub_account_name),
    serviceName: r.service_name,
    serviceCategory: optional(r.service_category),
    region: optional(r.region),
    resourceId: optional(r.resource_id),
    resourceName: optional(r.resource_name),
    resourceType: optional(r.resource_type),
    chargeCategory: optional(r.charge_category),
    commitmentStatus: optional(r.commitment_status),
    pricingCategory: optional(r.pricing_category),
    skuId: optional(r.sku_id),
    commitmentId: optional(r.commitment_id),
    consumedUnit: optional(r.consumed_unit),
    currency: r.currency,
    tags: JSON.parse(r.tags || '{}'),
  };
}

/**
 * Fact groups by id, or all of them. Groups are only ever inserted (a
 * group is a distinct set of dimensions), so those looked up by id are
 * kept in memory, up to a bound.
 */
export async function loadGroups(
  db: Knex,
  cache: Map<string, StoredGroup>,
  ids?: string[],
): Promise<StoredGroup[]> {
  if (!ids) return (await db('finops_fact_groups')).map(groupFromRow);
  const found = new Map<string, StoredGroup>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const group = cache.get(id);
    if (group) found.set(id, group);
    else missing.push(id);
  }
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await db('finops_fact_groups').whereIn(
      'id',
      missing.slice(i, i + 500),
    );
    for (const group of rows.map(groupFromRow)) {
      if (cache.size >= GROUP_CACHE_SIZE) cache.clear();
      cache.set(group.id, group);
      found.set(group.id, group);
    }
  }
  // in id order, as the database answered an id lookup
  return [...found.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

export async function groupIdsByResourceId(
  db: Knex,
  resourceId: string,
): Promise<string[]> {
  const rows = await db('finops_fact_groups')
    .where({ resource_id: resourceId })
    .select('id');
  return rows.map(r => String(r.id));
}
