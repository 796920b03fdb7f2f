import type { Knex } from 'knex';
import type { Entity } from '@backstage/catalog-model';
import {
  AnomalyService,
  AnomalyStore,
  AskEngine,
  storedAnomalyData,
  AiUsageService,
  AiUsageStore,
  AttributionRunner,
  AttributionStore,
  BenchmarkService,
  BudgetService,
  BudgetStore,
  builtinFileSourceTypes,
  Clock,
  CostViewService,
  CoverageService,
  DatabaseCostStore,
  EngineLogger,
  EntityLookup,
  FinopsConfig,
  GovernanceOptions,
  GovernanceService,
  GovernanceStore,
  IngestionService,
  MetricService,
  MetricStore,
  OverrideService,
  RecommendationService,
  RecommendationStore,
  ShowbackService,
  storedShowbackData,
  systemClock,
  UnitCostService,
} from '@costwise/plugin-finops-engine';
import type {
  AttributionSignal,
  CostSourceType,
} from '@costwise/plugin-finops-node';
import { catalogLoader, catalogSnapshot } from './cache/catalogLoader';
import { BoundedViewCache } from './cache/ViewCache';

/**
 * The engine's services as the plugin runs them on one database: ingestion
 * (which attributes what it ingested), attribution, the views behind a
 * bounded response cache (forgotten when this replica finishes a run),
 * business metrics, unit cost, benchmarks, coverage, overrides and the
 * monthly showback statements.
 */
export interface FinopsEngine {
  store: DatabaseCostStore;
  ingestion: IngestionService;
  attributionStore: AttributionStore;
  attribution: AttributionRunner;
  viewCache: BoundedViewCache;
  views: CostViewService;
  metricStore: MetricStore;
  metrics: MetricService;
  unitCosts: UnitCostService;
  benchmarks: BenchmarkService;
  coverage: CoverageService;
  overrides: OverrideService;
  recommendationStore: RecommendationStore;
  recommendations: RecommendationService;
  governance: GovernanceService;
  showback: ShowbackService;
  budgetStore: BudgetStore;
  budgets: BudgetService;
  anomalyStore: AnomalyStore;
  anomalies: AnomalyService;
  ai: AiUsageService;
  /** Ask Costwise: questions in plain language answered from the views. */
  ask: AskEngine;
}

/** Builds the engine's services for the plugin (and for the API benchmark). */
export function createFinopsEngine(options: {
  knex: Knex;
  config: FinopsConfig;
  /** Every catalog entity, read with the plugin's own credentials. */
  catalogEntities: () => Promise<Entity[]>;
  /** Which entity refs exist, for the metric checks. */
  lookup?: EntityLookup;
  signals?: readonly AttributionSignal[];
  sourceTypes?: readonly CostSourceType[];
  logger: EngineLogger;
  clock?: Clock;
}): FinopsEngine {
  const { knex, config, catalogEntities, logger } = options;
  const clock = options.clock ?? systemClock;

  const store = new DatabaseCostStore(knex, { clock });
  const ingestion = new IngestionService(
    store,
    logger,
    [
      ...builtinFileSourceTypes({
        ...config.fileSources,
        limits: config.ingestionLimits,
        onSkip: (file, reason) =>
          logger.warn(`Cost file ${file} was not read: ${reason}`),
        now: () => clock.now().getTime(),
      }),
      ...(options.sourceTypes ?? []),
    ],
    {
      threads: config.ingestionThreads,
      clock,
      maxShrink: config.maxShrink,
      maxFactGroups: config.ingestionLimits.maxFactGroups,
    },
  );
  const attributionStore = new AttributionStore(knex);
  const attribution = new AttributionRunner(attributionStore, catalogEntities, {
    config: {
      measure: config.measure,
      tagKeyAliases: config.tagKeyAliases,
      accountOwners: config.accountOwners,
      inferenceTagKeys: config.inferenceTagKeys,
      inferenceMinConfidence: config.inferenceMinConfidence,
    },
    signals: options.signals,
    locks: store,
    logger,
    clock,
  });
  ingestion.onIngested(run =>
    attribution
      .run(`ingestion of source ${run.sourceId}`)
      .then(() => undefined),
  );

  const viewCache = new BoundedViewCache(
    attributionStore,
    config.viewCacheBytes,
    { clock },
  );
  attribution.onRun(() => viewCache.invalidate());
  const aiUsageStore = new AiUsageStore(knex);
  const views = new CostViewService(
    attributionStore,
    { measure: config.measure, currency: config.currency },
    {
      cache: viewCache,
      clock,
      limits: config.viewLimits,
      quantities: aiUsageStore,
    },
  );

  const metricStore = new MetricStore(knex);
  const metrics = new MetricService(metricStore, {
    deploymentsSource: config.metrics.deploymentsSource,
    lookup: options.lookup,
    clock,
  });
  const unitCosts = new UnitCostService(views, metricStore);
  const recommendationStore = new RecommendationStore(knex);
  const recommendations = new RecommendationService({
    store: recommendationStore,
    catalogEntities,
    attributionConfig: {
      tagKeyAliases: config.tagKeyAliases,
      accountOwners: config.accountOwners,
      inferenceTagKeys: config.inferenceTagKeys,
      inferenceMinConfidence: config.inferenceMinConfidence,
    },
    overrides: () => attributionStore.listOverrides(),
    options: {
      measure: config.measure,
      reopenFactor: config.recommendations.reopenFactor,
      verifyDays: config.recommendations.verifyDays,
      verifiedShare: config.recommendations.verifiedShare,
    },
    clock,
    logger,
  });
  const benchmarks = new BenchmarkService({
    views,
    unitCosts,
    catalog: catalogLoader(catalogEntities, undefined, clock),
    options: config.benchmarks,
    cache: viewCache,
  });
  const ai = new AiUsageService({
    store: aiUsageStore,
    attribution: attributionStore,
    views,
    unitCosts,
    prices: config.ai?.prices,
    cache: viewCache,
  });
  const anomalyStore = new AnomalyStore(knex);
  const anomalies = new AnomalyService({
    store: anomalyStore,
    data: storedAnomalyData(anomalyStore, attributionStore),
    config: config.anomalies,
    measure: config.measure,
    clock,
    logger,
  });
  const budgetStore = new BudgetStore(knex);
  const budgets = new BudgetService({
    store: budgetStore,
    views,
    attributionStore,
    catalogEntities,
    options: { ...config.budgets, currency: config.currency ?? 'USD' },
    clock,
  });
  const governance = new GovernanceService({
    store: new GovernanceStore(knex),
    attributionStore,
    recommendations: recommendationStore,
    unitCosts,
    benchmarks,
    budgets,
    anomalies,
    catalogEntities,
    options: {
      measure: config.measure,
      currency: config.currency,
      targets: config.governance.targets,
      teamTargets: config.governance
        .teamTargets as GovernanceOptions['teamTargets'],
      overhead: config.governance.overhead,
      accountOwners: config.accountOwners,
    },
    clock,
  });
  const ask = new AskEngine({
    knex,
    attributionStore,
    views,
    unitCosts,
    recommendations: recommendationStore,
    anomalies: anomalyStore,
    // a question should not read the whole catalog each time it is asked
    catalogEntities: catalogSnapshot(catalogEntities, 30_000, clock),
    defaults: { measure: config.measure, currency: config.currency },
    config: config.ask,
    logger,
    clock,
  });
  return {
    ask,
    store,
    ingestion,
    budgetStore,
    budgets,
    anomalyStore,
    anomalies,
    ai,
    governance,
    attributionStore,
    attribution,
    viewCache,
    views,
    metricStore,
    metrics,
    unitCosts,
    benchmarks,
    recommendationStore,
    recommendations,
    coverage: new CoverageService(attributionStore),
    showback: new ShowbackService({
      data: storedShowbackData(knex, attributionStore),
      catalogEntities,
      defaults: { measure: config.measure },
    }),
    overrides: new OverrideService({
      store: attributionStore,
      rerun: trigger => attribution.run(trigger),
      clock,
    }),
  };
}
