import { Decimal } from '@costwise/plugin-finops-common';

/**
 * An instant of an export, with the forms the readers store: epoch
 * milliseconds, the ISO-8601 UTC text and the UTC day.
 */
export interface Instant {
  ms: number;
  iso: string;
  day: string;
  /** `YYYY-MM` */
  month: string;
  /** 1 to 31 */
  dayOfMonth: number;
}

/** Exports repeat the same timestamps and tag sets on many rows; both caches are bounded. */
const CACHE_LIMIT = 50_000;
const timestampCache = new Map<string, Instant | undefined>();
const instantCache = new Map<number, Instant>();
const tagCache = new Map<
  string,
  Readonly<Record<string, string>> | undefined
>();

/** The cell texts that mean "no value" in real exports, once trimmed. */
const NULL_LITERALS = new Set(['', 'NULL', 'null', 'None', 'NaN', 'N/A']);

/**
 * A copy of a string that does not keep alive the larger string it may be a
 * slice of: CSV fields are slices of a whole decoded chunk, and a string kept
 * for the run (a cache key, a fact group) would otherwise pin that chunk.
 */
export function detach<T extends string | undefined>(value: T): T {
  if (value === undefined || value.length < 13) return value;
  // A JSON round trip copies any string exactly, lone surrogates included.
  return JSON.parse(JSON.stringify(value)) as T;
}

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

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i;
const US_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

/**
 * Parses an export timestamp to epoch milliseconds (UTC): ISO-8601 with or
 * without `T`, seconds, fraction and zone (`Z` or an offset; none means UTC),
 * a bare date, or a US `MM/DD/YYYY` date as in Azure exports.
 */
export function parseTimestamp(value: string): number | undefined {
  return parseInstant(value)?.ms;
}

/** Like {@link parseTimestamp}, with the instant's ISO text and UTC day. */
export function parseInstant(value: string): Instant | undefined {
  // Exports repeat the same few timestamps on many rows.
  const cached = timestampCache.get(value);
  if (cached !== undefined || timestampCache.has(value)) return cached;
  const ms = parseTimestampUncached(value);
  const parsed = ms === undefined ? undefined : instantOf(ms);
  if (timestampCache.size > CACHE_LIMIT) timestampCache.clear();
  timestampCache.set(detach(value), parsed);
  return parsed;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(bytes: Uint8Array, at: number): number {
  const a = bytes[at] - 48;
  const b = bytes[at + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The instant written in bytes `start` to `end` in the form most exports
 * use, `YYYY-MM-DDTHH:MM:SSZ` (or with a space for `T`, and without the
 * `Z`), read without decoding it; undefined for any other text, which
 * {@link parseInstant} then reads. Gives what `parseInstant` gives for the
 * same text.
 */
export function instantAt(
  bytes: Uint8Array,
  start: number,
  end: number,
): Instant | undefined {
  const length = end - start;
  if (length !== 20 && length !== 19) return undefined;
  if (length === 20 && bytes[start + 19] !== 90) return undefined; // Z
  const t = bytes[start + 10];
  if (
    bytes[start + 4] !== 45 ||
    bytes[start + 7] !== 45 ||
    (t !== 84 && t !== 32) ||
    bytes[start + 13] !== 58 ||
    bytes[start + 16] !== 58
  )
    return undefined;
  const century = twoDigits(bytes, start);
  const yy = twoDigits(bytes, start + 2);
  const month = twoDigits(bytes, start + 5);
  const day = twoDigits(bytes, start + 8);
  const hour = twoDigits(bytes, start + 11);
  const minute = twoDigits(bytes, start + 14);
  const second = twoDigits(bytes, start + 17);
  // Years before 100 and the leap hour and second are left to parseInstant.
  if (century < 1 || yy < 0 || month < 1 || month > 12 || day < 1)
    return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  if (second < 0 || second > 59) return undefined;
  const year = century * 100 + yy;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > days) return undefined;
  return instantOf(Date.UTC(year, month - 1, day, hour, minute, second));
}

const days = new Map<string, string>();

/** One string per day (or month), so that maps keyed by days compare them at once. */
function internDay(day: string): string {
  const known = days.get(day);
  if (known !== undefined) return known;
  if (days.size > CACHE_LIMIT) days.clear();
  days.set(day, day);
  return day;
}

/** The instant of epoch milliseconds, with its ISO text and UTC day. */
export function instantOf(ms: number): Instant {
  let instant = instantCache.get(ms);
  if (!instant) {
    const iso = new Date(ms).toISOString();
    instant = {
      ms,
      iso,
      day: internDay(iso.slice(0, 10)),
      month: internDay(iso.slice(0, 7)),
      dayOfMonth: new Date(ms).getUTCDate(),
    };
    if (instantCache.size > CACHE_LIMIT) instantCache.clear();
    instantCache.set(ms, instant);
  }
  return instant;
}

function parseTimestampUncached(value: string): number | undefined {
  const v = value.trim();
  let m = TIMESTAMP.exec(v);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
    const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
    const month = Number(mo);
    const day = Number(d);
    if (
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > 31 ||
      Number(h) > 24 ||
      Number(mi) > 59 ||
      Number(s) > 60
    ) {
      return undefined;
    }
    let t = Date.UTC(
      Number(y),
      month - 1,
      day,
      Number(h),
      Number(mi),
      Number(s),
      ms,
    );
    if (new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() !== day)
      return undefined;
    if (zone && zone !== 'Z' && zone !== 'z' && zone.toUpperCase() !== 'UTC') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      t -=
        sign *
        (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) *
        60000;
    }
    return t;
  }
  m = US_DATE.exec(v);
  if (m) {
    const [, mo, d, y, hRaw = '0', mi = '0', s = '0', ampm] = m;
    let h = Number(hRaw);
    if (ampm) h = (h % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    if (new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() !== day)
      return undefined;
    return Date.UTC(Number(y), month - 1, day, h, Number(mi), Number(s));
  }
  return undefined;
}

/** `YYYY-MM-DD` of an epoch-ms instant, in UTC. */
export function utcDay(ms: number): string {
  return instantOf(ms).day;
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

/** Checks a money cell: required, and an exact decimal. Returns its canonical string. */
export function moneyCell(column: string, raw: string | undefined): MoneyCell {
  const v = cell(raw);
  if (v === undefined) return { ok: false, reason: `${column} is empty` };
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
