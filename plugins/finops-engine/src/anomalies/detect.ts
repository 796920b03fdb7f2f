import { CostMeasure, Decimal } from '@costwise/plugin-finops-common';
import type { AnomalyConfig } from '../config';
import { addDays, daysBetween, eachDay } from '../model';
import type { AnomalyRow, FactQuantity, StoredAnomaly } from '../stores';
import type { AnomalyData, AnomalyGroup } from './data';
import type { DetectorSettings, SeriesFeedback } from './detector';
import { explainCandidate } from './explain';
import { Candidate, findCandidates, seriesKey, SeriesTable } from './series';

/**
 * An anomaly as detection finds it, before it is stored: no id, status or
 * dates yet.
 *
 * @public
 */
export interface DetectedAnomaly
  extends Omit<
    StoredAnomaly,
    | 'id'
    | 'status'
    | 'detectedAt'
    | 'updatedAt'
    | 'acknowledgedAt'
    | 'resolvedAt'
  > {
  /** The anomalous days of the episode. */
  flaggedDays: string[];
}

/** What one detection judged and found. @public */
export interface AnomalyDetection {
  /** The days judged (empty when there is no data). */
  from?: string;
  to?: string;
  measure: CostMeasure;
  /** How many series were judged. */
  series: number;
  anomalies: DetectedAnomaly[];
}

/** Which days to judge and with what. @public */
export interface AnomalyDetectionOptions {
  config: AnomalyConfig;
  measure: CostMeasure;
  /** First day judged; default `lookbackDays` before `to`. */
  from?: string;
  /** Last day judged; default the last day with data. */
  to?: string;
  /** Per series key: what "not an anomaly" feedback changed for it. */
  feedback?: Map<string, SeriesFeedback>;
}

/** The same day of the month before (the last day of a shorter month). */
function sameDayMonthBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(
    Math.min(d, last),
  ).padStart(2, '0')}`;
}

/** The gates of the config, in binary arithmetic. @public */
export function detectorSettings(config: AnomalyConfig): DetectorSettings {
  return {
    baselineDays: config.baselineDays,
    scaleDays: 2 * config.baselineDays,
    minHistoryDays: config.minHistoryDays,
    threshold: config.threshold,
    minImpact: Number(config.minImpact),
    minRelative: config.minRelative,
    minDailySpend: Number(config.minDailySpend),
  };
}

/**
 * Detects anomalies on the days `from..to` of every entity's rolled-up
 * daily cost and every fact group's cost on each entity, in one measure and
 * per currency; keeps each once, on the lowest entity it belongs to, and
 * explains it from the rows.
 *
 * @public
 */
export async function detectAnomalies(
  data: AnomalyData,
  options: AnomalyDetectionOptions,
): Promise<AnomalyDetection> {
  const { config, measure } = options;
  const empty: AnomalyDetection = { measure, series: 0, anomalies: [] };
  const dataDays = await data.days();
  if (!dataDays) return empty;
  const to =
    options.to && options.to < dataDays.last ? options.to : dataDays.last;
  let from = options.from ?? addDays(to, -(config.lookbackDays - 1));
  if (from < dataDays.first) from = dataDays.first;
  if (from > to) return { ...empty, from, to };
  const settings = detectorSettings(config);
  const lead = settings.scaleDays! + 7;
  const readFrom =
    addDays(from, -lead) < dataDays.first
      ? dataDays.first
      : addDays(from, -lead);
  const days = eachDay(readFrom, to);
  const index = new Map(days.map((d, i) => [d, i]));
  const table = new SeriesTable({ days, index });
  await data.read({ days, measure }, row => table.add(row));
  const members = await data.members();

  const feedback = options.feedback ?? new Map<string, SeriesFeedback>();
  let keys = new Map<string, string>();
  if ([...feedback.keys()].some(k => k.startsWith('resource|'))) {
    const ids = new Set<string>();
    for (const key of table.lines.keys()) ids.add(key.split('\u0000')[2]);
    keys = new Map(
      (await data.groups([...ids])).map(g => [g.id, g.key] as const),
    );
  }
  const candidates = findCandidates({
    table,
    members,
    range: {
      from: index.get(from)!,
      to: days.length - 1,
      history: daysBetween(dataDays.first, readFrom),
      monthAgo: Int32Array.from(
        days,
        d => index.get(sameDayMonthBefore(d)) ?? -1,
      ),
    },
    settings,
    feedback: k =>
      feedback.get(
        seriesKey({
          ...k,
          measure,
          groupKey: k.groupId ? keys.get(k.groupId) ?? k.groupId : undefined,
        }),
      ),
  });
  const series = table.entity.size + table.lines.size;
  if (candidates.length === 0)
    return { from, to, measure, series, anomalies: [] };

  // the rows of each anomaly's scope on its days and their reference days
  const weeks = Math.floor(config.baselineDays / 7);
  const needed = new Set<number>();
  const scopeRefs = new Set<string>();
  const scopeOf = (c: Candidate) =>
    c.scope === 'entity'
      ? members.get(c.entityRef) ?? new Map([[c.entityRef, c.entityRef]])
      : new Map([[c.entityRef, c.entityRef]]);
  for (const c of candidates) {
    for (const d of c.episode.days) {
      needed.add(d.index);
      for (let k = 1; k <= weeks; k++)
        if (d.index - 7 * k >= 0) needed.add(d.index - 7 * k);
    }
    for (const ref of scopeOf(c).keys()) scopeRefs.add(ref);
  }
  const neededDays = [...needed].sort((a, b) => a - b).map(i => days[i]);
  const byEntity = new Map<string, AnomalyRow[]>();
  await data.read(
    { days: neededDays, measure, entityRefs: [...scopeRefs] },
    row => {
      let list = byEntity.get(row.entityRef);
      if (!list) byEntity.set(row.entityRef, (list = []));
      list.push(row);
    },
  );
  const groupIds = new Set<string>();
  for (const list of byEntity.values())
    for (const r of list) groupIds.add(r.groupId);
  const groups = new Map<string, AnomalyGroup>(
    (await data.groups([...groupIds])).map(g => [g.id, g]),
  );
  const quantities = new Map<string, FactQuantity>(
    (await data.quantities([...groupIds], neededDays, measure)).map(q => [
      `${q.groupId}|${q.day}`,
      q,
    ]),
  );

  const anomalies: DetectedAnomaly[] = candidates.map(c => {
    const scope = scopeOf(c);
    const rows: AnomalyRow[] = [];
    for (const ref of scope.keys())
      for (const r of byEntity.get(ref) ?? [])
        if (
          r.currency === c.currency &&
          (c.scope === 'entity' || r.groupId === c.groupId)
        )
          rows.push(r);
    const figures = explainCandidate({
      candidate: c,
      days,
      weeks,
      rows,
      groups,
      via: c.scope === 'entity' && scope.size > 1 ? scope : undefined,
      quantities,
      currency: c.currency,
      measure,
    });
    return {
      seriesKey: seriesKey({
        scope: c.scope,
        currency: c.currency,
        measure,
        entityRef: c.entityRef,
        groupKey: figures.groupKey,
      }),
      scope: c.scope,
      entityRef: c.entityRef,
      resourceId: figures.resourceId,
      groupKey: figures.groupKey,
      day: figures.days[0],
      lastDay: figures.days[figures.days.length - 1],
      days: figures.days.length,
      flaggedDays: figures.days,
      measure,
      currency: c.currency,
      expected: figures.expected,
      actual: figures.actual,
      impact: figures.impact,
      peakImpact: figures.peakImpact,
      score: figures.score,
      rootCauses: figures.rootCauses,
      newResources: figures.newResources,
      ...(figures.usageVsPrice ? { usageVsPrice: figures.usageVsPrice } : {}),
      explanation: figures.explanation,
      parents: c.parents,
    };
  });
  anomalies.sort(
    (a, b) =>
      b.day.localeCompare(a.day) ||
      Decimal.parse(b.impact).compare(Decimal.parse(a.impact)) ||
      a.seriesKey.localeCompare(b.seriesKey),
  );
  return { from, to, measure, series, anomalies };
}
