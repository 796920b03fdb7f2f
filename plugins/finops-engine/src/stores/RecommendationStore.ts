import type { Knex } from 'knex';
import { Decimal, type CostMeasure } from '@costwise/plugin-finops-common';
import { MEASURE_COLUMNS } from '../model/measures';
import type {
  DismissReason,
  RecommendationEvent,
  RecommendationRow,
  RecommendationShare,
  RecommendationStatus,
  RecommendationSubcategory,
  RecommendationVerification,
} from '@costwise/plugin-finops-common';

/**
 * A stored recommendation: the source's row, its owner and sharers, and
 * where it is in its lifecycle.
 *
 * @public
 */
export interface StoredRecommendation {
  id: string;
  source: string;
  format: string;
  recommendationId: string;
  row: RecommendationRow;
  resourceId: string | null;
  subcategory: RecommendationSubcategory;
  /** Positive exact decimal: the saving (zero when the impact is a cost). */
  estimatedMonthlySavings: string;
  currency: string;
  ownerRef: string | null;
  ownerEvidence?: string;
  sharedWith: RecommendationShare[];
  status: RecommendationStatus;
  dismissReason?: DismissReason;
  /** While dismissed: the saving estimated when it was dismissed, which a reopening compares with. */
  dismissedSavings?: string;
  statusNote?: string;
  deferredUntil?: string;
  firstSeen: string;
  lastSeen: string;
  statusChangedAt: string;
  firstResponseAt?: string;
  implementedAt?: string;
  verification?: RecommendationVerification;
}

/** A status change to record, of the recommendation `recommendation`. @public */
export interface StoredRecommendationEvent extends RecommendationEvent {
  recommendation: string;
}

/** Which recommendations to read. @public */
export interface RecommendationFilter {
  ids?: string[];
  source?: string;
  /** Those shown to any of these entities: owned by them, or sharing their cost. */
  entityRefs?: string[];
  statuses?: RecommendationStatus[];
  /** Only those that map to no entity. */
  unowned?: boolean;
}

/** A day of a resource's attributed cost, as the attribution stored it. @public */
export interface ResourceAllocation {
  resourceId: string;
  day: string;
  /** The entity the cost was allocated to (a consumer, for a shared row). */
  entityRef: string;
  /** The shared Resource a `shared` row came through. */
  sharedFrom?: string;
  method: string;
  amount: Decimal;
}

const PER_QUERY = 500;
const CHUNK = 100;

function toRow(r: StoredRecommendation) {
  return {
    id: r.id,
    source: r.source,
    format: r.format,
    recommendation_id: r.recommendationId,
    row: JSON.stringify(r.row),
    resource_id: r.resourceId,
    subcategory: r.subcategory,
    estimated_monthly_savings: r.estimatedMonthlySavings,
    currency: r.currency,
    owner_ref: r.ownerRef,
    owner_evidence: r.ownerEvidence ?? null,
    shared_with: JSON.stringify(r.sharedWith),
    status: r.status,
    dismiss_reason: r.dismissReason ?? null,
    dismissed_savings: r.dismissedSavings ?? null,
    status_note: r.statusNote ?? null,
    deferred_until: r.deferredUntil ?? null,
    first_seen: r.firstSeen,
    last_seen: r.lastSeen,
    status_changed_at: r.statusChangedAt,
    first_response_at: r.firstResponseAt ?? null,
    implemented_at: r.implementedAt ?? null,
    verification: r.verification ? JSON.stringify(r.verification) : null,
  };
}

function fromRow(r: any): StoredRecommendation {
  const opt = <T>(v: T | null | undefined) => (v === null ? undefined : v);
  return {
    id: r.id,
    source: r.source,
    format: r.format,
    recommendationId: r.recommendation_id,
    row: JSON.parse(r.row),
    resourceId: r.resource_id ?? null,
    subcategory: r.subcategory,
    estimatedMonthlySavings: r.estimated_monthly_savings,
    currency: r.currency,
    ownerRef: r.owner_ref ?? null,
    ownerEvidence: opt(r.owner_evidence),
    sharedWith: JSON.parse(r.shared_with),
    status: r.status,
    dismissReason: opt(r.dismiss_reason),
    dismissedSavings: opt(r.dismissed_savings),
    statusNote: opt(r.status_note),
    deferredUntil: opt(r.deferred_until),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    statusChangedAt: r.status_changed_at,
    firstResponseAt: opt(r.first_response_at),
    implementedAt: opt(r.implemented_at),
    verification: r.verification ? JSON.parse(r.verification) : undefined,
  };
}

/**
 * Data access for recommendations (`finops_recommendations`), the entities
 * each is shown to and their status events.
 *
 * @public
 */
export class RecommendationStore {
  constructor(private readonly db: Knex) {}

  /** The recommendations that match every given condition, by id. */
  async list(
    filter: RecommendationFilter = {},
  ): Promise<StoredRecommendation[]> {
    const read = async (ids?: string[], refs?: string[]) => {
      const select = this.db('finops_recommendations').select('*');
      if (ids) select.whereIn('id', ids);
      if (refs)
        select.whereIn(
          'id',
          this.db('finops_recommendation_entities')
            .select('recommendation')
            .whereIn('entity_ref', refs),
        );
      if (filter.source) select.where('source', filter.source);
      if (filter.statuses) select.whereIn('status', filter.statuses);
      if (filter.unowned) select.whereNull('owner_ref');
      return (await select.orderBy('id')).map(fromRow);
    };
    const chunks = <T>(list: T[]) => {
      const out: T[][] = [];
      for (let i = 0; i < list.length; i += PER_QUERY)
        out.push(list.slice(i, i + PER_QUERY));
      return out;
    };
    if (filter.ids && filter.ids.length === 0) return [];
    if (filter.entityRefs && filter.entityRefs.length === 0) return [];
    if (!filter.ids && !filter.entityRefs) return read();
    const byId = new Map<string, StoredRecommendation>();
    for (const ids of filter.ids ? chunks(filter.ids) : [undefined]) {
      for (const refs of filter.entityRefs
        ? chunks(filter.entityRefs)
        : [undefined]) {
        for (const r of await read(ids, refs)) byId.set(r.id, r);
      }
    }
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<StoredRecommendation | undefined> {
    const row = await this.db('finops_recommendations').where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Inserts or replaces the recommendations and records the events, in one
   * transaction; the entities each is shown to follow its owner and sharers.
   */
  async save(
    recommendations: StoredRecommendation[],
    events: StoredRecommendationEvent[] = [],
  ): Promise<void> {
    if (recommendations.length === 0 && events.length === 0) return;
    await this.db.transaction(async tx => {
      for (let i = 0; i < recommendations.length; i += CHUNK) {
        const part = recommendations.slice(i, i + CHUNK);
        await tx('finops_recommendations')
          .insert(part.map(toRow))
          .onConflict('id')
          .merge();
        const ids = part.map(r => r.id);
        await tx('finops_recommendation_entities')
          .whereIn('recommendation', ids)
          .delete();
        const entities = new Map<string, { role: string }>();
        const links: Array<{
          recommendation: string;
          entity_ref: string;
          role: string;
        }> = [];
        for (const r of part) {
          entities.clear();
          if (r.ownerRef) entities.set(r.ownerRef, { role: 'owner' });
          for (const s of r.sharedWith)
            if (!entities.has(s.entityRef))
              entities.set(s.entityRef, { role: 'shares' });
          for (const [ref, { role }] of entities)
            links.push({ recommendation: r.id, entity_ref: ref, role });
        }
        for (let j = 0; j < links.length; j += CHUNK)
          await tx('finops_recommendation_entities').insert(
            links.slice(j, j + CHUNK),
          );
      }
      for (let i = 0; i < events.length; i += CHUNK) {
        await tx('finops_recommendation_events').insert(
          events.slice(i, i + CHUNK).map(e => ({
            recommendation: e.recommendation,
            at: e.at,
            actor: e.actor,
            from_status: e.from,
            to_status: e.to,
            reason: e.reason ?? null,
            note: e.note ?? null,
            deferred_until: e.deferredUntil ?? null,
          })),
        );
      }
    });
  }

  /** The status events of the recommendations, oldest first, per recommendation. */
  async events(ids: string[]): Promise<Map<string, RecommendationEvent[]>> {
    const out = new Map<string, RecommendationEvent[]>();
    for (let i = 0; i < ids.length; i += PER_QUERY) {
      const rows = await this.db('finops_recommendation_events')
        .whereIn('recommendation', ids.slice(i, i + PER_QUERY))
        .orderBy('id');
      for (const r of rows) {
        let list = out.get(r.recommendation);
        if (!list) out.set(r.recommendation, (list = []));
        list.push({
          at: r.at,
          actor: r.actor,
          from: r.from_status ?? null,
          to: r.to_status,
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.note ? { note: r.note } : {}),
          ...(r.deferred_until ? { deferredUntil: r.deferred_until } : {}),
        });
      }
    }
    return out;
  }

  /**
   * The attributed cost of the resources (by their cloud resource ids) from
   * `from` to `to`, as the last attribution run allocated it.
   */
  async resourceAllocations(
    resourceIds: string[],
    query: { from: string; to: string; measure: CostMeasure },
  ): Promise<ResourceAllocation[]> {
    const column = MEASURE_COLUMNS[query.measure];
    const out: ResourceAllocation[] = [];
    for (let i = 0; i < resourceIds.length; i += PER_QUERY) {
      const rows = await this.db('finops_allocations as a')
        .join('finops_fact_groups as g', 'g.id', 'a.group_id')
        .select(
          'g.resource_id',
          'a.day',
          'a.entity_ref',
          'a.shared_from',
          'a.method',
          { amount: `a.${column}` },
        )
        .whereIn('g.resource_id', resourceIds.slice(i, i + PER_QUERY))
        .where('a.day', '>=', query.from)
        .where('a.day', '<=', query.to);
      for (const r of rows)
        out.push({
          resourceId: r.resource_id,
          day: r.day,
          entityRef: r.entity_ref,
          ...(r.shared_from ? { sharedFrom: r.shared_from } : {}),
          method: r.method,
          amount: Decimal.parse(String(r.amount)),
        });
    }
    return out;
  }

  /** The resources' cost per day from `from` to `to` (all of their fact groups), in one measure and currency. */
  async resourceDailyCost(
    resourceIds: string[],
    query: { from: string; to: string; measure: CostMeasure; currency: string },
  ): Promise<Map<string, Map<string, Decimal>>> {
    const column = MEASURE_COLUMNS[query.measure];
    const out = new Map<string, Map<string, Decimal>>();
    for (let i = 0; i < resourceIds.length; i += PER_QUERY) {
      const rows = await this.db('finops_cost_facts as f')
        .join('finops_fact_groups as g', 'g.id', 'f.group_id')
        .select('g.resource_id', 'f.day', { amount: `f.${column}` })
        .whereIn('g.resource_id', resourceIds.slice(i, i + PER_QUERY))
        .where('g.currency', query.currency)
        .where('f.day', '>=', query.from)
        .where('f.day', '<=', query.to);
      for (const r of rows) {
        let days = out.get(r.resource_id);
        if (!days) out.set(r.resource_id, (days = new Map()));
        const amount = Decimal.parse(String(r.amount));
        const before = days.get(r.day);
        days.set(r.day, before ? before.add(amount) : amount);
      }
    }
    return out;
  }

  /** Every resource's cost from `from` to `to` in one measure, with its provider and sub-account, largest first. */
  async resourceCosts(query: {
    from: string;
    to: string;
    measure: CostMeasure;
  }): Promise<
    Array<{
      provider: string;
      resourceId: string;
      subAccountId?: string;
      amount: Decimal;
    }>
  > {
    const column = MEASURE_COLUMNS[query.measure];
    const rows = await this.db('finops_cost_facts as f')
      .join('finops_fact_groups as g', 'g.id', 'f.group_id')
      .select('g.provider', 'g.resource_id', 'g.sub_account_id', {
        amount: `f.${column}`,
      })
      .whereNotNull('g.resource_id')
      .where('f.day', '>=', query.from)
      .where('f.day', '<=', query.to);
    const byResource = new Map<
      string,
      {
        provider: string;
        resourceId: string;
        subAccountId?: string;
        amount: Decimal;
      }
    >();
    for (const r of rows) {
      const key = `${r.provider}|${r.resource_id}`;
      const amount = Decimal.parse(String(r.amount));
      const found = byResource.get(key);
      if (found) found.amount = found.amount.add(amount);
      else
        byResource.set(key, {
          provider: r.provider,
          resourceId: r.resource_id,
          ...(r.sub_account_id ? { subAccountId: r.sub_account_id } : {}),
          amount,
        });
    }
    return [...byResource.values()].sort(
      (a, b) =>
        b.amount.compare(a.amount) || a.resourceId.localeCompare(b.resourceId),
    );
  }

  /** The last day with cost facts, if any. */
  async lastFactDay(): Promise<string | undefined> {
    const row = await this.db('finops_cost_facts').max({ day: 'day' }).first();
    return (row?.day as string | null) ?? undefined;
  }
}
