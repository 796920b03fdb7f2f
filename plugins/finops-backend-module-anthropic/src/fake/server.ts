import { createServer, IncomingMessage, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  dayRange,
  DEMO_ANTHROPIC_WORKSPACES,
  FakeAnthropicCost,
  FakeAnthropicDataset,
  FakeAnthropicUsage,
  FakeAnthropicWorkspace,
  generateAnthropicDataset,
} from './dataset';

/**
 * A failure the fake answers instead of the next matching requests: an
 * HTTP status (429, 500 ...) with an optional `Retry-After` and body, or a
 * 200 with a body that is not the documented JSON.
 *
 * @public
 */
export interface FakeAnthropicFault {
  /** Only requests whose path contains this; default any. */
  path?: string;
  status: number;
  retryAfter?: string;
  body?: string;
  /** How many requests get it; default 1. */
  times?: number;
}

/** A request the fake received. @public */
export interface FakeAnthropicRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

/**
 * How {@link startFakeAnthropicServer} behaves.
 *
 * @public
 */
export interface FakeAnthropicServerOptions {
  /** Default the demo's workspaces ({@link DEMO_ANTHROPIC_WORKSPACES}). */
  workspaces?: FakeAnthropicWorkspace[];
  /** Days of usage up to `end`. Default 62. */
  days?: number;
  /** The last day with usage, `YYYY-MM-DD`. Default today (UTC). */
  end?: string;
  /** Seeds the generated numbers. Default 1. */
  seed?: number;
  /** The admin key it accepts. Default `sk-ant-admin01-fake`. */
  adminKey?: string;
  /** The most daily buckets a report's page holds, whatever `limit` asks (forces paging). */
  maxBucketsPerPage?: number;
  /** The most rows an analytics page holds, whatever `limit` asks. */
  maxRowsPerPage?: number;
  /** The last days whose cost is not billed yet. Default 1. */
  costLagDays?: number;
  /** Days without any usage or cost. */
  emptyDays?: string[];
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

/**
 * A running fake of the Anthropic Admin API usage and cost reports.
 *
 * @public
 */
export interface FakeAnthropicServer {
  /** The API base URL, e.g. `http://127.0.0.1:40123`: a source's location. */
  url: string;
  adminKey: string;
  /** What it serves; changes show in later answers. */
  dataset: FakeAnthropicDataset;
  requests: FakeAnthropicRequest[];
  failNext(...faults: FakeAnthropicFault[]): void;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
const BETA = 'analytics-usage-cost-2026-08-24';
const USAGE_GROUPS = [
  'api_key_id',
  'workspace_id',
  'model',
  'service_tier',
  'context_window',
  'inference_geo',
  'speed',
  'account_id',
  'service_account_id',
];
const COST_GROUPS = ['workspace_id', 'description'];
const ANALYTICS_USAGE_GROUPS = [
  'actor',
  'api_key_id',
  'model',
  'product',
  'service_tier',
  'workspace_id',
  'context_window',
  'inference_geo',
];
const ANALYTICS_COST_GROUPS = [
  ...ANALYTICS_USAGE_GROUPS,
  'cost_type',
  'token_type',
];

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const list = (query: URLSearchParams, name: string) =>
  [...query.getAll(`${name}[]`), ...query.getAll(name)].flatMap(v =>
    v.split(',').filter(Boolean),
  );

function queryKey(path: string, query: URLSearchParams): string {
  return `${path}?${[...query.entries()]
    .filter(([k]) => k !== 'page')
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&')}`;
}

function cursor(path: string, query: URLSearchParams): number {
  const page = query.get('page');
  if (!page) return 0;
  let token: { q?: string; at?: number };
  try {
    token = JSON.parse(Buffer.from(page, 'base64url').toString('utf8'));
  } catch {
    throw new HttpError(400, 'page: not a cursor this API gave');
  }
  if (token.q !== queryKey(path, query) || typeof token.at !== 'number')
    throw new HttpError(
      400,
      'page: the cursor belongs to another query; keep every other parameter unchanged',
    );
  return token.at;
}

const nextCursor = (path: string, query: URLSearchParams, at: number) =>
  Buffer.from(JSON.stringify({ q: queryKey(path, query), at })).toString(
    'base64url',
  );

function range(
  query: URLSearchParams,
  maxDays?: number,
): { from: number; to: number } {
  const from = Date.parse(query.get('starting_at') ?? '');
  if (Number.isNaN(from))
    throw new HttpError(400, 'starting_at: an RFC 3339 timestamp is required');
  const endText = query.get('ending_at');
  const to = endText
    ? Date.parse(endText)
    : Math.ceil(Date.now() / DAY_MS) * DAY_MS;
  if (Number.isNaN(to) || to <= from)
    throw new HttpError(400, 'ending_at: must be after starting_at');
  if (maxDays && to - from > maxDays * DAY_MS)
    throw new HttpError(
      400,
      `ending_at: at most ${maxDays} days after starting_at`,
    );
  return { from: Math.floor(from / DAY_MS) * DAY_MS, to };
}

function limitOf(
  query: URLSearchParams,
  fallback: number,
  max: number,
): number {
  const limit = Number(query.get('limit') ?? fallback);
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw new HttpError(400, `limit: must be from 1 to ${max}`);
  return limit;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const usageValues = (u: FakeAnthropicUsage): Record<string, unknown> => ({
  api_key_id: u.apiKeyId,
  workspace_id: u.workspaceId,
  model: u.model,
  service_tier: u.serviceTier,
  context_window: u.contextWindow,
  inference_geo: null,
  speed: null,
  account_id: null,
  service_account_id: null,
  actor: null,
  product: null,
});
const costValues = (c: FakeAnthropicCost): Record<string, unknown> => ({
  workspace_id: c.workspaceId,
  api_key_id: c.apiKeyId,
  description: c.description,
  model: c.model,
  cost_type: c.costType,
  token_type: c.tokenType,
  service_tier: c.serviceTier,
  context_window: c.contextWindow,
  inference_geo: null,
  actor: null,
  product: null,
});

/** Groups records by the requested fields; a field not grouped by is null, one grouped is the group's value. */
function grouped<T>(
  records: T[],
  groupBy: string[],
  values: (t: T) => Record<string, unknown>,
): Array<{ group: Record<string, unknown>; members: T[] }> {
  const groups = new Map<
    string,
    { group: Record<string, unknown>; members: T[] }
  >();
  for (const r of records) {
    const v = values(r);
    const key = JSON.stringify(groupBy.map(g => v[g]));
    let entry = groups.get(key);
    if (!entry) {
      entry = {
        group: Object.fromEntries(groupBy.map(g => [g, v[g] ?? null])),
        members: [],
      };
      groups.set(key, entry);
    }
    entry.members.push(r);
  }
  return [...groups.values()];
}

function usageMetrics(members: FakeAnthropicUsage[], nested: boolean) {
  const sum = (f: keyof FakeAnthropicUsage) =>
    members.reduce((s, m) => s + (m[f] as number), 0);
  return {
    uncached_input_tokens: sum('uncachedInputTokens'),
    cache_read_input_tokens: sum('cacheReadInputTokens'),
    cache_creation: {
      ephemeral_5m_input_tokens: sum('cacheCreation5mInputTokens'),
      ephemeral_1h_input_tokens: sum('cacheCreation1hInputTokens'),
    },
    output_tokens: sum('outputTokens'),
    server_tool_use: { web_search_requests: sum('webSearchRequests') },
    ...(nested
      ? {
          total_tokens:
            sum('uncachedInputTokens') +
            sum('cacheReadInputTokens') +
            sum('cacheCreation5mInputTokens') +
            sum('cacheCreation1hInputTokens') +
            sum('outputTokens'),
          requests: sum('requests'),
        }
      : {}),
  };
}

const centsSum = (members: FakeAnthropicCost[], field: 'cents' | 'listCents') =>
  Decimal.sum(members.map(m => Decimal.parse(m[field]))).toString();

/**
 * Starts a fake of the Anthropic Admin API on a local port: the messages
 * usage report (`/v1/organizations/usage_report/messages`) and the cost
 * report (`/v1/organizations/cost_report`) as pages of daily buckets, and
 * the Usage and Cost Analytics API (`/v1/organizations/analytics/{usage,cost}`,
 * with the `anthropic-beta` header) as pages of rows; `starting_at`,
 * `ending_at`, `group_by[]`, `limit` and the `page` cursor, which it
 * refuses unless every other parameter is unchanged. Cost amounts are
 * cents as decimal strings. It checks `x-api-key` and `anthropic-version`
 * and answers failures queued with `failNext`. For tests and the demo.
 *
 * @public
 */
export async function startFakeAnthropicServer(
  options: FakeAnthropicServerOptions = {},
): Promise<FakeAnthropicServer> {
  const adminKey = options.adminKey ?? 'sk-ant-admin01-fake';
  const dataset = generateAnthropicDataset({
    workspaces: options.workspaces ?? DEMO_ANTHROPIC_WORKSPACES,
    days: dayRange(
      options.end ?? new Date().toISOString().slice(0, 10),
      options.days ?? 62,
    ),
    seed: options.seed ?? 1,
    costLagDays: options.costLagDays ?? 1,
    emptyDays: options.emptyDays,
  });
  const requests: FakeAnthropicRequest[] = [];
  const faults: Array<FakeAnthropicFault & { times: number }> = [];
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
    type: string,
    message: string,
  ) =>
    answer(
      res,
      status,
      JSON.stringify({ type: 'error', error: { type, message } }),
    );

  /** Daily buckets of the reports, paged by bucket. */
  function reportPage(
    path: string,
    query: URLSearchParams,
    results: (day: string) => unknown[],
    maxLimit: number,
  ) {
    const width = query.get('bucket_width') ?? '1d';
    if (width !== '1d')
      throw new HttpError(
        400,
        `bucket_width: '${width}' is not served by this fake (1d only)`,
      );
    const { from, to } = range(query);
    const limit = Math.min(
      limitOf(query, 7, maxLimit),
      options.maxBucketsPerPage ?? maxLimit,
    );
    const first = from + cursor(path, query) * DAY_MS;
    const data = [];
    let t = first;
    for (; t < to && data.length < limit; t += DAY_MS)
      data.push({
        starting_at: iso(t),
        ending_at: iso(t + DAY_MS),
        results: results(dayOf(t)),
      });
    const more = t < to;
    return {
      data,
      has_more: more,
      next_page: more ? nextCursor(path, query, (t - from) / DAY_MS) : null,
    };
  }

  /** Rows of the analytics API, paged by row. */
  function analyticsPage(
    path: string,
    query: URLSearchParams,
    rows: (from: number, to: number) => unknown[],
  ) {
    if (
      query.get('time_bucket_width') &&
      query.get('time_bucket_width') !== '1d'
    )
      throw new HttpError(400, 'time_bucket_width: 1d only in this fake');
    const { from, to } = range(query, 31);
    const all = rows(from, to);
    const at = cursor(path, query);
    const limit = Math.min(
      limitOf(query, 20, 1000),
      options.maxRowsPerPage ?? 1000,
    );
    const data = all.slice(at, at + limit);
    const more = at + limit < all.length;
    return {
      data,
      has_more: more,
      next_page: more ? nextCursor(path, query, at + limit) : null,
      data_refreshed_at: iso(Date.now()),
    };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    });
    const fault = faults.find(f => !f.path || url.pathname.includes(f.path));
    if (fault) {
      if (--fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      answer(
        res,
        fault.status,
        fault.body ??
          JSON.stringify({
            type: 'error',
            error: {
              type: 'api_error',
              message: `Fake failure ${fault.status}`,
            },
          }),
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
      return;
    }
    if (req.headers['x-api-key'] !== adminKey) {
      error(res, 401, 'authentication_error', 'invalid x-api-key');
      return;
    }
    try {
      if (!req.headers['anthropic-version'])
        throw new HttpError(400, 'anthropic-version: header is required');
      const path = url.pathname.replace(/\/+$/, '');
      const query = url.searchParams;
      const groupBy = list(query, 'group_by');
      let body: unknown;
      const check = (allowed: string[], max = 99) => {
        const wrong = groupBy.find(g => !allowed.includes(g));
        if (wrong)
          throw new HttpError(400, `group_by: '${wrong}' is not supported`);
        if (groupBy.length > max)
          throw new HttpError(400, `group_by: at most ${max} dimensions`);
      };
      if (path === '/v1/organizations/usage_report/messages') {
        check(USAGE_GROUPS);
        body = reportPage(
          path,
          query,
          day =>
            grouped(
              dataset.usage.filter(u => u.day === day),
              groupBy,
              usageValues,
            ).map(({ group, members }) => ({
              ...Object.fromEntries(
                [
                  'api_key_id',
                  'workspace_id',
                  'model',
                  'service_tier',
                  'context_window',
                ].map(f => [f, group[f] ?? null]),
              ),
              ...usageMetrics(members, false),
            })),
          31,
        );
      } else if (path === '/v1/organizations/cost_report') {
        check(COST_GROUPS);
        body = reportPage(
          path,
          query,
          day =>
            grouped(
              dataset.costs.filter(c => c.day === day),
              groupBy,
              costValues,
            ).map(({ group, members }) => {
              // what a description names, when grouped by description
              const same = (f: keyof FakeAnthropicCost) =>
                groupBy.includes('description') &&
                members.every(m => m[f] === members[0][f])
                  ? members[0][f]
                  : null;
              return {
                currency: 'USD',
                amount: centsSum(members, 'cents'),
                workspace_id: group.workspace_id ?? null,
                description: group.description ?? null,
                cost_type: same('costType'),
                context_window: same('contextWindow'),
                model: same('model'),
                service_tier: same('serviceTier'),
                token_type: same('tokenType'),
                inference_geo: null,
              };
            }),
          31,
        );
      } else if (
        path === '/v1/organizations/analytics/usage' ||
        path === '/v1/organizations/analytics/cost'
      ) {
        if (req.headers['anthropic-beta'] !== BETA)
          throw new HttpError(400, `anthropic-beta: '${BETA}' is required`);
        const cost = path.endsWith('/cost');
        check(cost ? ANALYTICS_COST_GROUPS : ANALYTICS_USAGE_GROUPS, 5);
        body = analyticsPage(path, query, (from, to) => {
          const byDay = new Map<
            string,
            Array<FakeAnthropicCost | FakeAnthropicUsage>
          >();
          for (const r of cost ? dataset.costs : dataset.usage) {
            const day = byDay.get(r.day) ?? [];
            day.push(r);
            byDay.set(r.day, day);
          }
          const rows: unknown[] = [];
          for (let t = from; t < to; t += DAY_MS) {
            const records = byDay.get(dayOf(t)) ?? [];
            const bucket = { starting_at: iso(t), ending_at: iso(t + DAY_MS) };
            if (cost)
              for (const { group, members } of grouped(
                records as FakeAnthropicCost[],
                groupBy,
                costValues,
              ))
                rows.push({
                  ...bucket,
                  group,
                  cost: {
                    amount: centsSum(members, 'cents'),
                    list_amount: centsSum(members, 'listCents'),
                    currency: 'USD',
                    requests: null,
                  },
                });
            else
              for (const { group, members } of grouped(
                records as FakeAnthropicUsage[],
                groupBy,
                usageValues,
              ))
                rows.push({
                  ...bucket,
                  group,
                  usage: usageMetrics(members, true),
                });
          }
          return rows;
        });
      } else {
        throw new HttpError(404, `Unknown path ${url.pathname}`);
      }
      answer(res, 200, JSON.stringify(body));
    } catch (e) {
      if (e instanceof HttpError)
        error(
          res,
          e.status,
          e.status === 404 ? 'not_found_error' : 'invalid_request_error',
          e.message,
        );
      else error(res, 500, 'api_error', String(e));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
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
