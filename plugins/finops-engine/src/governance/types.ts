import type { CostMeasure, KpiId } from '@costwise/plugin-finops-common';
import { Decimal } from '@costwise/plugin-finops-common';
import { previousMonthStart } from '../model';

/** The FinOps function's own cost from a month on. @public */
export interface OverheadEntry {
  /** `YYYY-MM`: in force from this month until the next entry. */
  from: string;
  /** A monthly amount; or `people` plus `tooling`. */
  monthly?: string;
  people?: string;
  tooling?: string;
}

/** How governance is configured. @public */
export interface GovernanceOptions {
  measure: CostMeasure;
  /** The currency KPIs are computed in (default: the one with the most cost). */
  currency?: string;
  /** Organization targets by KPI, over the defaults. */
  targets: Partial<Record<KpiId, number | null>>;
  /** Team overrides. */
  teamTargets: Array<{ team: string; kpi: KpiId; target: number | null }>;
  overhead: OverheadEntry[];
  /** Lower-case account id → owning group ref. */
  accountOwners: Record<string, string>;
}

/** The scope of the organization's KPIs. */
export const ORGANIZATION = 'organization';
/** The months of history a KPI shows. */
export const HISTORY_MONTHS = 12;

export type Detail = Record<string, string | number | null>;

/** A KPI as computed for a scope and month. */
export interface Figure {
  value: number | null;
  message?: string;
  detail?: Detail;
}

/** A scope's KPIs of a month. */
export type Figures = Map<KpiId, Figure>;

/** `part / whole` to 6 places, or null of a zero whole. */
export const ratio = (part: Decimal, whole: Decimal): number | null =>
  whole.isZero() ? null : Number(part.divide(whole, 6).toString());

/** The month `count` months before `month` (`YYYY-MM`). */
export function monthsBack(month: string, count: number): string {
  let day = `${month}-01`;
  for (let i = 0; i < count; i++) day = previousMonthStart(day);
  return day.slice(0, 7);
}

/** A value, or without one the message saying why. */
export function measured(
  value: number | null,
  message: string,
  detail?: Detail,
): Figure {
  return value === null ? { value, message, detail } : { value, detail };
}

/** Adds `amount` to the key's sum. */
export function addTo<K>(map: Map<K, Decimal>, key: K, amount: Decimal) {
  map.set(key, (map.get(key) ?? Decimal.ZERO).add(amount));
}
