import { parseEntityRef } from '@backstage/catalog-model';
import type {
  KpiStatus,
  KpiUnit,
  KpiValue,
} from '@costwise/plugin-finops-common';
import { DateTime } from 'luxon';
import { formatMoney, formatMoneyShort, formatShare } from '../shared/format';

export const KPI_STATUS_LABELS: Record<KpiStatus, string> = {
  met: 'Met',
  'at-risk': 'At risk',
  missed: 'Missed',
  'not-measured': 'Not measured yet',
};

/** A relative change with its sign: "+5%", "−4.2%", "0%". */
function formatChange(value: number): string {
  const text = formatShare(Math.abs(value));
  if (formatShare(0) === text) return text;
  return `${value < 0 ? '−' : '+'}${text}`;
}

/** A number of days: "12.5 days", "1 day". */
function formatDays(value: number): string {
  const text = new Intl.NumberFormat(undefined, {
    maximumFractionDigits: 1,
  }).format(value);
  return `${text} ${value === 1 ? 'day' : 'days'}`;
}

/**
 * A KPI figure (a value or a target) in its unit: a ratio as a percentage,
 * days, money per 1,000,000 of spend in the currency, a change as ±%.
 */
export function formatKpiNumber(
  value: number,
  unit: KpiUnit,
  currency: string,
): string {
  switch (unit) {
    case 'ratio':
      return formatShare(value);
    case 'days':
      return formatDays(value);
    case 'per-million':
      return `${formatMoney(String(value), currency)} per ${formatMoneyShort(
        1_000_000,
        currency,
      )}`;
    case 'change':
      return formatChange(value);
    default:
      return String(value);
  }
}

/** A KPI's value, or that it is not measured yet (never a zero it does not have). */
export function formatKpiValue(kpi: KpiValue, currency: string): string {
  if (kpi.value === null) return KPI_STATUS_LABELS['not-measured'];
  return formatKpiNumber(kpi.value, kpi.unit, currency);
}

/** A KPI's target, with which side of it is good: "≥ 95%", "≤ 30 days". */
export function formatKpiTarget(kpi: KpiValue, currency: string): string {
  if (kpi.target === null) return 'No target';
  const side = kpi.better === 'higher' ? '≥' : '≤';
  return `${side} ${formatKpiNumber(kpi.target, kpi.unit, currency)}`;
}

export const TARGET_SOURCE_LABELS: Record<KpiValue['targetSource'], string> = {
  default: 'default',
  organization: 'set for the organization',
  team: 'set for this team',
  none: 'none',
};

/** An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 22nd. */
export function ordinal(n: number): string {
  const suffix: Record<string, string> = {
    one: 'st',
    two: 'nd',
    few: 'rd',
    other: 'th',
  };
  const rule = new Intl.PluralRules('en-US', { type: 'ordinal' }).select(n);
  return `${n}${suffix[rule] ?? 'th'}`;
}

/** "3rd of 12". */
export function formatRank(rank: { position: number; of: number }): string {
  return `${ordinal(rank.position)} of ${rank.of}`;
}

/** Whether the KPI moved the way that is good for it; null when flat or unknown. */
export function directionIsGood(kpi: KpiValue): boolean | null {
  if (kpi.direction === 'up') return kpi.better === 'higher';
  if (kpi.direction === 'down') return kpi.better === 'lower';
  return null;
}

/** "Nov 2025" for `2025-11`. */
export function formatMonth(month: string): string {
  const date = DateTime.fromISO(`${month}-01`);
  return date.isValid ? date.toFormat('LLL yyyy') : month;
}

/** `month` and the 11 months before it, latest first. */
export function monthsUpTo(month: string): string[] {
  const last = DateTime.fromISO(`${month}-01`);
  if (!last.isValid) return [month];
  return Array.from({ length: 12 }, (_, i) =>
    last.minus({ months: i }).toFormat('yyyy-MM'),
  );
}

/**
 * A team's ref as a Group's kind, namespace and name; a bare name or a
 * `namespace/name` is read as a Group of the default namespace.
 */
export function teamRefParts(team: string) {
  return parseEntityRef(team, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
}

/**
 * The number an input holds for a KPI figure, in the unit people read it in:
 * a percentage for ratios and changes, days, money per 1,000,000 as is.
 */
export function toInputValue(value: number | null, unit: KpiUnit): string {
  if (value === null) return '';
  if (unit === 'ratio' || unit === 'change') {
    // 0.95 * 100 is 94.99999999999999: round off the float's noise
    return String(Number((value * 100).toPrecision(12)));
  }
  return String(value);
}

/** The figure an input's text stands for, back in the API's unit; null when empty, NaN when not a number. */
export function fromInputValue(text: string, unit: KpiUnit): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return NaN;
  if (unit === 'ratio' || unit === 'change') {
    return Number((value / 100).toPrecision(12));
  }
  return value;
}

/** The input's unit, shown next to it. */
export function inputUnitLabel(unit: KpiUnit, currency: string): string {
  switch (unit) {
    case 'ratio':
    case 'change':
      return '%';
    case 'days':
      return 'days';
    case 'per-million':
      return `${currency} per ${formatMoneyShort(1_000_000, currency)}`;
    default:
      return '';
  }
}
