/**
 * Reading the pages of Anthropic's reports: the results of each day's
 * bucket, or the analytics rows, and their fields as exact values.
 */
import { Decimal, RejectedRow } from '@costwise/plugin-finops-common';
import {
  bucketDay,
  BucketResult,
  bucketResults,
  ExactJson,
  isJsonObject,
  ProviderApiError,
  ProviderPage,
  PullWindow,
} from '@costwise/plugin-finops-node';

/** What the results of one endpoint became. */
export interface Parsed<T> {
  lines: T[];
  rejections: RejectedRow[];
}

export type JsonObject = { [key: string]: ExactJson };

/** A result that cannot be read: rejected with this reason, the others kept. */
export class Unreadable extends Error {}

/** The sub account of usage without a workspace: the organization's default workspace. */
export const DEFAULT_WORKSPACE = 'default';

export function badPage(url: string, what: string) {
  return new ProviderApiError(
    `Anthropic answered GET ${url} with ${what}; nothing was stored`,
    'malformed',
  );
}

export function outside(day: string, window: PullWindow): string | undefined {
  return day < window.start || day >= window.end
    ? `the bucket of ${day} is outside the pulled days ${window.start} to ${window.end} (exclusive)`
    : undefined;
}

/** The results of the reports' buckets (`{ starting_at, ending_at, results }`). */
export function reportResults(
  pages: ProviderPage[],
  window: PullWindow,
  rejections: RejectedRow[],
): Iterable<BucketResult> {
  return bucketResults(pages, window, rejections, {
    provider: 'Anthropic',
    dayField: 'starting_at',
  });
}

/**
 * The rows of the analytics API (`{ starting_at, ending_at, group, usage | cost }`),
 * each flattened to its group's fields plus the metrics object under `metrics`.
 */
export function* analyticsRows(
  pages: ProviderPage[],
  window: PullWindow,
  metrics: 'usage' | 'cost',
  rejections: RejectedRow[],
): Generator<BucketResult> {
  const file = pages[0]?.url ?? '';
  let line = 0;
  for (const page of pages) {
    for (const row of page.data) {
      line++;
      if (!isJsonObject(row))
        throw badPage(page.url, 'a row that is not an object');
      const day = bucketDay(row.starting_at);
      if (!day) throw badPage(page.url, 'a row without a starting_at');
      const group = isJsonObject(row.group) ? row.group : {};
      const values = row[metrics];
      const reason =
        outside(day, window) ??
        (isJsonObject(values) ? undefined : `a row without "${metrics}"`);
      if (reason) rejections.push({ file, line, reason });
      else
        yield {
          day,
          result: { ...group, metrics: values as JsonObject },
          file,
          line,
        };
    }
  }
}

/** A string field, undefined when null or absent; throws a reason when another type. */
export function text(result: JsonObject, field: string): string | undefined {
  const value = result[field];
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new Unreadable(`${field} is not a string`);
  return value;
}

/** A count: a whole number of 0 or more (0 when null or absent). */
export function count(value: ExactJson | undefined, field: string): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new Unreadable(
      `${field} is not a whole number of 0 or more: '${String(
        JSON.stringify(value),
      ).slice(0, 40)}'`,
    );
  return BigInt(value);
}

/** Cents (or fractional cents) as a decimal string → dollars, exactly. */
export function dollarsOf(
  value: ExactJson | undefined,
  field: string,
): Decimal {
  const cents = typeof value === 'string' ? Decimal.tryParse(value) : undefined;
  if (!cents)
    throw new Unreadable(
      `${field} is not an amount in cents: '${String(
        JSON.stringify(value),
      ).slice(0, 40)}'`,
    );
  return Decimal.fromUnits(cents.units, cents.scale + 2);
}
