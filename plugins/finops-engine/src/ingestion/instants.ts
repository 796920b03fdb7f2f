import { detach } from './text';

/** Exports repeat the same timestamps on many rows; the caches are bounded. */
const CACHE_LIMIT = 50_000;
const timestampCache = new Map<string, Instant | undefined>();
const instantCache = new Map<number, Instant>();

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
