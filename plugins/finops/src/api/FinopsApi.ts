import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AiSpendResponse,
  AiUsageResponse,
  AiWhatIfResponse,
  Anomaly,
  AnomalyList,
  AnomalyStatusRequest,
  AskAnswer,
  BenchmarkResponse,
  Budget,
  BudgetChange,
  BudgetListResponse,
  CostMeasure,
  EntityBudgetResponse,
  EntityCosts,
  EntityCostSummary,
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
  TeamBudgetsResponse,
  TeamScorecard,
  UnitCostResponse,
} from '@costwise/plugin-finops-common';
import type {
  FinopsAiUsageQuery,
  FinopsAnomaliesQuery,
  FinopsBenchmarkOptions,
  FinopsCostsQuery,
  FinopsHealth,
  FinopsResourcesQuery,
  FinopsStatement,
  FinopsStatementOptions,
  FinopsSummaryOptions,
  FinopsUnitCostQuery,
} from './costTypes';
import type {
  FinopsAttributionDecision,
  FinopsCoverage,
  FinopsGovernanceAccess,
  FinopsMonthOptions,
  FinopsOverrideRule,
  FinopsRecommendationsQuery,
} from './governanceTypes';

export type {
  FinopsAiUsageQuery,
  FinopsAnomaliesQuery,
  FinopsBenchmarkOptions,
  FinopsCostsQuery,
  FinopsHealth,
  FinopsResourcesQuery,
  FinopsStatement,
  FinopsStatementLine,
  FinopsStatementOptions,
  FinopsSummaryOptions,
  FinopsUnitCostQuery,
} from './costTypes';
export type {
  FinopsAttributionDecision,
  FinopsCoverage,
  FinopsCoverageFigures,
  FinopsGovernanceAccess,
  FinopsMonthOptions,
  FinopsOverrideRule,
  FinopsRecommendationsQuery,
} from './governanceTypes';

/**
 * Client of the finops backend API. Entity refs are `kind:namespace/name`.
 *
 * @public
 */
export interface FinopsApi {
  getHealth(): Promise<FinopsHealth>;
  /** Month to date, change, forecast, drivers and confidence of an entity. */
  getSummary(
    entityRef: string,
    options?: FinopsSummaryOptions,
  ): Promise<EntityCostSummary>;
  /** Cost series of an entity over a period, broken down by a dimension. */
  getCosts(entityRef: string, query: FinopsCostsQuery): Promise<EntityCosts>;
  /** What a shared Resource pooled and passed on to its consumers over a period. */
  getShared(
    entityRef: string,
    query: FinopsResourcesQuery,
  ): Promise<SharedCostResponse>;
  /** The resources attributed to an entity over a period, with evidence. */
  getResources(
    entityRef: string,
    query: FinopsResourcesQuery,
  ): Promise<EntityResources>;
  /** Cost per unit of the entity's business metric over a period. */
  getUnitCost(
    entityRef: string,
    query: FinopsUnitCostQuery,
  ): Promise<UnitCostResponse>;
  /** The entity's position among its peers: monthly cost, unit cost and trend. */
  getBenchmark(
    entityRef: string,
    options?: FinopsBenchmarkOptions,
  ): Promise<BenchmarkResponse>;
  /** The entity's recommendations (its members' included), largest saving first, with its KPIs. */
  getRecommendations(
    entityRef: string,
    query?: FinopsRecommendationsQuery,
  ): Promise<EntityRecommendations>;
  /** One recommendation with its history and whether the caller may change it. */
  getRecommendation(id: string): Promise<RecommendationDetail>;
  /** Moves a recommendation along its lifecycle; resolves to the updated recommendation. */
  updateRecommendationStatus(
    id: string,
    change: RecommendationStatusChange,
  ): Promise<RecommendationDetail>;
  /** Whether the caller is a FinOps admin, to show or hide the admin-only views. */
  getGovernanceAccess(): Promise<FinopsGovernanceAccess>;
  /** The organization's KPIs of a month and every team's scorecard. */
  getGovernanceKpis(options?: FinopsMonthOptions): Promise<GovernanceKpis>;
  /** Spend by provider and the top movers of a month (FinOps admins). */
  getGovernanceSpend(options?: FinopsMonthOptions): Promise<GovernanceSpend>;
  /** The stored KPI targets: the organization's and teams' overrides (FinOps admins). */
  getKpiTargets(): Promise<{ items: KpiTarget[] }>;
  /** Sets (or with `target: null`, removes) a KPI target; resolves to the stored target. */
  setKpiTarget(change: KpiTargetChange): Promise<KpiTarget>;
  /** One team's KPIs and ranks among teams. `teamRef` defaults to kind Group. */
  getTeamScorecard(
    teamRef: string,
    options?: FinopsMonthOptions,
  ): Promise<TeamScorecard>;
  /**
   * Attribution coverage, unattributed cost, suggestions and contested
   * claims (FinOps admins): over all the data, or with `month` over the cost
   * charged in that month.
   */
  getCoverage(options?: FinopsMonthOptions): Promise<FinopsCoverage>;
  /** Confirms an inferred suggestion as an override rule (FinOps admins). */
  confirmSuggestion(
    decision: FinopsAttributionDecision,
  ): Promise<FinopsOverrideRule>;
  /** Confirms or rejects a contested claim with an override rule (FinOps admins). */
  decideClaim(
    decision: 'confirm' | 'reject',
    claim: FinopsAttributionDecision,
  ): Promise<FinopsOverrideRule>;
  /** Recommendations whose resource maps to no entity (FinOps admins). */
  getUnownedRecommendations(): Promise<{ items: Recommendation[] }>;
  /** A Group's or System's statement of a month (other kinds are refused). */
  getStatement(
    entityRef: string,
    options: FinopsStatementOptions,
  ): Promise<FinopsStatement>;
  /**
   * The absolute URL of the statement as CSV. The route needs the user's
   * token, which a plain link does not send: download it with
   * {@link FinopsApi.getStatementCsv}.
   */
  statementCsvUrl(
    entityRef: string,
    month: string,
    measure?: CostMeasure,
  ): Promise<string>;
  /** The statement as CSV text, fetched with the user's credentials. */
  getStatementCsv(
    entityRef: string,
    options: FinopsStatementOptions,
  ): Promise<string>;
  /**
   * The AI spend of an entity and its members over a period (the 30 days up
   * to the last day with data by default): by model and token type, per
   * day, its cache hit share and cost per 1,000 requests and per unit.
   */
  getAiUsage(
    entityRef: string,
    query?: FinopsAiUsageQuery,
  ): Promise<AiUsageResponse>;
  /** The entity's tokens of the last 30 days priced on every model of the price table. */
  getAiWhatIf(
    entityRef: string,
    options?: { measure?: CostMeasure },
  ): Promise<AiWhatIfResponse>;
  /** The organization's AI spend of a month by team and model (what the caller may read). */
  getAiSpend(options?: FinopsMonthOptions): Promise<AiSpendResponse>;
  /** The anomalies of an entity and its members, newest first, with counts per status. */
  getAnomalies(
    entityRef: string,
    query?: FinopsAnomaliesQuery,
  ): Promise<AnomalyList>;
  /** Every anomaly the caller may read (the FinOps page), newest first. */
  listAnomalies(query?: FinopsAnomaliesQuery): Promise<AnomalyList>;
  /** One anomaly with its explanation and history. */
  getAnomaly(id: string): Promise<Anomaly>;
  /** Moves an anomaly along its triage; resolves to the updated anomaly. */
  updateAnomalyStatus(
    id: string,
    change: AnomalyStatusRequest,
  ): Promise<Anomaly>;
  /** The entity's budget in its current period, its history, or how to set one. */
  getBudget(entityRef: string): Promise<EntityBudgetResponse>;
  /** A team's own budget and its systems' and components' budgets. */
  getTeamBudgets(teamRef: string): Promise<TeamBudgetsResponse>;
  /** Every budget the caller may read, and whether the caller may set them. */
  listBudgets(): Promise<BudgetListResponse>;
  /** Sets an admin's budget of an entity (FinOps admins). */
  setBudget(change: BudgetChange): Promise<Budget>;
  /** Removes an admin's budget of an entity (FinOps admins). */
  removeBudget(entityRef: string): Promise<void>;
  /**
   * Asks Costwise a question in plain language, about the entity `entityRef`
   * when it names none (the entity's Costs tab), else the organization. A
   * question it cannot answer resolves with `supported: false` and the
   * questions it can; an entity the caller may not read is a 403.
   */
  ask(question: string, entityRef?: string): Promise<AskAnswer>;
}

/** @public */
export const finopsApiRef = createApiRef<FinopsApi>({
  id: 'plugin.finops.service',
});
