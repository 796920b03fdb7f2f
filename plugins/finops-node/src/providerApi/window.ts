const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a UTC instant. */
function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch ms of the start (00:00 UTC) of a `YYYY-MM-DD` day. */
function msOf(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * The days a pull of a daily usage or cost API covers. Ingestion replaces
 * whole billing periods (months) of a source, so a pull starts on the first
 * day of the month of `today − lookbackDays`: the days re-pulled for late
 * data are in it, and every month the pull touches is pulled whole (a pull
 * never replaces a month with part of it). It ends with today (UTC), whose
 * partial figures the next pull replaces.
 *
 * @public
 */
export interface PullWindow {
  /** The first day pulled, `YYYY-MM-01`. */
  start: string;
  /** The day after the last day pulled (exclusive), `YYYY-MM-DD`: tomorrow. */
  end: string;
  /** `start` as epoch seconds. */
  startSeconds: number;
  /** `end` as epoch seconds. */
  endSeconds: number;
  /** The months the pull covers, `YYYY-MM`, oldest first. */
  months: string[];
}

/**
 * The {@link PullWindow} of a pull at `now` that re-pulls the last
 * `lookbackDays` days (0: today only) in whole months.
 *
 * @public
 */
export function pullWindow(now: Date, lookbackDays: number): PullWindow {
  if (!Number.isInteger(lookbackDays) || lookbackDays < 0)
    throw new RangeError(
      `lookbackDays must be a whole number of days, 0 or more; got ${lookbackDays}`,
    );
  const today = msOf(now.toISOString().slice(0, 10));
  const first = dayOf(today - lookbackDays * DAY_MS);
  const start = `${first.slice(0, 7)}-01`;
  const end = dayOf(today + DAY_MS);
  const months: string[] = [];
  for (let d = new Date(msOf(start)); d.getTime() <= today; ) {
    months.push(d.toISOString().slice(0, 7));
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  return {
    start,
    end,
    startSeconds: msOf(start) / 1000,
    endSeconds: msOf(end) / 1000,
    months,
  };
}

/**
 * Splits the days from `start` to `end` (exclusive, `YYYY-MM-DD`) into
 * consecutive spans of at most `maxDays` days, for APIs that answer a
 * limited range per query.
 *
 * @public
 */
export function windowSpans(
  start: string,
  end: string,
  maxDays: number,
): Array<{ start: string; end: string }> {
  const spans: Array<{ start: string; end: string }> = [];
  const last = msOf(end);
  for (let from = msOf(start); from < last; from += maxDays * DAY_MS) {
    spans.push({
      start: dayOf(from),
      end: dayOf(Math.min(last, from + maxDays * DAY_MS)),
    });
  }
  return spans;
}

/**
 * The `YYYY-MM-DD` day (UTC) of a bucket start given as epoch seconds (a
 * number's text) or an RFC 3339 instant; undefined when it is neither.
 *
 * @public
 */
export function bucketDay(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    const ms = Number(value) * 1000;
    return Number.isSafeInteger(ms) ? dayOf(ms) : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value))
    return dayOf(value * 1000);
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : dayOf(ms);
  }
  return undefined;
}
