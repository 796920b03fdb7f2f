import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { FinopsApi, FinopsHealth } from './FinopsApi';

/**
 * Talks to `/api/finops` through the Backstage discovery and fetch APIs.
 *
 * @public
 */
export class FinopsClient implements FinopsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('finops');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  getHealth(): Promise<FinopsHealth> {
    return this.get('/health');
  }
}
