import { createHash } from 'crypto';
import {
  Anomaly,
  AnomalyResponse,
  AnomalyStatus,
  AnomalyStatusChange,
  CLOSED_ANOMALY_STATUSES,
} from '@costwise/plugin-finops-common';
import { monthEnd } from '../model';
import type { StoredAnomaly } from '../stores';

/** The engine acting on its own (detection). @public */
export const ANOMALY_ENGINE_ACTOR = 'costwise';

/**
 * Which status may follow which: New → Acknowledged → Resolved, or
 * Expected or Not an anomaly from New or Acknowledged; a closed anomaly can
 * be reopened (New) or taken up again (Acknowledged).
 *
 * @public
 */
export const ANOMALY_TRANSITIONS: Record<AnomalyStatus, AnomalyStatus[]> = {
  new: ['acknowledged', 'resolved', 'expected', 'not-anomaly'],
  acknowledged: ['new', 'resolved', 'expected', 'not-anomaly'],
  resolved: ['new', 'acknowledged'],
  expected: ['new', 'acknowledged'],
  'not-anomaly': ['new', 'acknowledged'],
};

/** Costwise's id of the anomaly of a series that began on `day`. @public */
export function anomalyKey(seriesKey: string, day: string): string {
  return `anom_${createHash('sha256')
    .update(`${seriesKey}\u0000${day}`)
    .digest('hex')
    .slice(0, 20)}`;
}

/** A stored anomaly as the API shows it, with its history. @public */
export function anomalyView(
  stored: StoredAnomaly,
  history: AnomalyStatusChange[] = [],
): Anomaly {
  const { seriesKey: _key, ...rest } = stored;
  return { ...rest, statusHistory: history };
}

const HOUR_MS = 3_600_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
  return Math.round(m * 10) / 10;
}

const hoursBetween = (from: string, to: string) =>
  Math.max(0, (Date.parse(to) - Date.parse(from)) / HOUR_MS);

/**
 * How fast anomalies whose first day falls in `month` (`YYYY-MM`) were
 * detected, acknowledged and closed: the governance KPI "anomaly response"
 * of a team, given its anomalies.
 *
 * @public
 */
export function anomalyResponseOf(
  anomalies: StoredAnomaly[],
  month: string,
): AnomalyResponse {
  const from = `${month}-01`;
  const to = monthEnd(from);
  const inMonth = anomalies.filter(a => a.day >= from && a.day <= to);
  const closed = (a: StoredAnomaly) =>
    CLOSED_ANOMALY_STATUSES.includes(a.status);
  return {
    month,
    count: inMonth.length,
    acknowledged: inMonth.filter(a => a.acknowledgedAt).length,
    resolved: inMonth.filter(closed).length,
    open: inMonth.filter(a => !closed(a)).length,
    medianHoursToDetect: median(
      // from the end of the day: its cost is known once it is over
      inMonth.map(a =>
        Math.max(0, hoursBetween(`${a.day}T00:00:00.000Z`, a.detectedAt) - 24),
      ),
    ),
    medianHoursToAcknowledge: median(
      inMonth
        .filter(a => a.acknowledgedAt)
        .map(a => hoursBetween(a.detectedAt, a.acknowledgedAt!)),
    ),
    medianHoursToResolve: median(
      inMonth
        .filter(a => closed(a) && a.resolvedAt)
        .map(a => hoursBetween(a.detectedAt, a.resolvedAt!)),
    ),
  };
}
