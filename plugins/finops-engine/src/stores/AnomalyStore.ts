import type { Knex } from 'knex';
import type {
  Anomaly,
  AnomalyStatus,
  AnomalyStatusChange,
  CostMeasure,
} from '@costwise/plugin-finops-common';
import { MEASURE_COLUMNS } from '../model/measures';

/**
 * A stored anomaly: what the API shows but its history (read apart), and
 * the key of the series it was found on.
 *
 * @public
 */
export interface StoredAnomaly
  extends Omit<Anomaly, 'statusHistory' | 'canUpdate'> {
  /** `entity|currency|measure|ref` or `resource|currency|measure|ref|group key`. */
  seriesKey: string;
}

/** A status change to record, of the anomaly `anomaly`. @public */
export interface StoredAnomalyEvent extends AnomalyStatusChange {
  anomaly: string;
}

/** Which anomalies to read: every given condition holds. @public */
export interface AnomalyFilter {
  ids?: string[];
  /** Those on any of these entities. */
  entityRefs?: string[];
  seriesKeys?: string[];
  statuses?: AnomalyStatus[];
  /** Those whose days reach `from` or later. */
  from?: string;
  /** Those that start on `to` or earlier. */
  to?: string;
}

/**
 * One allocation as anomaly detection reads it: one measure, exact text.
 *
 * @public
 */
export interface AnomalyRow {
  day: string;
  groupId: string;
  entityRef: string;
  currency: string;
  amount: string;
}

/** A fact's cost (in one measure) and consumed quantity, for usage against price. @public */
export interface FactQuantity {
  groupId: string;
  day: string;
  cost: string;
  quantity: string;
}

const PER_QUERY = 500;
const CHUNK = 100;

function toRow(a: StoredAnomaly) {
  return {
    id: a.id,
    series_key: a.seriesKey,
    scope: a.scope,
    entity_ref: a.entityRef,
    resource_id: a.resourceId,
    group_key: a.groupKey,
    measure: a.measure,
    currency: a.currency,
    day: a.day,
    last_day: a.lastDay,
    days: a.days,
    expected: a.expected,
    actual: a.actual,
    impact: a.impact,
    peak_impact: a.peakImpact,
    score: a.score,
    root_causes: JSON.stringify(a.rootCauses),
    new_resources: JSON.stringify(a.newResources),
    usage_vs_price: a.usageVsPrice ? JSON.stringify(a.usageVsPrice) : null,
    explanation: a.explanation,
    parents: JSON.stringify(a.parents),
    status: a.status,
    detected_at: a.detectedAt,
    updated_at: a.updatedAt,
    acknowledged_at: a.acknowledgedAt ?? null,
    resolved_at: a.resolvedAt ?? null,
  };
}

function fromRow(r: any): StoredAnomaly {
  return {
    id: r.id,
    seriesKey: r.series_key,
    scope: r.scope,
    entityRef: r.entity_ref,
    resourceId: r.resource_id ?? null,
    groupKey: r.group_key ?? null,
    measure: r.measure,
    currency: r.currency,
    day: r.day,
    lastDay: r.last_day,
    days: Number(r.days),
    expected: r.expected,
    actual: r.actual,
    impact: r.impact,
    peakImpact: r.peak_impact,
    score: Number(r.score),
    rootCauses: JSON.parse(r.root_causes),
    newResources: JSON.parse(r.new_resources),
    ...(r.usage_vs_price ? { usageVsPrice: JSON.parse(r.usage_vs_price) } : {}),
    explanation: r.explanation,
    parents: JSON.parse(r.parents),
    status: r.status,
    detectedAt: r.detected_at,
    updatedAt: r.updated_at,
    ...(r.acknowledged_at ? { acknowledgedAt: r.acknowledged_at } : {}),
    ...(r.resolved_at ? { resolvedAt: r.resolved_at } : {}),
  };
}

function chunks<T>(list: T[], size = PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Data access for anomalies (`finops_anomalies`, `finops_anomaly_events`)
 * and the reads detection makes of the cost data: the days with facts, the
 * allocations in one measure, the rollup membership, fact group keys and
 * the facts' quantities.
 *
 * @public
 */
export class AnomalyStore {
  constructor(private readonly db: Knex) {}

  /** The anomalies that match every given condition, newest day first. */
  async list(filter: AnomalyFilter = {}): Promise<StoredAnomaly[]> {
    for (const key of ['ids', 'entityRefs', 'seriesKeys'] as const)
      if (filter[key] && filter[key]!.length === 0) return [];
    const read = async (part: {
      ids?: string[];
      entityRefs?: string[];
      seriesKeys?: string[];
    }) => {
      const select = this.db('finops_anomalies').select('*');
      if (part.ids) select.whereIn('id', part.ids);
      if (part.entityRefs) select.whereIn('entity_ref', part.entityRefs);
      if (part.seriesKeys) select.whereIn('series_key', part.seriesKeys);
      if (filter.statuses) select.whereIn('status', filter.statuses);
      if (filter.from) select.where('last_day', '>=', filter.from);
      if (filter.to) select.where('day', '<=', filter.to);
      return (await select).map(fromRow);
    };
    // one list at most is long: split it, keep the others whole
    const key = (['ids', 'entityRefs', 'seriesKeys'] as const).find(
      k => filter[k] && filter[k]!.length > PER_QUERY,
    );
    const base = {
      ids: filter.ids,
      entityRefs: filter.entityRefs,
      seriesKeys: filter.seriesKeys,
    };
    const found = new Map<string, StoredAnomaly>();
    for (const part of key ? chunks(filter[key]!) : [undefined]) {
      for (const a of await read(part ? { ...base, [key!]: part } : base))
        found.set(a.id, a);
    }
    return [...found.values()].sort(
      (a, b) => b.day.localeCompare(a.day) || a.id.localeCompare(b.id),
    );
  }

  async get(id: string): Promise<StoredAnomaly | undefined> {
    const row = await this.db('finops_anomalies').where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** Inserts or replaces the anomalies and records the events, in one transaction. */
  async save(
    anomalies: StoredAnomaly[],
    events: StoredAnomalyEvent[] = [],
  ): Promise<void> {
    if (anomalies.length === 0 && events.length === 0) return;
    await this.db.transaction(async tx => {
      for (const part of chunks(anomalies, CHUNK))
        await tx('finops_anomalies')
          .insert(part.map(toRow))
          .onConflict('id')
          .merge();
      for (const part of chunks(events, CHUNK))
        await tx('finops_anomaly_events').insert(
          part.map(e => ({
            anomaly: e.anomaly,
            at: e.at,
            actor: e.actor,
            from_status: e.from,
            to_status: e.to,
            note: e.note ?? null,
          })),
        );
    });
  }

  /** Deletes anomalies and their events. */
  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction(async tx => {
      for (const part of chunks(ids)) {
        await tx('finops_anomaly_events').whereIn('anomaly', part).delete();
        await tx('finops_anomalies').whereIn('id', part).delete();
      }
    });
  }

  /** The status changes of the anomalies, oldest first, per anomaly. */
  async events(ids: string[]): Promise<Map<string, AnomalyStatusChange[]>> {
    const out = new Map<string, AnomalyStatusChange[]>();
    for (const part of chunks(ids)) {
      const rows = await this.db('finops_anomaly_events')
        .whereIn('anomaly', part)
        .orderBy('id');
      for (const r of rows) {
        let list = out.get(r.anomaly);
        if (!list) out.set(r.anomaly, (list = []));
        list.push({
          at: r.at,
          actor: r.actor,
          from: r.from_status ?? null,
          to: r.to_status,
          ...(r.note ? { note: r.note } : {}),
        });
      }
    }
    return out;
  }

  /** The first and last day with cost facts; undefined when there are none. */
  async factDays(): Promise<{ first: string; last: string } | undefined> {
    const row = await this.db('finops_cost_facts')
      .min({ first: 'day' })
      .max({ last: 'day' })
      .first();
    return row?.first ? { first: row.first, last: row.last } : undefined;
  }

  /**
   * The allocations in one measure: of every entity on each of `days`
   * (read a day at a time, so memory holds one day), or of the given
   * entities on those days.
   */
  async allocations(
    query: { days: string[]; measure: CostMeasure; entityRefs?: string[] },
    sink: (row: AnomalyRow) => void,
  ): Promise<void> {
    const column = MEASURE_COLUMNS[query.measure];
    const select = () =>
      this.db('finops_allocations').select(
        'day',
        'group_id',
        'entity_ref',
        'currency',
        { amount: column },
      );
    const emit = (rows: any[]) => {
      for (const r of rows)
        sink({
          day: r.day,
          groupId: String(r.group_id),
          entityRef: r.entity_ref,
          currency: r.currency,
          amount: r.amount === null ? '0' : String(r.amount),
        });
    };
    if (!query.entityRefs) {
      for (const day of query.days) emit(await select().where('day', day));
      return;
    }
    for (const refs of chunks([...new Set(query.entityRefs)]))
      for (const days of chunks(query.days, 400))
        emit(await select().whereIn('entity_ref', refs).whereIn('day', days));
  }

  /** Every rollup's members (the entity itself included), with the direct child each rolls up through. */
  async members(): Promise<Map<string, Map<string, string>>> {
    const out = new Map<string, Map<string, string>>();
    const rows = await this.db('finops_entity_members').select(
      'entity_ref',
      'member_ref',
      'via_ref',
    );
    for (const r of rows) {
      let of = out.get(r.entity_ref);
      if (!of) out.set(r.entity_ref, (of = new Map()));
      of.set(r.member_ref, r.via_ref);
    }
    return out;
  }

  /** The fact groups' keys (`key_hash`), stable across databases, by id. */
  async groupKeys(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(ids)]))
      for (const r of await this.db('finops_fact_groups')
        .whereIn('id', part.map(Number))
        .select('id', 'key_hash'))
        out.set(String(r.id), r.key_hash);
    return out;
  }

  /** The facts' cost (one measure) and quantity, of the groups on the days, where a quantity was reported. */
  async factQuantities(
    groupIds: string[],
    days: string[],
    measure: CostMeasure,
  ): Promise<FactQuantity[]> {
    const column = MEASURE_COLUMNS[measure];
    const sums = new Map<string, FactQuantity>();
    for (const groups of chunks([...new Set(groupIds)]))
      for (const part of chunks(days, 400)) {
        const rows = await this.db('finops_cost_facts')
          .whereIn('group_id', groups.map(Number))
          .whereIn('day', part)
          .select('group_id', 'day', 'consumed_quantity', {
            cost: column,
          });
        for (const r of rows) {
          const quantity = String(r.consumed_quantity ?? '0');
          if (Number(quantity) === 0) continue;
          // a group's facts of one day from several sources or periods add up
          const key = `${r.group_id}|${r.day}`;
          const known = sums.get(key);
          const cost = String(r.cost ?? '0');
          if (known) {
            known.cost = String(Number(known.cost) + Number(cost));
            known.quantity = String(Number(known.quantity) + Number(quantity));
          } else
            sums.set(key, {
              groupId: String(r.group_id),
              day: r.day,
              cost,
              quantity,
            });
        }
      }
    return [...sums.values()];
  }
}
