import { ProviderApiError, shownUrl } from './errors';
import { ExactJson, isJsonObject } from './json';
import { fetchProviderJson, ProviderRequestOptions } from './request';

/**
 * A query parameter's value: a list is sent as repeated parameters, named
 * as {@link buildProviderUrl}'s `arrays` says.
 *
 * @public
 */
export type QueryValue =
  | string
  | number
  | boolean
  | readonly string[]
  | undefined;

/**
 * A URL under a base URL with query parameters. Lists are sent as repeated
 * parameters: `name=a&name=b` (`arrays: 'repeat'`, the default) or
 * `name[]=a&name[]=b` (`'brackets'`). Undefined values are left out.
 *
 * @public
 */
export function buildProviderUrl(
  baseUrl: string,
  path: string,
  query: Record<string, QueryValue>,
  arrays: 'repeat' | 'brackets' = 'repeat',
): URL {
  const url = new URL(
    `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`,
  );
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const key = arrays === 'brackets' ? `${name}[]` : name;
      for (const item of value) url.searchParams.append(key, item);
    } else {
      url.searchParams.append(name, String(value));
    }
  }
  return url;
}

/**
 * One page of a paged provider answer: `{ data: [...], has_more, next_page }`.
 *
 * @public
 */
export interface ProviderPage {
  /** The URL it was read from, without credentials. */
  url: string;
  /** The items of `data`. */
  data: ExactJson[];
  /** The whole body, for fields besides `data` (e.g. `data_refreshed_at`). */
  body: { [key: string]: ExactJson };
}

/**
 * Reads every page of a paged provider endpoint, in order: the first URL,
 * then the same URL with every other parameter unchanged and `pageParam`
 * set to the previous page's `next_page`, until `has_more` is false. Fails
 * (a {@link ProviderApiError} of kind `malformed`) on a page that is not
 * `{ data: [...], has_more: boolean }`, on `has_more` without a
 * `next_page`, on a cursor that repeats, and beyond `maxPages`.
 *
 * @public
 */
export async function fetchAllPages(
  firstUrl: URL,
  options: ProviderRequestOptions & {
    /** The query parameter carrying the cursor. Default `page`. */
    pageParam?: string;
    /** The most pages read. Default 1,000. */
    maxPages?: number;
  },
): Promise<ProviderPage[]> {
  const pageParam = options.pageParam ?? 'page';
  const maxPages = options.maxPages ?? 1000;
  const pages: ProviderPage[] = [];
  const seen = new Set<string>();
  let url = new URL(firstUrl);
  for (;;) {
    const shown = shownUrl(url);
    const body = await fetchProviderJson(url, options);
    const bad = (what: string) =>
      new ProviderApiError(
        `${options.service} answered GET ${shown} with ${what}; nothing was stored`,
        'malformed',
      );
    if (!isJsonObject(body)) throw bad('a body that is not a JSON object');
    if (!Array.isArray(body.data)) throw bad('no "data" list');
    if (typeof body.has_more !== 'boolean') throw bad('no boolean "has_more"');
    pages.push({ url: shown, data: body.data, body });
    if (!body.has_more) return pages;
    const next = body.next_page;
    if (typeof next !== 'string' || next === '')
      throw bad('"has_more": true but no "next_page"');
    if (seen.has(next))
      throw bad(`the cursor '${next.slice(0, 40)}' of a page it already sent`);
    seen.add(next);
    if (pages.length >= maxPages) throw bad(`more than ${maxPages} pages`);
    url = new URL(firstUrl);
    url.searchParams.set(pageParam, next);
  }
}
