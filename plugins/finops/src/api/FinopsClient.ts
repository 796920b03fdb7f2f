import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
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
import { anomalyQuery, entityPath, FinopsHttp, queryString } from './http';

/**
 * Talks to `/api/finops` through the Backstage discovery and fetch APIs.
 *
 * @public
 */
export class FinopsClient implements FinopsApi {
  private readonly http: FinopsHttp;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new FinopsHttp(options);
  }

  getHealth(): Promise<FinopsHealth> {
    return this.http.get('/health');
  }

  getSummary(
    entityRef: string,
    options: FinopsSummaryOptions = {},
  ): Promise<EntityCostSummary> {
    return this.http.get(
      `${entityPath(entityRef)}/summary${queryString({
        measure: options.measure,
      })}`,
    );
  }

  getCosts(entityRef: string, query: FinopsCostsQuery): Promise<EntityCosts> {
    return this.http.get(
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
    return this.http.get(
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
    return this.http.get(
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
    return this.http.get(
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
    return this.http.get(
      `${entityPath(entityRef)}/benchmark${queryString({
        measure: options.measure,
      })}`,
    );
  }

  getRecommendations(
    entityRef: string,
    query: FinopsRecommendationsQuery = {},
  ): Promise<EntityRecommendations> {
    return this.http.get(
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
    return this.http.get(`/recommendations/${encodeURIComponent(id)}`);
  }

  updateRecommendationStatus(
    id: string,
    change: RecommendationStatusChange,
  ): Promise<RecommendationDetail> {
    return this.http.post(
      `/recommendations/${encodeURIComponent(id)}/status`,
      change,
    );
  }

  getGovernanceAccess(): Promise<FinopsGovernanceAccess> {
    return this.http.get('/governance/access');
  }

  getGovernanceKpis(options: FinopsMonthOptions = {}): Promise<GovernanceKpis> {
    return this.http.get(
      `/governance/kpis${queryString({ month: options.month })}`,
    );
  }

  getGovernanceSpend(
    options: FinopsMonthOptions = {},
  ): Promise<GovernanceSpend> {
    return this.http.get(
      `/governance/spend${queryString({ month: options.month })}`,
    );
  }

  getKpiTargets(): Promise<{ items: KpiTarget[] }> {
    return this.http.get('/governance/targets');
  }

  setKpiTarget(change: KpiTargetChange): Promise<KpiTarget> {
    return this.http.put('/governance/targets', change);
  }

  getTeamScorecard(
    teamRef: string,
    options: FinopsMonthOptions = {},
  ): Promise<TeamScorecard> {
    return this.http.get(
      `${entityPath(teamRef, 'group')}/scorecard${queryString({
        month: options.month,
      })}`,
    );
  }

  getCoverage(options: FinopsMonthOptions = {}): Promise<FinopsCoverage> {
    return this.http.get(`/coverage${queryString({ month: options.month })}`);
  }

  confirmSuggestion(
    decision: FinopsAttributionDecision,
  ): Promise<FinopsOverrideRule> {
    return this.http.post('/suggestions/confirm', {
      groupId: decision.groupId,
      entityRef: decision.entityRef,
    });
  }

  decideClaim(
    decision: 'confirm' | 'reject',
    claim: FinopsAttributionDecision,
  ): Promise<FinopsOverrideRule> {
    return this.http.post(`/claims/${decision}`, {
      groupId: claim.groupId,
      entityRef: claim.entityRef,
    });
  }

  getUnownedRecommendations(): Promise<{ items: Recommendation[] }> {
    return this.http.get('/recommendations/unowned');
  }

  getStatement(
    entityRef: string,
    options: FinopsStatementOptions,
  ): Promise<FinopsStatement> {
    return this.http.get(
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
    return this.http.url(
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
    return (await this.http.fetch(url)).text();
  }

  getAiUsage(
    entityRef: string,
    query: FinopsAiUsageQuery = {},
  ): Promise<AiUsageResponse> {
    return this.http.get(
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
    return this.http.get(
      `${entityPath(entityRef)}/ai-whatif${queryString({
        measure: options.measure,
      })}`,
    );
  }

  getAiSpend(options: FinopsMonthOptions = {}): Promise<AiSpendResponse> {
    return this.http.get(`/ai/spend${queryString({ month: options.month })}`);
  }

  getAnomalies(
    entityRef: string,
    query: FinopsAnomaliesQuery = {},
  ): Promise<AnomalyList> {
    return this.http.get(
      `${entityPath(entityRef)}/anomalies${anomalyQuery(query)}`,
    );
  }

  listAnomalies(query: FinopsAnomaliesQuery = {}): Promise<AnomalyList> {
    return this.http.get(`/anomalies${anomalyQuery(query)}`);
  }

  getAnomaly(id: string): Promise<Anomaly> {
    return this.http.get(`/anomalies/${encodeURIComponent(id)}`);
  }

  updateAnomalyStatus(
    id: string,
    change: AnomalyStatusRequest,
  ): Promise<Anomaly> {
    return this.http.post(
      `/anomalies/${encodeURIComponent(id)}/status`,
      change,
    );
  }

  getBudget(entityRef: string): Promise<EntityBudgetResponse> {
    return this.http.get(`${entityPath(entityRef)}/budget`);
  }

  getTeamBudgets(teamRef: string): Promise<TeamBudgetsResponse> {
    return this.http.get(`${entityPath(teamRef)}/budgets`);
  }

  listBudgets(): Promise<BudgetListResponse> {
    return this.http.get('/budgets');
  }

  setBudget(change: BudgetChange): Promise<Budget> {
    return this.http.put('/budgets', change);
  }

  ask(question: string, entityRef?: string): Promise<AskAnswer> {
    return this.http.post('/ask', {
      question,
      ...(entityRef ? { entityRef } : {}),
    });
  }

  async removeBudget(entityRef: string): Promise<void> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    // the answer may have no body: only its status matters
    await this.http.fetch(
      await this.http.url(
        `/budgets/${[kind, namespace, name].map(encodeURIComponent).join('/')}`,
      ),
      { method: 'DELETE' },
    );
  }
}
