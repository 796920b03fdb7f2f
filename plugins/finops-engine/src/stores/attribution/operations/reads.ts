import type { Knex } from 'knex';
import type {
  AttributionMethod,
  AttributionEvidence,
} from '@costwise/plugin-finops-common';
import { chunks } from '../../costs/bulkWriter';
import type { AllocationRow, StoredEvidence } from '../types';

/** The entities whose direct cost counts in the entity's total, each with the direct child it rolls up through. */
export async function members(
  db: Knex,
  entityRef: string,
): Promise<Map<string, string>> {
  const rows = await db('finops_entity_members')
    .where({ entity_ref: entityRef })
    .select('member_ref', 'via_ref');
  if (rows.length === 0) return new Map([[entityRef, entityRef]]);
  return new Map(rows.map(r => [r.member_ref as string, r.via_ref as string]));
}

/** The team and system line of each member of an entity's rollup (see `MemberKeys`). */
export async function memberKeys(
  db: Knex,
  entityRef: string,
): Promise<Map<string, { team?: string; system?: string }>> {
  const rows = await db('finops_entity_members')
    .where({ entity_ref: entityRef })
    .select('member_ref', 'team_ref', 'system_ref');
  return new Map(
    rows.map(r => [
      r.member_ref as string,
      {
        ...(r.team_ref ? { team: r.team_ref as string } : {}),
        ...(r.system_ref ? { system: r.system_ref as string } : {}),
      },
    ]),
  );
}

/** Refs per query of {@link membersOf}: well within every database's parameter limit. */
const MEMBER_REFS_PER_QUERY = 500;

/** {@link members} of many entities, in a query per 500 of them. */
export async function membersOf(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  const unique = [...new Set(entityRefs)];
  for (let i = 0; i < unique.length; i += MEMBER_REFS_PER_QUERY) {
    const rows = await db('finops_entity_members')
      .whereIn('entity_ref', unique.slice(i, i + MEMBER_REFS_PER_QUERY))
      .select('entity_ref', 'member_ref', 'via_ref');
    for (const r of rows) {
      let of = out.get(r.entity_ref);
      if (!of) out.set(r.entity_ref, (of = new Map()));
      of.set(r.member_ref as string, r.via_ref as string);
    }
  }
  for (const ref of unique)
    if (!out.has(ref)) out.set(ref, new Map([[ref, ref]]));
  return out;
}

/** The last day with data and when it was ingested, per source. */
export async function freshness(
  db: Knex,
): Promise<{ sourceId: string; lastDay: string; ingestedAt: string }[]> {
  const rows = await db('finops_source_periods').select(
    'source_id',
    'last_day',
    'ingested_at',
  );
  const bySource = new Map<
    string,
    { sourceId: string; lastDay: string; ingestedAt: string }
  >();
  for (const r of rows) {
    if (!r.last_day) continue;
    const known = bySource.get(r.source_id);
    if (!known || r.last_day > known.lastDay) {
      bySource.set(r.source_id, {
        sourceId: r.source_id,
        lastDay: r.last_day,
        ingestedAt: r.ingested_at,
      });
    }
  }
  return [...bySource.values()].sort((a, b) =>
    a.sourceId.localeCompare(b.sourceId),
  );
}

export async function allocations(
  db: Knex,
  options: {
    entityRefs: string[];
    from?: string;
    to?: string;
    currency?: string;
  },
): Promise<AllocationRow[]> {
  const out: AllocationRow[] = [];
  for (let i = 0; i < options.entityRefs.length; i += 500) {
    const query = db('finops_allocations').whereIn(
      'entity_ref',
      options.entityRefs.slice(i, i + 500),
    );
    if (options.from) query.where('day', '>=', options.from);
    if (options.to) query.where('day', '<=', options.to);
    if (options.currency) query.where('currency', options.currency);
    for (const r of await query) {
      out.push({
        currency: r.currency,
        day: r.day,
        billingPeriod: r.billing_period,
        groupId: String(r.group_id),
        entityRef: r.entity_ref,
        method: r.method,
        confidence: Number(r.confidence),
        billedCost: String(r.billed_cost),
        effectiveCost: String(r.effective_cost),
        listCost: String(r.list_cost),
        contractedCost: String(r.contracted_cost),
      });
    }
  }
  return out;
}

export async function evidence(
  db: Knex,
  options: { groupIds?: string[]; entityRefs?: string[] },
): Promise<StoredEvidence[]> {
  // a query per 500 ids of each list, so that long lists stay under the
  // databases' limits on bound parameters
  const slices = <T>(list: T[] | undefined): Array<T[] | undefined> =>
    list ? chunks(list, MEMBER_REFS_PER_QUERY) : [undefined];
  const rows: any[] = [];
  for (const groupIds of slices(options.groupIds?.map(Number)))
    for (const entityRefs of slices(options.entityRefs)) {
      const query = db('finops_allocation_evidence');
      if (groupIds) query.whereIn('group_id', groupIds);
      if (entityRefs) query.whereIn('entity_ref', entityRefs);
      rows.push(...(await query));
    }
  return rows.map(r => ({
    groupId: String(r.group_id),
    entityRef: r.entity_ref as string,
    method: r.method as AttributionMethod,
    evidence: JSON.parse(r.evidence) as AttributionEvidence,
  }));
}
