import { Decimal } from '@costwise/plugin-finops-common';
import { DateTime } from 'luxon';

type DecimalText = `${number}`;

const formatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    } catch {
      // a currency code Intl does not know must not take the page down
      formatter = new Intl.NumberFormat(undefined, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    }
    formatters.set(currency, formatter);
  }
  return formatter;
}

/**
 * Formats an exact decimal string as money in `currency`, with 2 decimals.
 * The string goes to `Intl.NumberFormat` as is, which rounds it exactly
 * instead of through a binary float.
 */
export function formatMoney(amount: string, currency: string): string {
  const formatter = moneyFormatter(currency);
  const text = formatter.format(amount.trim() as DecimalText);
  return formatter.resolvedOptions().currency ? text : `${text} ${currency}`;
}

/** Money without decimals, for chart axes where space is short. */
export function formatMoneyShort(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, { notation: 'compact' }).format(
      value,
    );
  }
}

/** A ratio (0.1234) as a percentage ("12.3%"). */
export function formatShare(ratio: number, digits = 1): string {
  return new Intl.NumberFormat(undefined, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(ratio);
}

/** Amounts only for drawing: charts need numbers, not exact decimals. */
export function toNumber(amount: string | undefined): number {
  const value = Number(amount ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** Whether an exact decimal string is below zero, without rounding it. */
export function isNegative(amount: string): boolean {
  return Decimal.tryParse(amount)?.isNegative() ?? false;
}

/** Whether an exact decimal string is zero (or not a number at all). */
export function isZero(amount: string): boolean {
  return Decimal.tryParse(amount)?.isZero() ?? true;
}

/** The exact sum of decimal strings, for totals the response does not carry. */
export function sumAmounts(amounts: string[]): string {
  return Decimal.sum(
    amounts.map(a => Decimal.tryParse(a) ?? Decimal.ZERO),
  ).toString();
}

/** "26 Nov" for a `YYYY-MM-DD` day; "Nov 2025" for a `YYYY-MM` month. */
export function formatDay(date: string): string {
  if (/^\d{4}-\d{2}$/.test(date)) {
    return DateTime.fromISO(`${date}-01`).toFormat('LLL yyyy');
  }
  const day = DateTime.fromISO(date);
  return day.isValid ? day.toFormat('d LLL') : date;
}

/** "26 Nov 2025", for periods and tooltips. */
export function formatLongDay(date: string): string {
  if (/^\d{4}-\d{2}$/.test(date)) return formatDay(date);
  const day = DateTime.fromISO(date);
  return day.isValid ? day.toFormat('d LLL yyyy') : date;
}

/**
 * Money per unit, which is often a fraction of a cent: at least 2 decimals
 * and about 3 significant digits, at most 6 (the precision the API gives).
 * Like {@link formatMoney}, the exact string is what gets rounded.
 */
export function formatUnitMoney(amount: string, currency: string): string {
  const value = Math.abs(toNumber(amount));
  const digits =
    value > 0 && value < 1
      ? Math.min(6, Math.max(2, 2 - Math.floor(Math.log10(value))))
      : 2;
  if (digits === 2) return formatMoney(amount, currency);
  let formatter: Intl.NumberFormat;
  try {
    formatter = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: digits,
    });
  } catch {
    formatter = new Intl.NumberFormat(undefined, {
      minimumFractionDigits: 2,
      maximumFractionDigits: digits,
    });
  }
  const text = formatter.format(amount.trim() as DecimalText);
  return formatter.resolvedOptions().currency ? text : `${text} ${currency}`;
}

/** A metric value such as a request count: grouped, at most 2 decimals. */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(
    value,
  );
}

const quantityFormatter = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 6,
});

/**
 * A consumed quantity (an exact decimal string) with thousands separators
 * and up to 6 decimals: "1,234,567", "14.4", "0.3".
 */
export function formatQuantity(quantity: string): string {
  return quantityFormatter.format(quantity.trim() as DecimalText);
}

/** A metric value on a chart axis: "1.2M". */
export function formatCountShort(value: number): string {
  return new Intl.NumberFormat(undefined, {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A period of days as the views label it: "6 Nov – 5 Dec 2026". */
export function formatPeriod(from: string, to: string): string {
  const start = DateTime.fromISO(from);
  const end = DateTime.fromISO(to);
  if (!start.isValid || !end.isValid) return `${from} – ${to}`;
  if (from === to) return end.toFormat('d LLL yyyy');
  const sameYear = start.year === end.year;
  return `${start.toFormat(sameYear ? 'd LLL' : 'd LLL yyyy')} – ${end.toFormat(
    'd LLL yyyy',
  )}`;
}

/** "26 Nov 2025, 14:05" for an ISO instant, in the viewer's time zone. */
export function formatInstant(instant: string): string {
  const at = DateTime.fromISO(instant);
  return at.isValid ? at.toFormat('d LLL yyyy, HH:mm') : instant;
}
