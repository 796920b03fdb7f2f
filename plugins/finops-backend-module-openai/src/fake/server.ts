import { createServer, IncomingMessage, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  DEMO_OPENAI_PROJECTS,
  FakeOpenAiCost,
  FakeOpenAiDataset,
  FakeOpenAiProject,
  FakeOpenAiUsage,
  dayRange,
  generateOpenAiDataset,
} from './dataset';

/**
 * A failure the fake answers instead of the next matching requests: an
 * HTTP status (429, 500 ...) with an optional `Retry-After` and body, or a
 * 200 with a body that is not the documented JSON.
 *
 * @public
 */
export interface FakeApiFault {
  /** Only requests whose path contains this; default any. */
  path?: string;
  status: number;
  retryAfter?: string;
  body?: string;
  /** How many requests get it; default 1. */
  times?: number;
}

/** A request the fake received. @public */
export interface FakeApiRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

/**
 * How {@link startFakeOpenAiServer} behaves.
 *
 * @public
 */
export interface FakeOpenAiServerOptions {
  /** Default the demo's OpenAI projects ({@link DEMO_OPENAI_PROJECTS}). */
  projects?: FakeOpenAiProject[];
  /** Days of usage up to `end`. Default 62. */
  days?: number;
  /** The last day with usage, `YYYY-MM-DD`. Default today (UTC). */
  end?: string;
  /** Seeds the generated numbers. Default 1. */
  seed?: number;
  /** The admin key it accepts. Default `sk-admin-fake`. */
  adminKey?: string;
  /** The most buckets a page holds, whatever `limit` asks (forces paging). */
  maxBucketsPerPage?: number;
  /** The last days whose cost is not billed yet. Default 1. */
  costLagDays?: number;
  /** A daily web-search cost per project that no usage explains. Default true. */
  unmatchedCosts?: boolean;
  /** Days without any usage or cost. */
  emptyDays?: string[];
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

/**
 * A running fake of the OpenAI organization Costs and Usage APIs.
 *
 * @public
 */
export interface FakeOpenAiServer {
  /** The API base URL, e.g. `http://127.0.0.1:40123/v1`: a source's location. */
  url: string;
  adminKey: string;
  /** What it serves; changes show in later answers. */
  dataset: FakeOpenAiDataset;
  /** Every request so far. */
  requests: FakeApiRequest[];
  /** Answers the next matching requests with a failure. */
  failNext(...faults: FakeApiFault[]): void;
  close(): Promise<void>;
}

const DAY_S = 86_400;
const USAGE_GROUPS: Record<string, string[]> = {
  completions: [
    'project_id',
    'user_id',
    'api_key_id',
    'model',
    'batch',
    'service_tier',
  ],
  embeddings: ['project_id', 'user_id', 'api_key_id', 'model'],
  moderations: ['project_id', 'user_id', 'api_key_id', 'model'],
  images: ['project_id', 'user_id', 'api_key_id', 'model', 'size', 'source'],
  audio_speeches: ['project_id', 'user_id', 'api_key_id', 'model'],
  audio_transcriptions: ['project_id', 'user_id', 'api_key_id', 'model'],
};
const COST_GROUPS = ['project_id', 'line_item', 'api_key_id'];

/** A number written into JSON as is (an exact decimal amount). */
class RawNumber {
  constructor(readonly text: string) {}
}

/** JSON with {@link RawNumber}s written as number literals. */
export function exactJson(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof RawNumber) {
      marks.push(v.text);
      return `\u0000raw${marks.length - 1}\u0000`;
    }
    return v;
  });
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i) => marks[Number(i)]);
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function list(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(name), ...query.getAll(`${name}[]`)].flatMap(v =>
    v.split(',').filter(Boolean),
  );
}

/** The query without its cursor, in a fixed order: what a page token is tied to. */
function queryKey(path: string, query: URLSearchParams): string {
  const entries = [...query.entries()]
    .filter(([k]) => k !== 'page')
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  return `${path}?${entries.join('&')}`;
}

/** Bucket start times of a query's page, and whether more follow. */
function pageOf(
  path: string,
  query: URLSearchParams,
  options: {
    defaultLimit: number;
    maxLimit: number;
    maxBucketsPerPage?: number;
  },
): { starts: number[]; next?: string } {
  const start = Number(query.get('start_time'));
  if (!query.get('start_time') || !Number.isInteger(start) || start < 0)
    throw new HttpError(400, 'start_time is required: Unix seconds');
  const endText = query.get('end_time');
  const end = endText
    ? Number(endText)
    : Math.ceil(Date.now() / 1000 / DAY_S) * DAY_S;
  if (!Number.isInteger(end) || end <= start)
    throw new HttpError(400, 'end_time must be after start_time');
  const width = query.get('bucket_width') ?? '1d';
  if (width !== '1d')
    throw new HttpError(
      400,
      `bucket_width '${width}' is not served by this fake (1d only)`,
    );
  const limit = Number(query.get('limit') ?? options.defaultLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > options.maxLimit)
    throw new HttpError(400, `limit must be from 1 to ${options.maxLimit}`);
  let first = Math.floor(start / DAY_S) * DAY_S;
  const page = query.get('page');
  if (page) {
    let token: { q?: string; at?: number };
    try {
      token = JSON.parse(Buffer.from(page, 'base64url').toString('utf8'));
    } catch {
      throw new HttpError(400, 'page is not a cursor this API gave');
    }
    if (token.q !== queryKey(path, query) || typeof token.at !== 'number')
      throw new HttpError(
        400,
        'page belongs to another query: keep every other parameter unchanged',
      );
    first = token.at;
  }
  const size = Math.min(limit, options.maxBucketsPerPage ?? limit);
  const starts: number[] = [];
  for (let t = first; t < end && starts.length < size; t += DAY_S)
    starts.push(t);
  const after = first + starts.length * DAY_S;
  return {
    starts,
    next:
      after < end
        ? Buffer.from(
            JSON.stringify({ q: queryKey(path, query), at: after }),
          ).toString('base64url')
        : undefined,
  };
}

const dayOf = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

function usageResults(
  endpoint: string,
  records: FakeOpenAiUsage[],
  groupBy: string[],
  projects: string[],
) {
  const groups = new Map<string, Record<string, unknown>>();
  for (const r of records) {
    if (projects.length > 0 && !projects.includes(r.projectId)) continue;
    const values: Record<string, unknown> = {
      project_id: r.projectId,
      user_id: null,
      api_key_id: r.apiKeyId,
      model: r.model,
      batch: r.batch,
      service_tier: r.serviceTier,
    };
    const fields = USAGE_GROUPS[endpoint];
    const key = JSON.stringify(groupBy.map(g => values[g]));
    let result = groups.get(key);
    if (!result) {
      result = { object: `organization.usage.${endpoint}.result` };
      for (const field of fields)
        result[field] = groupBy.includes(field) ? values[field] : null;
      if (endpoint === 'completions')
        Object.assign(result, {
          input_tokens: 0,
          output_tokens: 0,
          input_cached_tokens: 0,
          input_audio_tokens: 0,
          output_audio_tokens: 0,
        });
      else result.input_tokens = 0;
      result.num_model_requests = 0;
      groups.set(key, result);
    }
    (result.input_tokens as number) += r.inputTokens;
    if (endpoint === 'completions') {
      (result.output_tokens as number) += r.outputTokens;
      (result.input_cached_tokens as number) += r.inputCachedTokens;
    }
    (result.num_model_requests as number) += r.requests;
  }
  return [...groups.values()];
}

function costResults(
  records: FakeOpenAiCost[],
  groupBy: string[],
  projects: string[],
) {
  const groups = new Map<
    string,
    { result: Record<string, unknown>; cents: FakeOpenAiCost[] }
  >();
  for (const r of records) {
    if (projects.length > 0 && !projects.includes(r.projectId)) continue;
    const values: Record<string, unknown> = {
      project_id: r.projectId,
      line_item: r.lineItem,
      api_key_id: null,
    };
    const key = JSON.stringify(groupBy.map(g => values[g]));
    let group = groups.get(key);
    if (!group) {
      const result: Record<string, unknown> = {
        object: 'organization.costs.result',
      };
      for (const field of COST_GROUPS)
        result[field] = groupBy.includes(field) ? values[field] : null;
      groups.set(key, (group = { result, cents: [] }));
    }
    group.cents.push(r);
  }
  return [...groups.values()].map(({ result, cents }) => {
    const value = Decimal.sum(
      cents.map(c => Decimal.parse(c.amount)),
    ).toString();
    const lineItemOnly =
      groupBy.includes('line_item') &&
      cents.every(c => c.quantity !== undefined);
    return {
      ...result,
      amount: { value: new RawNumber(value), currency: 'usd' },
      ...(lineItemOnly
        ? {
            quantity: cents.reduce((s, c) => s + (c.quantity ?? 0), 0),
            quantity_unit: cents[0].quantityUnit ?? null,
          }
        : {}),
    };
  });
}

/**
 * Starts a fake of the OpenAI organization Costs API
 * (`/v1/organization/costs`) and Usage API
 * (`/v1/organization/usage/{completions,embeddings,moderations,images,audio_speeches,audio_transcriptions}`)
 * on a local port, serving a generated dataset
 * ({@link generateOpenAiDataset}) as the documented pages of daily buckets:
 * `start_time`, `end_time`, `bucket_width=1d`, `group_by`, `project_ids`,
 * `limit` and the `page` cursor, which it refuses unless every other
 * parameter is unchanged. It checks the admin key (`Authorization: Bearer`)
 * and answers failures queued with `failNext`. For tests and the demo.
 *
 * @public
 */
export async function startFakeOpenAiServer(
  options: FakeOpenAiServerOptions = {},
): Promise<FakeOpenAiServer> {
  const adminKey = options.adminKey ?? 'sk-admin-fake';
  const end = options.end ?? new Date().toISOString().slice(0, 10);
  const dataset = generateOpenAiDataset({
    projects: options.projects ?? DEMO_OPENAI_PROJECTS,
    days: dayRange(end, options.days ?? 62),
    seed: options.seed ?? 1,
    costLagDays: options.costLagDays ?? 1,
    unmatchedCosts: options.unmatchedCosts ?? true,
    emptyDays: options.emptyDays,
  });
  const requests: FakeApiRequest[] = [];
  const faults: FakeApiFault[] = [];

  const answer = (
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) =>
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(body);
  const error = (
    res: ServerResponse,
    status: number,
    message: string,
    type = 'invalid_request_error',
  ) =>
    answer(
      res,
      status,
      JSON.stringify({ error: { message, type, param: null, code: null } }),
    );

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    });
    const fault = faults.find(f => !f.path || url.pathname.includes(f.path));
    if (fault) {
      if (--fault.times! <= 0) faults.splice(faults.indexOf(fault), 1);
      answer(
        res,
        fault.status,
        fault.body ??
          JSON.stringify({
            error: {
              message: `Fake failure ${fault.status}`,
              type: 'server_error',
            },
          }),
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
      return;
    }
    if (req.headers.authorization !== `Bearer ${adminKey}`) {
      error(
        res,
        401,
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        'invalid_api_key',
      );
      return;
    }
    try {
      const path = url.pathname.replace(/\/+$/, '');
      const query = url.searchParams;
      const groupBy = list(query, 'group_by');
      const projects = list(query, 'project_ids');
      let page: { starts: number[]; next?: string };
      let resultsOf: (day: string) => unknown[];
      if (path === '/v1/organization/costs') {
        const wrong = groupBy.find(g => !COST_GROUPS.includes(g));
        if (wrong) throw new HttpError(400, `Invalid group_by: ${wrong}`);
        page = pageOf(path, query, {
          defaultLimit: 7,
          maxLimit: 180,
          maxBucketsPerPage: options.maxBucketsPerPage,
        });
        resultsOf = day =>
          costResults(
            dataset.costs.filter(c => c.day === day),
            groupBy,
            projects,
          );
      } else {
        const endpoint = /^\/v1\/organization\/usage\/([a-z_]+)$/.exec(
          path,
        )?.[1];
        if (!endpoint || !USAGE_GROUPS[endpoint])
          throw new HttpError(404, `Unknown path ${url.pathname}`);
        const wrong = groupBy.find(g => !USAGE_GROUPS[endpoint].includes(g));
        if (wrong)
          throw new HttpError(
            400,
            `Invalid group_by for ${endpoint}: ${wrong}`,
          );
        page = pageOf(path, query, {
          defaultLimit: 7,
          maxLimit: 31,
          maxBucketsPerPage: options.maxBucketsPerPage,
        });
        resultsOf = day =>
          usageResults(
            endpoint,
            dataset.usage.filter(u => u.day === day && u.endpoint === endpoint),
            groupBy,
            projects,
          );
      }
      answer(
        res,
        200,
        exactJson({
          object: 'page',
          data: page.starts.map(t => ({
            object: 'bucket',
            start_time: t,
            end_time: t + DAY_S,
            results: resultsOf(dayOf(t)),
          })),
          has_more: page.next !== undefined,
          next_page: page.next ?? null,
        }),
      );
    } catch (e) {
      if (e instanceof HttpError) error(res, e.status, e.message);
      else error(res, 500, String(e), 'server_error');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}/v1`,
    adminKey,
    dataset,
    requests,
    failNext: (...added) =>
      faults.push(...added.map(f => ({ ...f, times: f.times ?? 1 }))),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(e => (e ? reject(e) : resolve()));
      }),
  };
}
