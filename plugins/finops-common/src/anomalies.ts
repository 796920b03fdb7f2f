/**
 * Cost anomalies: days on which an entity's attributed cost, or one of its
 * resource lines, rose well above what its recent weeks predicted; each
 * explained by what moved, routed to the owning team and triaged.
 */

/**
 * Where an anomaly is in its triage: New → Acknowledged → Resolved, or
 * Expected (planned activity) or Not an anomaly (feedback that raises the
 * threshold of its series for later detections).
 *
 * @public
 */
export type AnomalyStatus =
  | 'new'
  | 'acknowledged'
  | 'resolved'
  | 'expected'
  | 'not-anomaly';

/** Every status, in lifecycle order. @public */
export const ANOMALY_STATUSES: readonly AnomalyStatus[] = [
  'new',
  'acknowledged',
  'resolved',
  'expected',
  'not-anomaly',
];

/** The statuses that close an anomaly (it needs no more attention). @public */
export const CLOSED_ANOMALY_STATUSES: readonly AnomalyStatus[] = [
  'resolved',
  'expected',
  'not-anomaly',
];

/**
 * What a root cause is a value of: a dimension of the fact groups, or the
 * member entity (for a System's or Group's anomaly).
 *
 * @public
 */
export type AnomalyDimension =
  | 'service'
  | 'resource'
  | 'region'
  | 'sku'
  | 'account'
  | 'chargeCategory'
  | 'entity';

/** Every dimension root causes are given in. @public */
export const ANOMALY_DIMENSIONS: readonly AnomalyDimension[] = [
  'service',
  'resource',
  'region',
  'sku',
  'account',
  'chargeCategory',
  'entity',
];

/**
 * How much one value of a dimension added to the anomaly: its cost on the
 * anomalous days less its average on the same weekday of the weeks before,
 * summed over the days. The contributions of all values of a dimension add
 * up to the change of the whole against those weeks (only the values that
 * rose most are listed).
 *
 * @public
 */
export interface AnomalyRootCause {
  dimension: AnomalyDimension;
  value: string;
  /** Exact decimal to the cent: positive for a rise. */
  contribution: string;
  /** Its cost on the anomalous days, exact. */
  actual: string;
  /** Its cost on the reference days, averaged per day and summed over the anomalous days, to the cent. */
  expected: string;
  /** Whether it had no cost on the reference days before the anomaly began (a new resource, service, ...). */
  new?: boolean;
}

/** A resource that had no cost on the reference days and has now. @public */
export interface AnomalyNewResource {
  resourceId: string;
  service: string;
  /** Its cost on the anomalous days, exact. */
  cost: string;
}

/**
 * The change split into usage and price, over the resource lines that
 * report quantities (`ConsumedQuantity`): usage is the change of quantity at
 * the reference price, price the change of unit price on the new quantity.
 * Estimates, to the cent.
 *
 * @public
 */
export interface AnomalyUsagePrice {
  usage: string;
  price: string;
  /** The change of the lines without quantities, or new ones (nothing to compare a price with). */
  other: string;
  /** How many resource lines with quantities the split covers. */
  lines: number;
}

/** One change of an anomaly's status. @public */
export interface AnomalyStatusChange {
  at: string;
  /** The user's entity ref, a service's subject, or `costwise` for the engine. */
  actor: string;
  from: AnomalyStatus | null;
  to: AnomalyStatus;
  note?: string;
}

/**
 * A cost anomaly as the API returns it. Money is exact decimal text in
 * `currency`; `expected` is an estimate from the series' recent weeks,
 * rounded to the cent, and `impact` is `actual − expected`.
 *
 * @public
 */
export interface Anomaly {
  /** `anom_` and 20 hex digits, stable across re-detections. */
  id: string;
  /** The entity whose cost it is on (the lowest in the rollups it shows in). */
  entityRef: string;
  /** For an anomaly of one resource line: its cloud resource id (null for an entity's total, or a line without one). */
  resourceId: string | null;
  /** For an anomaly of one resource line: the fact group's key; null for an entity's total. */
  groupKey: string | null;
  /** `entity` (the entity's rolled-up daily cost) or `resource` (one fact group's cost on it). */
  scope: 'entity' | 'resource';
  /** The first anomalous day (`YYYY-MM-DD`). */
  day: string;
  /** The last anomalous day of the episode; equal to `day` for a one-day spike. */
  lastDay: string;
  /** Anomalous days in the episode. */
  days: number;
  measure: string;
  currency: string;
  /** Sum over the anomalous days of what the series' recent weeks predicted, to the cent. */
  expected: string;
  /** Sum over the anomalous days of the cost, exact. */
  actual: string;
  /** `actual − expected`. */
  impact: string;
  /** The largest one-day rise of the episode. */
  peakImpact: string;
  /** How far above its expected value the peak day was, in the series' robust standard deviations (capped at 999). */
  score: number;
  rootCauses: AnomalyRootCause[];
  newResources: AnomalyNewResource[];
  /** Present when some of the change is on resource lines with quantities. */
  usageVsPrice?: AnomalyUsagePrice;
  /** In one sentence: what rose, by how much, and why. */
  explanation: string;
  status: AnomalyStatus;
  statusHistory: AnomalyStatusChange[];
  /** When it was first detected. */
  detectedAt: string;
  /** When it was last detected again (an episode grows while it lasts). */
  updatedAt: string;
  /** When it was last acknowledged, and closed (resolved, expected or not an anomaly). */
  acknowledgedAt?: string;
  resolvedAt?: string;
  /** The rollups (Systems, Domains, Groups) whose cost it shows in, which refer to it rather than report it again. */
  parents: string[];
  /** In lists: whether the caller may change its status. */
  canUpdate?: boolean;
}

/**
 * `POST /anomalies/{id}/status`.
 *
 * @public
 */
export interface AnomalyStatusRequest {
  status: AnomalyStatus;
  /** Why, in a few words (up to 2,000 characters). */
  note?: string;
}

/** Anomalies per status. @public */
export type AnomalyCounts = Record<AnomalyStatus, number>;

/**
 * `GET /entities/{kind}/{namespace}/{name}/anomalies` and `GET /anomalies`:
 * anomalies, newest first, with counts per status.
 *
 * @public
 */
export interface AnomalyList {
  /** The entity asked about (absent for `GET /anomalies`). */
  entityRef?: string;
  items: Anomaly[];
  counts: AnomalyCounts;
  /** Anomalies left out by `limit`. */
  more: number;
  /** Members whose anomalies are left out: the caller may not read their cost. */
  hiddenMembers?: { count: number; message: string };
  /** Whether the caller may change the status of the entity's own anomalies. */
  canUpdate?: boolean;
}

/**
 * How fast a team hears of and acts on its anomalies: for those of the
 * team's entities whose first day falls in a month.
 *
 * @public
 */
export interface AnomalyResponse {
  month: string;
  count: number;
  acknowledged: number;
  resolved: number;
  /** Still new or acknowledged. */
  open: number;
  /** Median hours from the end of the anomalous day to its detection. */
  medianHoursToDetect: number | null;
  /** Median hours from detection to the first response (any status but new). */
  medianHoursToAcknowledge: number | null;
  /** Median hours from detection to closing (resolved, expected or not an anomaly). */
  medianHoursToResolve: number | null;
}
