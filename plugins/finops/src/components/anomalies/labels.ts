import type {
  Anomaly,
  AnomalyDimension,
  AnomalyStatus,
} from '@costwise/plugin-finops-common';
import { formatDay, formatMoney } from '../shared/format';

/** A status in words. */
export const ANOMALY_STATUS_LABELS: Record<AnomalyStatus, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  expected: 'Expected',
  'not-anomaly': 'Not an anomaly',
};

/** A dimension of a root cause in words. */
export const DIMENSION_LABELS: Record<AnomalyDimension, string> = {
  service: 'Service',
  resource: 'Resource',
  region: 'Region',
  sku: 'SKU',
  account: 'Account',
  chargeCategory: 'Charge category',
  entity: 'Entity',
};

/** A triage step a user may take, with the status it leads to. */
export interface AnomalyAction {
  id: 'acknowledge' | 'resolve' | 'expected' | 'not-anomaly' | 'reopen';
  label: string;
  to: AnomalyStatus;
  /** What the dialog says the step means. */
  meaning: string;
}

export const ANOMALY_ACTIONS: Record<AnomalyAction['id'], AnomalyAction> = {
  acknowledge: {
    id: 'acknowledge',
    label: 'Acknowledge',
    to: 'acknowledged',
    meaning: 'Your team has seen it and is looking into it.',
  },
  resolve: {
    id: 'resolve',
    label: 'Resolve',
    to: 'resolved',
    meaning: 'The cause is fixed, or the cost is back where it should be.',
  },
  expected: {
    id: 'expected',
    label: 'Expected',
    to: 'expected',
    meaning:
      'Planned activity (a load test, a migration, a launch): nothing to fix.',
  },
  'not-anomaly': {
    id: 'not-anomaly',
    label: 'Not an anomaly',
    to: 'not-anomaly',
    meaning:
      'A normal change for this cost: later detections on the same series need a larger rise before they alert.',
  },
  reopen: {
    id: 'reopen',
    label: 'Reopen',
    to: 'new',
    meaning: 'Back to new: it needs attention again.',
  },
};

/** The steps offered from each status. */
export const ANOMALY_ACTIONS_BY_STATUS: Record<
  AnomalyStatus,
  AnomalyAction['id'][]
> = {
  new: ['acknowledge', 'resolve', 'expected', 'not-anomaly'],
  acknowledged: ['resolve', 'expected', 'not-anomaly'],
  resolved: ['reopen'],
  expected: ['reopen'],
  'not-anomaly': ['reopen'],
};

/** "18 Nov" or "18–20 Nov": the anomalous days. */
export function anomalyDays(anomaly: Anomaly, format: (d: string) => string) {
  return anomaly.day === anomaly.lastDay
    ? format(anomaly.day)
    : `${format(anomaly.day)} – ${format(anomaly.lastDay)}`;
}

/** What the anomaly is on: a resource line, or the entity's total. */
export function anomalySubject(anomaly: Anomaly): string {
  if (anomaly.scope === 'resource')
    return anomaly.resourceId ?? anomaly.groupKey ?? 'one resource line';
  return 'Total cost';
}

/** The largest root cause of the first dimension that has one, for a table cell. */
export function topCause(anomaly: Anomaly) {
  return [...anomaly.rootCauses].sort(
    (a, b) => Number(b.contribution) - Number(a.contribution),
  )[0];
}

/** The anomalies as the cost chart marks them: those still open, and closed ones that were real. */
export function chartAnomalies(items: Anomaly[] | undefined) {
  return (items ?? [])
    .filter(a => a.status !== 'not-anomaly')
    .map(a => ({
      id: a.id,
      day: a.day,
      label: `Anomaly on ${formatDay(a.day)}: ${formatMoney(
        a.actual,
        a.currency,
      )} against ${formatMoney(a.expected, a.currency)} expected${
        topCause(a) ? `, mostly ${topCause(a)!.value}` : ''
      }`,
    }));
}
