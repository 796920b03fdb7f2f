import type { Knex } from 'knex';
import { optional, StoredOverride } from '../types';

export async function listOverrides(db: Knex): Promise<StoredOverride[]> {
  const rows = await db('finops_overrides').orderBy('created_at');
  return rows.map(r => ({
    id: r.id,
    match: JSON.parse(r.match),
    entityRef: r.entity_ref,
    createdBy: r.created_by,
    createdAt: r.created_at,
    note: optional(r.note),
    ...(r.effect === 'deny' ? { effect: 'deny' as const } : {}),
  }));
}

export async function addOverride(db: Knex, override: StoredOverride) {
  await db('finops_overrides').insert({
    id: override.id,
    match: JSON.stringify(override.match),
    entity_ref: override.entityRef,
    created_by: override.createdBy,
    created_at: override.createdAt,
    note: override.note ?? null,
    effect: override.effect ?? 'assign',
  });
}

export async function deleteOverride(db: Knex, id: string): Promise<boolean> {
  return (await db('finops_overrides').where({ id }).delete()) > 0;
}
