import { InputError, NotFoundError } from '@backstage/errors';
import {
  ANOMALY_STATUSES,
  AnomalyResponse,
  AnomalyStatusRequest,
  CLOSED_ANOMALY_STATUSES,
  CostMeasure,
} from '@costwise/plugin-finops-common';
import type { AnomalyConfig } from '../config';
import {
  addDays,
  Clock,
  EngineLogger,
  silentLogger,
  systemClock,
} from '../model';
import type {
  AnomalyFilter,
  AnomalyStore,
  StoredAnomaly,
  StoredAnomalyEvent,
} from '../stores';
import type { AnomalyData } from './data';
import { DetectedAnomaly, detectAnomalies } from './detect';
import type { SeriesFeedback } from './detector';
import {
  ANOMALY_ENGINE_ACTOR,
  ANOMALY_TRANSITIONS,
  anomalyKey,
  anomalyResponseOf,
} from './lifecycle';

/** What one detection stored. @public */
export interface AnomalyRun {
  /** The days judged. */
  from?: string;
  to?: string;
  /** How many series were judged. */
  series: number;
  /** Anomalies found for the first time. */
  created: StoredAnomaly[];
  /** Anomalies found again whose figures changed (an episode that goes on). */
  updated: StoredAnomaly[];
  /** New, untouched anomalies the data no longer shows (restated cost, changed attribution). */
  removed: number;
}

/** Days a later detection may start after an episode's last day and still continue it (three quiet days). */
const CONTINUES_WITHIN = 4;

function changed(before: StoredAnomaly, after: DetectedAnomaly): boolean {
  return (
    before.day !== after.day ||
    before.lastDay !== after.lastDay ||
    before.actual !== after.actual ||
    before.expected !== after.expected ||
    before.explanation !== after.explanation ||
    JSON.stringify(before.parents) !== JSON.stringify(after.parents)
  );
}

function figures(d: DetectedAnomaly) {
  const { flaggedDays: _days, ...rest } = d;
  return rest;
}

/**
 * Detection over the stored allocations, kept in a store so that a series'
 * anomaly keeps its id and triage status however often it is found again,
 * and the triage: status changes with who, when and why; "not an anomaly"
 * raises the threshold of its series for later detections.
 *
 * @public
 */
export class AnomalyService {
  private readonly clock: Clock;
  private readonly logger: EngineLogger;

  constructor(
    private readonly deps: {
      store: AnomalyStore;
      data: AnomalyData;
      config: AnomalyConfig;
      measure: CostMeasure;
      clock?: Clock;
      logger?: EngineLogger;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
    this.logger = deps.logger ?? silentLogger;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * What feedback changed per series: each "not an anomaly" multiplies the
   * threshold by `feedbackFactor`, and the absolute gate rises above the
   * largest one-day rise that was dismissed.
   */
  async feedback(): Promise<Map<string, SeriesFeedback>> {
    const out = new Map<string, SeriesFeedback>();
    for (const a of await this.deps.store.list({
      statuses: ['not-anomaly'],
    })) {
      const known = out.get(a.seriesKey) ?? {
        thresholdFactor: 1,
        minImpact: 0,
      };
      out.set(a.seriesKey, {
        thresholdFactor:
          known.thresholdFactor * this.deps.config.feedbackFactor,
        minImpact: Math.max(known.minImpact, Number(a.peakImpact) + 0.01),
      });
    }
    return out;
  }

  /**
   * Detects anomalies on the last `lookbackDays` of data (or `from..to`),
   * and on the whole of any stored episode that reaches into them, and
   * stores them: one found again (the same series, on or next to the same
   * days) is updated in place and keeps its id and status; one no longer
   * found is deleted only while it is new and untouched.
   */
  async detect(
    range: { from?: string; to?: string } = {},
  ): Promise<AnomalyRun> {
    const { store, data, config, measure } = this.deps;
    const dataDays = await data.days();
    if (!dataDays) return { series: 0, created: [], updated: [], removed: 0 };
    const to = range.to && range.to < dataDays.last ? range.to : dataDays.last;
    let from = range.from ?? addDays(to, -(config.lookbackDays - 1));
    const inMeasure = (a: StoredAnomaly) => a.measure === measure;
    const reaching = (
      await store.list({ from: addDays(from, -CONTINUES_WITHIN), to })
    ).filter(inMeasure);
    for (const a of reaching) if (a.day < from) from = a.day;
    const detection = await detectAnomalies(data, {
      config,
      measure,
      from,
      to,
      feedback: await this.feedback(),
    });
    if (!detection.from)
      return { series: 0, created: [], updated: [], removed: 0 };
    const existing = (
      await store.list({ from: addDays(detection.from, -CONTINUES_WITHIN), to })
    ).filter(inMeasure);
    const bySeries = new Map<string, StoredAnomaly[]>();
    for (const a of existing) {
      let list = bySeries.get(a.seriesKey);
      if (!list) bySeries.set(a.seriesKey, (list = []));
      list.push(a);
    }
    for (const list of bySeries.values())
      list.sort((a, b) => a.day.localeCompare(b.day));

    const now = this.now();
    const matched = new Set<string>();
    const created: StoredAnomaly[] = [];
    const updated: StoredAnomaly[] = [];
    const events: StoredAnomalyEvent[] = [];
    for (const d of detection.anomalies) {
      const before = (bySeries.get(d.seriesKey) ?? []).find(
        e =>
          !matched.has(e.id) &&
          d.day <= addDays(e.lastDay, CONTINUES_WITHIN) &&
          d.lastDay >= addDays(e.day, -CONTINUES_WITHIN),
      );
      if (before) {
        matched.add(before.id);
        if (!changed(before, d)) continue;
        updated.push({ ...before, ...figures(d), updatedAt: now });
        continue;
      }
      const id = anomalyKey(d.seriesKey, d.day);
      const record: StoredAnomaly = {
        ...figures(d),
        id,
        status: 'new',
        detectedAt: now,
        updatedAt: now,
      };
      created.push(record);
      events.push({
        anomaly: id,
        at: now,
        actor: ANOMALY_ENGINE_ACTOR,
        from: null,
        to: 'new',
      });
    }
    // those judged again and not found: the data changed under them
    const gone = existing.filter(
      e => !matched.has(e.id) && e.day >= detection.from! && e.status === 'new',
    );
    const history = await store.events(gone.map(e => e.id));
    const removable = gone
      .filter(e => (history.get(e.id) ?? []).length <= 1)
      .map(e => e.id)
      // a new one of the same id is stored in its place
      .filter(id => !created.some(c => c.id === id));
    await store.delete(removable);
    await store.save([...created, ...updated], events);
    if (created.length || updated.length || removable.length)
      this.logger.info(
        `Anomaly detection from ${detection.from} to ${detection.to}: ${created.length} new, ${updated.length} updated, ${removable.length} no longer found, over ${detection.series} series`,
      );
    return {
      from: detection.from,
      to: detection.to,
      series: detection.series,
      created,
      updated,
      removed: removable.length,
    };
  }

  /** Changes an anomaly's status for `actor`, checking the transition. */
  async changeStatus(
    id: string,
    request: AnomalyStatusRequest,
    actor: string,
    options: { at?: string } = {},
  ): Promise<StoredAnomaly> {
    const before = await this.deps.store.get(id);
    if (!before) throw new NotFoundError(`No anomaly ${id}`);
    const to = request.status;
    if (!ANOMALY_STATUSES.includes(to))
      throw new InputError(
        `Unknown status '${to}': use ${ANOMALY_STATUSES.join(', ')}`,
      );
    if (before.status === to)
      throw new InputError(`The anomaly is already ${to}`);
    if (!ANOMALY_TRANSITIONS[before.status].includes(to))
      throw new InputError(
        `An anomaly that is ${
          before.status
        } cannot become ${to}; it can become ${ANOMALY_TRANSITIONS[
          before.status
        ].join(' or ')}`,
      );
    const note = request.note?.trim() || undefined;
    if (note && note.length > 2000)
      throw new InputError('The note is longer than 2,000 characters');
    const at = options.at ?? this.now();
    const record: StoredAnomaly = { ...before, status: to };
    if (to !== 'new' && !record.acknowledgedAt) record.acknowledgedAt = at;
    if (CLOSED_ANOMALY_STATUSES.includes(to)) record.resolvedAt = at;
    else delete record.resolvedAt;
    await this.deps.store.save(
      [record],
      [
        {
          anomaly: id,
          at,
          actor,
          from: before.status,
          to,
          ...(note ? { note } : {}),
        },
      ],
    );
    return record;
  }

  list(filter: AnomalyFilter = {}): Promise<StoredAnomaly[]> {
    return this.deps.store.list(filter);
  }

  get(id: string): Promise<StoredAnomaly | undefined> {
    return this.deps.store.get(id);
  }

  events(ids: string[]) {
    return this.deps.store.events(ids);
  }

  /**
   * How fast the anomalies of the entities (a team's: those it owns, or
   * its members') whose first day falls in `month` were detected,
   * acknowledged and closed.
   */
  async response(query: {
    entityRefs: string[];
    month: string;
  }): Promise<AnomalyResponse> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(query.month))
      throw new InputError(`'${query.month}' is not a month (YYYY-MM)`);
    const from = `${query.month}-01`;
    const anomalies = await this.deps.store.list({
      entityRefs: query.entityRefs,
      to: addDays(from, 31),
      from,
    });
    return anomalyResponseOf(anomalies, query.month);
  }
}
