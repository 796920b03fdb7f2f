/** UTC calendar helpers on `YYYY-MM-DD` strings. */

const DAY_MS = 86_400_000;

export function toMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** @public */
export function addDays(day: string, days: number): string {
  return fromMs(toMs(day) + days * DAY_MS);
}

/** @public */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** @public */
export function previousMonthStart(day: string): string {
  const d = new Date(toMs(monthStart(day)));
  d.setUTCMonth(d.getUTCMonth() - 1);
  return fromMs(d.getTime());
}

/** @public */
export function monthEnd(day: string): string {
  const d = new Date(toMs(monthStart(day)));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return fromMs(d.getTime() - DAY_MS);
}

/** @public */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

/**
 * Every day from `from` to `to`, both included.
 *
 * @public
 */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = toMs(from); ms <= toMs(to); ms += DAY_MS) out.push(fromMs(ms));
  return out;
}

/**
 * Every month (`YYYY-MM`) from `from` to `to`.
 *
 * @public
 */
export function eachMonth(from: string, to: string): string[] {
  const out: string[] = [];
  let day = monthStart(from);
  while (day <= to) {
    out.push(day.slice(0, 7));
    day = addDays(monthEnd(day), 1);
  }
  return out;
}

/**
 * Whether `from` to `to` covers only part of the month `YYYY-MM`.
 *
 * @public
 */
export function isPartialMonth(
  month: string,
  from: string,
  to: string,
): boolean {
  return from > `${month}-01` || to < monthEnd(`${month}-01`);
}
