import type { FactGroup } from '../../../model';
import {
  BulkWriter,
  chunks,
  POSTGRES_GROUP_CHUNK,
  SQLITE_GROUP_CHUNK,
} from '../bulkWriter';

/** The stored columns of a fact group, with their PostgreSQL array types. */
const GROUP_COLUMNS = [
  ['key_hash', 'text'],
  ['billing_account_id', 'text'],
  ['sub_account_id', 'text'],
  ['sub_account_name', 'text'],
  ['provider', 'text'],
  ['service_name', 'text'],
  ['service_category', 'text'],
  ['region', 'text'],
  ['resource_id', 'text'],
  ['resource_name', 'text'],
  ['resource_type', 'text'],
  ['charge_category', 'text'],
  ['pricing_category', 'text'],
  ['sku_id', 'text'],
  ['commitment_id', 'text'],
  ['commitment_status', 'text'],
  ['consumed_unit', 'text'],
  ['currency', 'text'],
  ['tags', 'text'],
] as const;

const TAG_COLUMNS = [
  ['group_id', 'bigint'],
  ['tag_key', 'text'],
  ['tag_value', 'text'],
] as const;

/** A group's values in {@link GROUP_COLUMNS} order. */
function groupValues(g: FactGroup): unknown[] {
  return [
    g.keyHash,
    g.billingAccountId,
    g.subAccountId ?? null,
    g.subAccountName ?? null,
    g.provider,
    g.serviceName,
    g.serviceCategory ?? null,
    g.region ?? null,
    g.resourceId ?? null,
    g.resourceName ?? null,
    g.resourceType ?? null,
    g.chargeCategory,
    g.pricingCategory ?? null,
    g.skuId ?? null,
    g.commitmentId ?? null,
    g.commitmentStatus ?? null,
    g.consumedUnit ?? null,
    g.currency,
    g.tags,
  ];
}

function normalizeTag(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * The ids of the groups, storing those not stored yet with their tags.
 */
export async function storeGroups(
  writer: BulkWriter,
  groups: FactGroup[],
): Promise<Map<string, number>> {
  const { tx, sqlite } = writer;
  const ids = new Map<string, number>();
  for (const part of chunks(groups, 500)) {
    const rows = await tx('finops_fact_groups')
      .whereIn(
        'key_hash',
        part.map(g => g.keyHash),
      )
      .select('id', 'key_hash');
    for (const r of rows) ids.set(r.key_hash, Number(r.id));
  }
  // in key order: the unique index on key_hash then grows at its end
  const missing = groups
    .filter(g => !ids.has(g.keyHash))
    .sort((a, b) => (a.keyHash < b.keyHash ? -1 : 1));
  // One statement per chunk inserts the groups and returns their ids
  // (RETURNING: PostgreSQL, SQLite 3.35+), another inserts their tags.
  for (const part of chunks(
    missing,
    sqlite ? SQLITE_GROUP_CHUNK : POSTGRES_GROUP_CHUNK,
  )) {
    const byHash = new Map(part.map(g => [g.keyHash, g]));
    const inserted = (await writer.insertRows(
      'finops_fact_groups',
      GROUP_COLUMNS,
      part.map(groupValues),
      'id, key_hash',
    )) as { id: number | string; key_hash: string }[];
    const tagRows: unknown[][] = [];
    for (const r of inserted) {
      ids.set(r.key_hash, Number(r.id));
      const group = byHash.get(r.key_hash)!;
      const seen = new Set<string>();
      for (const [key, value] of Object.entries(
        JSON.parse(group.tags) as Record<string, string>,
      )) {
        const k = normalizeTag(key);
        if (seen.has(k)) continue; // keys differing only in case or spaces: first one wins
        seen.add(k);
        tagRows.push([Number(r.id), k, normalizeTag(value)]);
      }
    }
    for (const tagPart of chunks(
      tagRows,
      sqlite ? SQLITE_GROUP_CHUNK : POSTGRES_GROUP_CHUNK,
    ))
      await writer.insertRows('finops_fact_group_tags', TAG_COLUMNS, tagPart);
  }
  return ids;
}
