import { Decimal } from '@costwise/plugin-finops-common';
import type { AskPeriod } from '@costwise/plugin-finops-common';
import { monthEnd, monthStart } from '../../model';

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function grouped(fixed: string): string {
  const [int, frac] = fixed.split('.');
  const digits = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? digits : `${digits}.${frac}`;
}

/** An amount of money for a sentence, to the cent: `$1,234.56`, `-€3.10`, `12.00 CAD`. */
export function money(amount: Decimal, currency: string, digits = 2): string {
  const fixed = amount.abs().toFixed(digits);
  const sign = amount.isNegative() && /[1-9]/.test(fixed) ? '-' : '';
  const symbol = SYMBOLS[currency];
  return symbol
    ? `${sign}${symbol}${grouped(fixed)}`
    : `${sign}${grouped(fixed)} ${currency}`;
}

/** A unit cost for a sentence: to the cent from 10 up, else to 4 places. */
export function unitMoney(amount: Decimal, currency: string): string {
  return money(
    amount,
    currency,
    amount.abs().compare(Decimal.parse('10')) >= 0 ? 2 : 4,
  );
}

/** A change of money with its sign: `+$12.30`, `-$4.00`. */
export function signedMoney(amount: Decimal, currency: string): string {
  return amount.isNegative()
    ? money(amount, currency)
    : `+${money(amount, currency)}`;
}

/** A count or metric value for a sentence: `1,234` or `1,234.5`. */
export function quantity(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return grouped(String(rounded));
}

/** `part / whole` as a whole percentage for a sentence; undefined for a zero whole. */
export function percent(part: Decimal, whole: Decimal): string | undefined {
  if (whole.isZero()) return undefined;
  return `${Math.round((part.toNumber() / whole.toNumber()) * 100)}%`;
}

/** `part / whole` in binary arithmetic (a share shown as a percentage). */
export function share(part: Decimal, whole: Decimal): number {
  return whole.isZero() ? 0 : part.toNumber() / whole.toNumber();
}

/** `Thu 26 Nov 2026`. */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${DAY_NAMES[d.getUTCDay()]} ${d.getUTCDate()} ${
    MONTH_NAMES[d.getUTCMonth()]
  } ${d.getUTCFullYear()}`;
}

function short(day: string, withYear: boolean): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]}${
    withYear ? ` ${d.getUTCFullYear()}` : ''
  }`;
}

/** A period for a sentence: `Nov 2026`, `1–20 Nov 2026`, `26 Oct–3 Nov 2026`. */
export function periodLabel(period: AskPeriod): string {
  const { from, to } = period;
  if (from === to) return dayLabel(from);
  const d = new Date(`${from}T00:00:00Z`);
  if (from === monthStart(from) && to === monthEnd(from))
    return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (from.slice(0, 7) === to.slice(0, 7))
    return `${d.getUTCDate()}–${short(to, true)}`;
  if (from.slice(0, 4) === to.slice(0, 4))
    return `${short(from, false)}–${short(to, true)}`;
  return `${short(from, true)}–${short(to, true)}`;
}

/** How a measure is said: "amortized cost", "billed cost", ... */
export function measureWords(measure: string): string {
  switch (measure) {
    case 'BilledCost':
      return 'billed cost';
    case 'ListCost':
      return 'list cost';
    case 'ContractedCost':
      return 'contracted cost';
    default:
      return 'amortized cost';
  }
}

/** "A, B and C". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
