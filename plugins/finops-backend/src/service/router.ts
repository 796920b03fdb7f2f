import express from 'express';
import Router from 'express-promise-router';
import type {
  AiUsageService,
  AttributionRunner,
  AttributionStore,
  BenchmarkService,
  BudgetService,
  Clock,
  CostStore,
  IngestionService,
  SourceConfig,
  CostViewService,
  CoverageService,
  GovernanceService,
  MetricService,
  OverrideService,
  ShowbackService,
  UnitCostService,
} from '@costwise/plugin-finops-engine';
import type { RequestAccess } from './http/access';
import { registerAttributionRoutes } from './routes/attribution';
import { registerEntityRoutes } from './routes/entities';
import { registerIngestionRoutes } from './routes/ingestions';
import { registerUnitEconomicsRoutes } from './routes/unitEconomics';
import { registerRecommendationRoutes } from './routes/recommendations';
import { registerReportRoutes } from './routes/reports';
import { registerAiRoutes } from './routes/ai';
import { registerGovernanceRoutes } from './routes/governance';
import { registerBudgetRoutes } from './routes/budgets';
import type { RecommendationAccess } from './recommendations';
import { registerAnomalyRoutes } from './routes/anomalies';
import type { AnomalyAccess } from './anomalies';
import { registerAskRoutes } from './routes/ask';
import type { AskAccess } from './ask';

/**
 * What the router needs: the access checks and the engine's services.
 *
 * @internal
 */
export interface RouterOptions {
  access: RequestAccess;
  clock: Clock;
  store: CostStore;
  ingestion: IngestionService;
  /** The configured file sources, for admins' "ingest now". */
  sources: SourceConfig[];
  attributionStore: AttributionStore;
  attribution: AttributionRunner;
  coverage: CoverageService;
  overrides: OverrideService;
  views: CostViewService;
  metrics: MetricService;
  unitCosts: UnitCostService;
  benchmarks: BenchmarkService;
  governance: GovernanceService;
  showback: ShowbackService;
  /** The AI spend views and the model what-if. */
  ai: AiUsageService;
  /** Budgets: their statuses, the team and FinOps views, and admins' budgets. */
  budgets: BudgetService;
  /** Absent: the recommendation routes are not served (the API benchmark). */
  recommendationAccess?: RecommendationAccess;
  /** Absent: the anomaly routes answer 404 (the API benchmark). */
  anomalyAccess?: AnomalyAccess;
  /** Ask Costwise; absent: `POST /ask` answers 404 (the API benchmark). */
  askAccess?: AskAccess;
}

/** Creates the `/api/finops` router. Routes parse, authorize and delegate. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { access, clock } = options;
  const router = Router();
  router.use(express.json({ limit: '10mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  registerIngestionRoutes(router, {
    access,
    store: options.store,
    ingestion: options.ingestion,
    sources: options.sources,
  });
  registerEntityRoutes(router, { access, views: options.views, clock });
  registerUnitEconomicsRoutes(router, {
    access,
    clock,
    metrics: options.metrics,
    unitCosts: options.unitCosts,
    benchmarks: options.benchmarks,
  });
  registerAttributionRoutes(router, {
    access,
    store: options.attributionStore,
    attribution: options.attribution,
    coverage: options.coverage,
    overrides: options.overrides,
  });

  registerGovernanceRoutes(router, {
    access,
    governance: options.governance,
  });
  registerReportRoutes(router, { access, showback: options.showback });
  registerBudgetRoutes(router, { access, budgets: options.budgets });
  registerAnomalyRoutes(router, {
    access,
    anomalies: options.anomalyAccess,
  });
  registerAiRoutes(router, { access, ai: options.ai });
  registerAskRoutes(router, { access, ask: options.askAccess });

  if (options.recommendationAccess)
    registerRecommendationRoutes(router, {
      access,
      recommendations: options.recommendationAccess,
    });

  return router;
}
