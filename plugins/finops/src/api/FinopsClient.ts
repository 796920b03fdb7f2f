import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AiSpendResponse,
  AiUsageResponse,
  AiWhatIfResponse,
  Anomaly,
  AnomalyList,
  AnomalyStatusRequest,
  AskAnswer,
  Budget,
  BudgetChange,
  BudgetListResponse,
  EntityBudgetResponse,
  TeamBudgetsResponse,
  BenchmarkResponse,
  CostMeasure,
  EntityCostSummary,
  EntityCosts,
  EntityRecommendations,
  EntityResources,
  GovernanceKpis,
  GovernanceSpend,
  KpiTarget,
  KpiTargetChange,
  Recommendation,
  RecommendationDetail,
  RecommendationStatusChange,
  SharedCostResponse,
  TeamScorecard,
  UnitCostResponse,
} from '@costwise/plugin-finops-common';
import type {
  FinopsAiUsageQuery,
  FinopsAnomaliesQuery,
  FinopsApi,
  FinopsAttributionDecision,
  FinopsBenchmarkOptions,
  FinopsCostsQuery,
  FinopsCoverage,
  FinopsGovernanceAccess,
  FinopsHealth,
  FinopsMonthOptions,
  FinopsOverrideRule,
  FinopsRecommendationsQuery,
  FinopsResourcesQuery,
  FinopsStatement,
  FinopsStatementOptions,
  FinopsSummaryOptions,
  FinopsUnitCostQuery,
} from './FinopsApi';

type QueryValues = Record<string, string | undefined>;

/** `/entities/{kind}/{namespace}/{name}`, each part encoded on its own. */
function entityPath(entityRef: string, defaultKind?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind,
  });
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}

function queryString(values: QueryValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

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
    return this.request<T>(path);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  private async put<T>(path: string, body: unknown): Promise<T> {
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

  private async url(path: string): Promise<string> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('finops');
    return `${baseUrl}${path}`;
  }

  private async fetch(url: string, init?: RequestInit): Promise<Response> {
    const response = await this.options.fetchApi.fetch(url, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }

  getHealth(): Promise<FinopsHealth> {
    return this.get('/health');
  }

  getSummary(
    entityRef: string,
    options: FinopsSummaryOptions = {},
  ): Promise<EntityCostSummary> {
    return this.get(
      `${entityPath(entityRef)}/summary${queryString({
        measure: options.measure,
      })}`,
    );
  }

  getCosts(entityRef: string, query: FinopsCostsQuery): Promise<EntityCosts> {
    return this.get(
      `${entityPath(entityRef)}/costs${queryString({
        from: query.from,
        to: query.to,
        granularity: query.granularity,
        groupBy: query.groupBy,
        measure: query.measure,
      })}`,
    );
  }

  getShared(
    entityRef: string,
    query: FinopsResourcesQuery,
  ): Promise<SharedCostResponse> {
    return this.get(
      `${entityPath(entityRef)}/shared${queryString({
        from: query.from,
        to: query.to,
        measure: query.measure,
      })}`,
    );
  }

  getResources(
    entityRef: string,
    query: FinopsResourcesQuery,
  ): Promise<EntityResources> {
    return this.get(
      `${entityPath(entityRef)}/resources${queryString({
        from: query.from,
        to: query.to,
        measure: query.measure,
      })}`,
    );
  }

  getUnitCost(
    entityRef: string,
    query: FinopsUnitCostQuery,
  ): Promise<UnitCostResponse> {
    return this.get(
      `${entityPath(entityRef)}/unit-cost${queryString({
        from: query.from,
        to: query.to,
        granularity: query.granularity,
        measure: query.measure,
      })}`,
    );
  }

  getBenchmark(
    entityRef: string,
    options: FinopsBenchmarkOptions = {},
  ): Promise<BenchmarkResponse> {
    return this.get(
      `${entityPath(entityRef)}/benchmark${queryString({
        measure: options.measure,
      })}`,
    );
  }

  getRecommendations(
    entityRef: string,
    query: FinopsRecommendationsQuery = {},
  ): Promise<EntityRecommendations> {
    return this.get(
      `${entityPath(entityRef)}/recommendations${queryString({
        status: query.status?.join(','),
        subcategory: query.subcategory,
        source: query.source,
        effort: query.effort,
        from: query.from,
        to: query.to,
      })}`,
    );
  }

  getRecommendation(id: string): Promise<RecommendationDetail> {
    return this.get(`/recommendations/${encodeURIComponent(id)}`);
  }

  updateRecommendationStatus(
    id: string,
    change: RecommendationStatusChange,
  ): Promise<RecommendationDetail> {
    return this.post(
      `/recommendations/${encodeURIComponent(id)}/status`,
      change,
    );
  }

  getGovernanceAccess(): Promise<FinopsGovernanceAccess> {
    return this.get('/governance/access');
  }

  getGovernanceKpis(options: FinopsMonthOptions = {}): Promise<GovernanceKpis> {
    return this.get(`/governance/kpis${queryString({ month: options.month })}`);
  }

  getGovernanceSpend(
    options: FinopsMonthOptions = {},
  ): Promise<GovernanceSpend> {
    return this.get(
      `/governance/spend${queryString({ month: options.month })}`,
    );
  }

  getKpiTargets(): Promise<{ items: KpiTarget[] }> {
    return this.get('/governance/targets');
  }

  setKpiTarget(change: KpiTargetChange): Promise<KpiTarget> {
    return this.put('/governance/targets', change);
  }

  getTeamScorecard(
    teamRef: string,
    options: FinopsMonthOptions = {},
  ): Promise<TeamScorecard> {
    return this.get(
      `${entityPath(teamRef, 'group')}/scorecard${queryString({
        month: options.month,
      })}`,
    );
  }

  getCoverage(): Promise<FinopsCoverage> {
    return this.get('/coverage');
  }

  confirmSuggestion(
    decision: FinopsAttributionDecision,
  ): Promise<FinopsOverrideRule> {
    return this.post('/suggestions/confirm', {
      groupId: decision.groupId,
      entityRef: decision.entityRef,
    });
  }

  decideClaim(
    decision: 'confirm' | 'reject',
    claim: FinopsAttributionDecision,
  ): Promise<FinopsOverrideRule> {
    return this.post(`/claims/${decision}`, {
      groupId: claim.groupId,
      entityRef: claim.entityRef,
    });
  }

  getUnownedRecommendations(): Promise<{ items: Recommendation[] }> {
    return this.get('/recommendations/unowned');
  }

  getStatement(
    entityRef: string,
    options: FinopsStatementOptions,
  ): Promise<FinopsStatement> {
    return this.get(
      `${entityPath(entityRef)}/statement${queryString({
        month: options.month,
        measure: options.measure,
      })}`,
    );
  }

  statementCsvUrl(
    entityRef: string,
    month: string,
    measure?: CostMeasure,
  ): Promise<string> {
    return this.url(
      `${entityPath(entityRef)}/statement.csv${queryString({
        month,
        measure,
      })}`,
    );
  }

  async getStatementCsv(
    entityRef: string,
    options: FinopsStatementOptions,
  ): Promise<string> {
    const url = await this.statementCsvUrl(
      entityRef,
      options.month,
      options.measure,
    );
    return (await this.fetch(url)).text();
  }

  getAiUsage(
    entityRef: string,
    query: FinopsAiUsageQuery = {},
  ): Promise<AiUsageResponse> {
    return this.get(
      `${entityPath(entityRef)}/ai-usage${queryString({
        from: query.from,
        to: query.to,
        measure: query.measure,
      })}`,
    );
  }

  getAiWhatIf(
    entityRef: string,
    options: { measure?: CostMeasure } = {},
  ): Promise<AiWhatIfResponse> {
    return this.get(
      `${entityPath(entityRef)}/ai-whatif${queryString({
        measure: options.measure,
      })}`,
    );
  }

  getAiSpend(options: FinopsMonthOptions = {}): Promise<AiSpendResponse> {
    return this.get(`/ai/spend${queryString({ month: options.month })}`);
  }

  getAnomalies(
    entityRef: string,
    query: FinopsAnomaliesQuery = {},
  ): Promise<AnomalyList> {
    return this.get(`${entityPath(entityRef)}/anomalies${anomalyQuery(query)}`);
  }

  listAnomalies(query: FinopsAnomaliesQuery = {}): Promise<AnomalyList> {
    return this.get(`/anomalies${anomalyQuery(query)}`);
  }

  getAnomaly(id: string): Promise<Anomaly> {
    return this.get(`/anomalies/${encodeURIComponent(id)}`);
  }

  updateAnomalyStatus(
    id: string,
    change: AnomalyStatusRequest,
  ): Promise<Anomaly> {
    return this.post(`/anomalies/${encodeURIComponent(id)}/status`, change);
  }

  getBudget(entityRef: string): Promise<EntityBudgetResponse> {
    return this.get(`${entityPath(entityRef)}/budget`);
  }

  getTeamBudgets(teamRef: string): Promise<TeamBudgetsResponse> {
    return this.get(`${entityPath(teamRef)}/budgets`);
  }

  listBudgets(): Promise<BudgetListResponse> {
    return this.get('/budgets');
  }

  setBudget(change: BudgetChange): Promise<Budget> {
    return this.put('/budgets', change);
  }

  ask(question: string, entityRef?: string): Promise<AskAnswer> {
    return this.post('/ask', { question, ...(entityRef ? { entityRef } : {}) });
  }

  async removeBudget(entityRef: string): Promise<void> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    // the answer may have no body: only its status matters
    await this.fetch(
      await this.url(
        `/budgets/${[kind, namespace, name].map(encodeURIComponent).join('/')}`,
      ),
      { method: 'DELETE' },
    );
  }
}

function anomalyQuery(query: FinopsAnomaliesQuery): string {
  return queryString({
    from: query.from,
    to: query.to,
    status: query.status?.join(','),
    limit: query.limit === undefined ? undefined : String(query.limit),
  });
}
