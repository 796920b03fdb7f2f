import { Decimal } from '@costwise/plugin-finops-common';
import { parseTimestamp } from './instants';
import { detach } from './text';

export { detach };

/** Exports repeat the same tag sets on many rows; the cache is bounded. */
const CACHE_LIMIT = 50_000;
const tagCache = new Map<
  string,
  Readonly<Record<string, string>> | undefined
>();

/** The cell texts that mean "no value" in real exports, once trimmed. */
const NULL_LITERALS = new Set(['', 'NULL', 'null', 'None', 'NaN', 'N/A']);

/** Cell values that mean "no value" in real exports. */
export function isNullCell(value: string | undefined): boolean {
  return cell(value) === undefined;
}

/** Whether a character code is printable ASCII other than a space. */
function isVisibleAscii(code: number): boolean {
  return code > 32 && code < 127;
}

/** The trimmed cell, or undefined when it is empty or a NULL literal. */
export function cell(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const n = value.length;
  // Most cells have nothing to trim and are longer than any NULL literal.
  if (
    n > 4 &&
    isVisibleAscii(value.charCodeAt(0)) &&
    isVisibleAscii(value.charCodeAt(n - 1))
  )
    return value;
  const v = value.trim();
  return NULL_LITERALS.has(v) ? undefined : v;
}

let currencies: Set<string> | undefined;

/** Whether the code is an ISO 4217 currency code known to the runtime. */
export function isKnownCurrency(code: string): boolean {
  if (!currencies) {
    const intl = Intl as unknown as {
      supportedValuesOf?: (key: string) => string[];
    };
    currencies = new Set(
      intl.supportedValuesOf ? intl.supportedValuesOf('currency') : [],
    );
    for (const extra of [
      'USD',
      'EUR',
      'GBP',
      'JPY',
      'CNY',
      'INR',
      'AUD',
      'CAD',
      'CHF',
      'SEK',
      'NOK',
      'DKK',
      'BRL',
      'KRW',
    ]) {
      currencies.add(extra);
    }
  }
  return currencies.has(code);
}

/** The result of checking one money cell. */
export type MoneyCell = Checked<string>;

/** A checked cell: its value, or the reason the row is rejected. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Checks the currency of a row: the cell, or the source's configured
 * currency when the cell is empty; an ISO 4217 code in upper case.
 */
export function currencyCell(
  column: string,
  text: string | undefined,
  fallback: string | undefined,
): Checked<string> {
  const currency = (text ?? fallback)?.toUpperCase();
  if (!currency) return { ok: false, reason: `${column} is empty` };
  if (!isKnownCurrency(currency)) {
    return {
      ok: false,
      reason: `unknown currency code '${truncate(currency, 12)}'`,
    };
  }
  return { ok: true, value: currency };
}

/** Checks a required timestamp cell (already trimmed, or undefined when empty): epoch milliseconds. */
export function timestampCell(
  column: string,
  text: string | undefined,
): Checked<number> {
  if (!text) return { ok: false, reason: `${column} is empty` };
  const value = parseTimestamp(text);
  if (value === undefined) {
    return {
      ok: false,
      reason: `${column} is not a date: '${truncate(text)}'`,
    };
  }
  return { ok: true, value };
}

/** Why a required cell is empty: with the literal it held (`NaN`, `NULL`) when it held one. */
function emptyReason(column: string, raw: string | undefined): string {
  const literal = raw?.trim();
  return literal
    ? `${column} is empty ('${truncate(literal)}' is read as no value)`
    : `${column} is empty`;
}

/** Checks a money cell: required, and an exact decimal. Returns its canonical string. */
export function moneyCell(column: string, raw: string | undefined): MoneyCell {
  const v = cell(raw);
  if (v === undefined) return { ok: false, reason: emptyReason(column, raw) };
  const text =
    v.charCodeAt(0) === 34 || v.charCodeAt(v.length - 1) === 34
      ? v.replace(/^"|"$/g, '')
      : v;
  // Plain decimals (the common case) are checked and kept as they are; they
  // are parsed to exact integers once, where they are summed.
  if (isPlainDecimal(text)) return { ok: true, value: text };
  const d = Decimal.tryParse(text);
  if (!d)
    return { ok: false, reason: `${column} is not a number: '${truncate(v)}'` };
  return { ok: true, value: d.toString() };
}

/** Checks an optional quantity cell. */
export function quantityCell(
  column: string,
  raw: string | undefined,
): MoneyCell | undefined {
  const v = cell(raw);
  if (v === undefined) return undefined;
  if (isPlainDecimal(v)) return { ok: true, value: canonicalPlainDecimal(v) };
  const d = Decimal.tryParse(v);
  if (!d)
    return { ok: false, reason: `${column} is not a number: '${truncate(v)}'` };
  return { ok: true, value: d.toString() };
}

/** Whether the text is `-?digits(.digits)?`. */
export function isPlainDecimal(text: string): boolean {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    digits++;
  }
  if (digits === 0) return false;
  if (i === n) return true;
  if (text.charCodeAt(i) !== 46 || i === n - 1) return false;
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The canonical form (as `Decimal#toString` writes it) of a plain decimal:
 * no leading zeros, no trailing fraction zeros, no negative zero.
 */
function canonicalPlainDecimal(text: string): string {
  const negative = text.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  let dot = text.indexOf('.', start);
  if (dot < 0) dot = text.length;
  let end = text.length;
  if (dot < end) {
    while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end--;
    if (end === dot + 1) end = dot;
  }
  let intStart = start;
  while (intStart < dot - 1 && text.charCodeAt(intStart) === 48) intStart++;
  const isZero = end === dot && dot - intStart === 1 && text[intStart] === '0';
  if (isZero) return '0';
  if (intStart === start && end === text.length) return text;
  return `${negative ? '-' : ''}${text.slice(intStart, end)}`;
}

/** Shortens a value quoted in a rejection reason. */
export function truncate(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * Parses a tags cell: a JSON object string (FOCUS), or a JSON object without
 * its outer braces (Azure legacy exports). Values are turned into strings;
 * valueless tags (`true`) stay `'true'`. Returns undefined when it is not an
 * object at all.
 */
export function parseTags(
  raw: string | undefined,
): Record<string, string> | undefined {
  // Tag sets repeat across rows; the parsed object is shared and never mutated.
  if (raw !== undefined) {
    const cached = tagCache.get(raw);
    if (cached !== undefined || tagCache.has(raw)) return cached;
  }
  const parsed = parseTagsUncached(raw);
  if (raw !== undefined) {
    if (tagCache.size > CACHE_LIMIT) tagCache.clear();
    tagCache.set(detach(raw), parsed);
  }
  return parsed;
}

function parseTagsUncached(
  raw: string | undefined,
): Record<string, string> | undefined {
  const v = cell(raw);
  if (v === undefined || v === '{}') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    try {
      parsed = JSON.parse(`{${v}}`);
    } catch {
      return undefined;
    }
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(
    parsed as Record<string, unknown>,
  )) {
    if (value === null || value === undefined) continue;
    tags[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return tags;
}
