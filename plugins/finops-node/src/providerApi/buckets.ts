import type { RejectedRow } from '@costwise/plugin-finops-common';
import { ProviderApiError } from './errors';
import { ExactJson, isJsonObject } from './json';
import type { ProviderPage } from './pages';
import { bucketDay, PullWindow } from './window';

/**
 * One result of a provider's daily buckets, with the day it is for and
 * where it was read (the first page's URL and its running number).
 *
 * @public
 */
export interface BucketResult {
  day: string;
  result: { [key: string]: ExactJson };
  file: string;
  line: number;
}

/**
 * The results of the daily buckets of a provider's usage or cost report
 * (`{ <dayField>, results: [...] }` per bucket), in order. A page that is
 * not such buckets, or that repeats a day, throws a {@link ProviderApiError}
 * (nothing of the pull is stored); a result outside the pulled days or not
 * an object is a rejected row with its reason, the others kept.
 *
 * @public
 */
export function* bucketResults(
  pages: ProviderPage[],
  window: PullWindow,
  rejections: RejectedRow[],
  options: {
    /** The provider as error messages name it: `OpenAI`, `Anthropic`. */
    provider: string;
    /** The bucket's field holding its start: `start_time`, `starting_at`. */
    dayField: string;
    /** The bucket's fields that may hold its results, the first present wins (default `results`). */
    resultFields?: string[];
    /** Where results are said to come from without a page: the endpoint. */
    file?: string;
  },
): Generator<BucketResult> {
  const seen = new Set<string>();
  const file = pages[0]?.url ?? options.file ?? '';
  const fields = options.resultFields ?? ['results'];
  let line = 0;
  for (const page of pages) {
    const bad = (what: string) =>
      new ProviderApiError(
        `${options.provider} answered GET ${page.url} with ${what}; nothing was stored`,
        'malformed',
      );
    for (const bucket of page.data) {
      if (!isJsonObject(bucket)) throw bad('a bucket that is not an object');
      const day = bucketDay(bucket[options.dayField]);
      if (!day) throw bad(`a bucket without a ${options.dayField}`);
      const field = fields.find(
        f => bucket[f] !== undefined && bucket[f] !== null,
      );
      const results = field === undefined ? undefined : bucket[field];
      if (!Array.isArray(results))
        throw bad(`the bucket of ${day} without a "results" list`);
      if (seen.has(day)) throw bad(`the bucket of ${day} a second time`);
      seen.add(day);
      for (const result of results) {
        line++;
        if (day < window.start || day >= window.end)
          rejections.push({
            file,
            line,
            reason: `the bucket of ${day} is outside the pulled days ${window.start} to ${window.end} (exclusive)`,
          });
        else if (!isJsonObject(result))
          rejections.push({
            file,
            line,
            reason: 'a result that is not an object',
          });
        else yield { day, result, file, line };
      }
    }
  }
}
