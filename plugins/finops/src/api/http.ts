/**
 * How the client talks to `/api/finops`: the URLs of entities and query
 * strings, and requests through the Backstage discovery and fetch APIs,
 * an error response thrown as a `ResponseError`.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { FinopsAnomaliesQuery } from './costTypes';

/** Query parameters; absent and empty values are left out. */
type QueryValues = Record<string, string | undefined>;

/** `/entities/{kind}/{namespace}/{name}`, each part encoded on its own. */
export function entityPath(entityRef: string, defaultKind?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
  });
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

/** `?a=1&b=2` of the values given; empty when none is. */
export function queryString(values: QueryValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Requests to the finops backend; an answer that is not OK is thrown. */
export class FinopsHttp {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async get<T>(path: string): Promise<T> {
    return this.request<T>(path);
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  private async send<T>(method: string, path: string, body: unknown) {
    return this.request<T>(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.fetch(await this.url(path), init);
    return (await response.json()) as T;
  }

  async url(path: string): Promise<string> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('finops');
    return `${baseUrl}${path}`;
  }

  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const response = await this.options.fetchApi.fetch(url, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }
}

/** The query string of the anomaly filters. */
export function anomalyQuery(query: FinopsAnomaliesQuery): string {
  return queryString({
    from: query.from,
    to: query.to,
    status: query.status?.join(','),
    limit: query.limit === undefined ? undefined : String(query.limit),
  });
}
