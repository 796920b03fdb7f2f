import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  EntityCostSummary,
  EntityRecommendations,
  TeamScorecard,
  UnitCostResponse,
} from '@costwise/plugin-finops-common';
import type { CostwiseEntityFigures } from './facts';

/** The first day of the month two months before `day`'s, to `day`. */
export function threeMonthsUpTo(day: string): { from: string; to: string } {
  const [year, month] = day.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 3, 1));
  return { from: first.toISOString().slice(0, 10), to: day };
}

/**
 * Reads an entity's figures from the Costwise backend over HTTP, as the
 * tech-insights plugin (the fact retriever runs inside it and cannot use the
 * finops plugin's services): the base URL from discovery, and a
 * plugin-to-plugin token, so that the finops routes see the
 * `plugin:tech-insights` service principal.
 */
export class CostwiseFactsClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  /**
   * The entity's summary, unit cost, recommendations and (for a Group) its
   * scorecard; undefined when Costwise answers 403 or 404 for it (the caller
   * may not read its cost, or Costwise does not know it). Any other failure
   * throws.
   */
  async figures(
    entity: CompoundEntityRef,
  ): Promise<CostwiseEntityFigures | undefined> {
    const base = await this.deps.discovery.getBaseUrl('finops');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'finops',
    });
    const path = [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    const get = async <T>(
      route: string,
      query: Record<string, string> = {},
    ): Promise<T | undefined> => {
      const search = new URLSearchParams(query).toString();
      const response = await fetch(
        `${base}/entities/${path}/${route}${search ? `?${search}` : ''}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (response.status === 403 || response.status === 404) return undefined;
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return (await response.json()) as T;
    };

    const summary = await get<EntityCostSummary>('summary');
    if (!summary) return undefined;
    const isGroup = entity.kind.toLowerCase() === 'group';
    const [unitCost, recommendations, scorecard] = await Promise.all([
      get<UnitCostResponse>('unit-cost', {
        ...threeMonthsUpTo(summary.asOf),
        granularity: 'month',
      }),
      // `open` and `kpis` count every recommendation whatever the filter:
      // asking for the open ones only keeps the list short
      get<EntityRecommendations>('recommendations', { status: 'open' }),
      isGroup ? get<TeamScorecard>('scorecard') : Promise.resolve(undefined),
    ]);
    if (!unitCost || !recommendations || (isGroup && !scorecard))
      return undefined;
    return { summary, unitCost, recommendations, scorecard };
  }
}
