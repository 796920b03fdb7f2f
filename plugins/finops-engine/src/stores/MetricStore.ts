import type { Knex } from 'knex';
import type { MetricPoint } from '@costwise/plugin-finops-common';

/** A stored metric value. @public */
export interface StoredMetric extends MetricPoint {
  source: string;
}

const CHUNK = 200;
const REFS_PER_QUERY = 500;

/** Data access for daily business metrics (`finops_metrics`). @public */
export class MetricStore {
  constructor(private readonly db: Knex) {}

  /**
   * Inserts or replaces each point on (entity, metric, day), in one
   * transaction: sending the same batch twice leaves the same rows.
   */
  async upsert(points: MetricPoint[], source: string): Promise<number> {
    if (points.length === 0) return 0;
    // the last value of a key in the batch wins, as it would in sequence
    const byKey = new Map<string, MetricPoint>();
    for (const p of points) byKey.set(`${p.entity}|${p.metric}|${p.date}`, p);
    const updatedAt = new Date().toISOString();
    const rows = [...byKey.values()].map(p => ({
      entity_ref: p.entity,
      metric: p.metric,
      day: p.date,
      value: p.value,
      source,
      updated_at: updatedAt,
    }));
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx('finops_metrics')
          .insert(rows.slice(i, i + CHUNK))
          .onConflict(['entity_ref', 'metric', 'day'])
          .merge(['value', 'source', 'updated_at']);
      }
    });
    return rows.length;
  }

  /** The values of the entities' metrics from `from` to `to` (both optional, days included). */
  async values(query: {
    entityRefs: string[];
    metrics?: string[];
    from?: string;
    to?: string;
  }): Promise<StoredMetric[]> {
    const out: StoredMetric[] = [];
    for (let i = 0; i < query.entityRefs.length; i += REFS_PER_QUERY) {
      const select = this.db('finops_metrics')
        .select('entity_ref', 'metric', 'day', 'value', 'source')
        .whereIn('entity_ref', query.entityRefs.slice(i, i + REFS_PER_QUERY));
      if (query.metrics) select.whereIn('metric', query.metrics);
      if (query.from) select.where('day', '>=', query.from);
      if (query.to) select.where('day', '<=', query.to);
      for (const r of await select.orderBy(['entity_ref', 'metric', 'day'])) {
        out.push({
          entity: r.entity_ref,
          metric: r.metric,
          date: r.day,
          value: Number(r.value),
          source: r.source,
        });
      }
    }
    return out;
  }

  /** The metric names recorded for each of the entities, at any time. */
  async metricNames(entityRefs: string[]): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    for (let i = 0; i < entityRefs.length; i += REFS_PER_QUERY) {
      const rows = await this.db('finops_metrics')
        .distinct('entity_ref', 'metric')
        .whereIn('entity_ref', entityRefs.slice(i, i + REFS_PER_QUERY));
      for (const r of rows) {
        let set = out.get(r.entity_ref);
        if (!set) out.set(r.entity_ref, (set = new Set()));
        set.add(r.metric);
      }
    }
    return out;
  }
}
