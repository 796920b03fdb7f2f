import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AiSpendResponse,
  AiUsageResponse,
  AiWhatIfResponse,
  Anomaly,
  AnomalyList,
  AnomalyStatus,
  AnomalyStatusRequest,
  AskAnswer,
  Budget,
  BudgetChange,
  BudgetListResponse,
  EntityBudgetResponse,
  TeamBudgetsResponse,
  AnnotationWarning,
  AttributionConflict,
  AttributionSuggestion,
  ContestedClaim,
  CostGroupBy,
  CostMeasure,
  EntityCostSummary,
  EntityCosts,
  EntityResources,
  BenchmarkResponse,
  EntityRecommendations,
  GovernanceKpis,
  GovernanceSpend,
  HiddenMembers,
  ImplementationEffort,
  KpiTarget,
  KpiTargetChange,
  Recommendation,
  RecommendationDetail,
  RecommendationStatus,
  RecommendationStatusChange,
  RecommendationSubcategory,
  SharedCostResponse,
  TeamScorecard,
  UnitCostResponse,
} from '@costwise/plugin-finops-common';

/** Health of the finops backend. @public */
export interface FinopsHealth {
  status: string;
}

/** Options of {@link FinopsApi.getSummary}. @public */
export interface FinopsSummaryOptions {
  /** The cost measure; the backend's default (usually EffectiveCost) when absent. */
  measure?: CostMeasure;
}

/**
 * The period, resolution and breakdown of {@link FinopsApi.getCosts}.
 * Dates are `YYYY-MM-DD`, both ends included.
 *
 * @public
 */
export interface FinopsCostsQuery {
  from: string;
  to: string;
  granularity?: 'day' | 'month';
  groupBy?: CostGroupBy;
  measure?: CostMeasure;
}

/** The period of {@link FinopsApi.getResources}. @public */
export interface FinopsResourcesQuery {
  from: string;
  to: string;
  measure?: CostMeasure;
}

/**
 * The period, resolution and measure of {@link FinopsApi.getUnitCost}.
 * Dates are `YYYY-MM-DD`, both ends included.
 *
 * @public
 */
export interface FinopsUnitCostQuery {
  from: string;
  to: string;
  granularity?: 'day' | 'month';
  measure?: CostMeasure;
}

/** Options of {@link FinopsApi.getBenchmark}. @public */
export interface FinopsBenchmarkOptions {
  /** The cost measure; the backend's default when absent. */
  measure?: CostMeasure;
}

/**
 * The filters and KPI period of {@link FinopsApi.getRecommendations}. Absent
 * filters select everything; the KPIs' period defaults to the last 12 months.
 *
 * @public
 */
export interface FinopsRecommendationsQuery {
  /** Any of these statuses (sent comma-separated). */
  status?: RecommendationStatus[];
  subcategory?: RecommendationSubcategory;
  /** A configured source or detector id. */
  source?: string;
  effort?: ImplementationEffort;
  /** The KPIs' period, `YYYY-MM-DD`, both ends included. */
  from?: string;
  to?: string;
}

/**
 * The month of a governance request, `YYYY-MM`; the latest month with
 * figures when absent.
 *
 * @public
 */
export interface FinopsMonthOptions {
  month?: string;
}

/** `GET /governance/access`: whether the caller is a FinOps admin. @public */
export interface FinopsGovernanceAccess {
  admin: boolean;
}

/** Attributed and unattributed cost of one slice of `GET /coverage`. @public */
export interface FinopsCoverageFigures {
  total: string;
  attributed: string;
  unattributed: string;
  /** Attributed share of the total, 0..1. */
  coverage: number;
}

/**
 * `GET /coverage` (FinOps admins): attribution coverage in the latest run's
 * measure. The keys of each breakdown start with the currency: `USD aws`,
 * `USD 123456789012`; those of `unattributedByAccountAndService` are
 * `currency account service` (the service may contain spaces).
 *
 * @public
 */
export interface FinopsCoverage {
  measure: CostMeasure;
  /** When the latest attribution run finished. */
  asOf?: string;
  currencies: Record<string, FinopsCoverageFigures>;
  byPeriod: Record<string, FinopsCoverageFigures>;
  byProvider: Record<string, FinopsCoverageFigures>;
  byAccount: Record<string, FinopsCoverageFigures>;
  /** `currency groupRef` → the cost attributed to what the team owns. */
  byOwner: Record<string, string>;
  /** `currency account service` → the unattributed amount, largest first. */
  unattributedByAccountAndService: Record<string, string>;
  /** Weak inferred matches of the latest run, each waiting for an admin. */
  suggestions: Array<AttributionSuggestion & { currency: string }>;
  /** Claims held until an admin confirms or rejects them. */
  contested: Array<Omit<ContestedClaim, 'period'> & { currency: string }>;
  conflicts: Array<AttributionConflict & { currency: string }>;
  warnings: AnnotationWarning[];
}

/**
 * A fact group and the entity an admin gives it to: the body of
 * `POST /suggestions/confirm` and `POST /claims/{confirm,reject}`.
 *
 * @public
 */
export interface FinopsAttributionDecision {
  groupId: string;
  entityRef: string;
}

/** An override rule as the backend stores it. @public */
export interface FinopsOverrideRule {
  id: string;
  match: {
    account?: string;
    service?: string;
    resourceIdPattern?: string;
    tags?: Record<string, string>;
  };
  entityRef: string;
  /** `deny`: the entity may not claim the matched cost (a rejected claim). */
  effect?: 'assign' | 'deny';
  note?: string;
  createdBy: string;
  createdAt: string;
}

/**
 * The period and measure of {@link FinopsApi.getAiUsage}: days
 * `YYYY-MM-DD`, both ends included; the 30 days up to the last day with
 * data when absent.
 *
 * @public
 */
export interface FinopsAiUsageQuery {
  from?: string;
  to?: string;
  measure?: CostMeasure;
}

/** Options of {@link FinopsApi.getStatement}. @public */
export interface FinopsStatementOptions {
  /** The statement's month, `YYYY-MM`. */
  month: string;
  /** The cost measure; the backend's default when absent. */
  measure?: CostMeasure;
}

/**
 * One line of a statement: an entity's exact cost of one service through
 * one attribution method in the month, with the entity's owner and System
 * (`(no system)` when it is in none).
 *
 * @public
 */
export interface FinopsStatementLine {
  entity: string;
  service: string;
  method: string;
  amount: string;
  team?: string;
  system?: string;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/statement`: a Group's or a
 * System's statement of a month, one part per currency. A Group's sub-teams
 * have their own statements: their totals are listed beside it, never in it.
 *
 * @public
 */
export interface FinopsStatement {
  entity: string;
  kind: 'group' | 'system';
  /** `YYYY-MM`. */
  month: string;
  measure: CostMeasure;
  /** The last day of the month with cost data; absent when there is none. */
  asOf?: string;
  /** Whether the data stops before the month's last day (month to date). */
  partial: boolean;
  statements: Array<{
    currency: string;
    /** The exact sum of the lines. */
    total: string;
    lines: FinopsStatementLine[];
  }>;
  /** Per currency, the statement's own total. */
  totals: Record<string, string>;
  /** A Group's descendant teams, each with its own statement's totals. */
  subTeams: Array<{
    team: string;
    parent: string;
    totals: Record<string, string>;
  }>;
  /** Per currency, a Group's own total plus its sub-teams'. */
  totalWithSubTeams: Record<string, string>;
  /** Entities whose cost the caller may not read: their lines are left out. */
  hiddenMembers?: HiddenMembers;
}

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
  /** Attribution coverage, unattributed cost, suggestions and contested claims (FinOps admins). */
  getCoverage(): Promise<FinopsCoverage>;
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

/**
 * The filters of {@link FinopsApi.getAnomalies} and
 * {@link FinopsApi.listAnomalies}: days `YYYY-MM-DD` (both ends included)
 * and statuses.
 *
 * @public
 */
export interface FinopsAnomaliesQuery {
  from?: string;
  to?: string;
  status?: AnomalyStatus[];
  /** The most anomalies returned; the rest are counted in `more`. */
  limit?: number;
}

/** @public */
export const finopsApiRef = createApiRef<FinopsApi>({
  id: 'plugin.finops.service',
});
