import os from 'os';
import path from 'path';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { HumanDuration } from '@backstage/types';
import { COST_MEASURES, CostMeasure } from '@costwise/plugin-finops-common';
import { AnomalyConfig, readAnomalyConfig } from './anomalies';
import { BudgetConfig, readBudgetConfig } from './budgets';
import { AskConfig, readAskConfig } from './ask';
import { AiPriceTable, readAiPriceTable } from './aiPrices';
import { GovernanceConfig, readGovernanceConfig } from './governance';

/** A configured cost source.
 *
 * @public
 */
export interface SourceConfig {
  id: string;
  type: string;
  location: string;
  schedule: { cron: string } | HumanDuration;
  currency?: string;
}

/**
 * The `finops:` settings the backend uses.
 *
 * @public
 */
export interface FinopsConfig {
  measure: CostMeasure;
  currency?: string;
  demo: boolean;
  demoMapping: string;
  demoDirectory: string;
  sources: SourceConfig[];
  tagKeyAliases: Record<string, string>;
  /** Lower-case account or subscription id → the group that owns it. */
  accountOwners: Record<string, string>;
  inferenceTagKeys: string[];
  inferenceMinConfidence: number;
  benchmarks: {
    byLifecycle: boolean;
    teams: 'all' | 'siblings';
    /** The most members a cohort is compared with. */
    maxCohort: number;
  };
  /** Threads reading one large plain CSV file; undefined: the default. */
  ingestionThreads?: number;
  /** How file sources choose their files. */
  fileSources: { followSymlinks: boolean; settleMs: number };
  /** The share a stored billing period may shrink by in one ingestion, 0 to 1. */
  maxShrink: number;
  /** The longest CSV record and field, and the most distinct fact groups of one ingestion. */
  ingestionLimits: {
    maxRecordBytes: number;
    maxFieldBytes: number;
    maxFactGroups: number;
  };
  /** Service subjects allowed to act as admins (send metrics, run attribution, add overrides). */
  adminServices: string[];
  /** Bytes of view answers the backend keeps per data version; 0 turns the cache off. */
  viewCacheBytes?: number;
  /** The longest ranges and most series a view holds. */
  viewLimits: { maxDays: number; maxMonths: number; maxSeries: number };
  recommendations: RecommendationConfig;
  governance: GovernanceConfig;
  /** Budgets' alert thresholds (`finops.budgets`). */
  budgets: BudgetConfig;
  /** Anomaly detection (`finops.anomalies`). */
  anomalies: AnomalyConfig;
  /** Ask Costwise (`finops.ask`). */
  ask: AskConfig;
  /** AI spend views: the LLM price table (`finops.ai.prices`). */
  ai?: { prices: AiPriceTable };
  metrics: {
    /** `api` (the metrics API and CSV imports) or a metric provider id. */
    deploymentsSource: string;
    /** How often the metric providers run. */
    schedule: SourceConfig['schedule'];
    /** How many days before today each provider run (re)fetches. */
    lookbackDays: number;
  };
}

/**
 * Recommendation sources and how recommendations are tracked.
 *
 * @public
 */
export interface RecommendationConfig {
  /** Files of the providers' recommendations, read on a schedule. */
  sources: Array<{
    id: string;
    location: string;
    /** A format id; detected from the file when absent. */
    format?: string;
    schedule: SourceConfig['schedule'];
  }>;
  /** A dismissed recommendation reopens when its estimate grows by more than this factor. */
  reopenFactor: number;
  /** Days compared before and after a recommendation was implemented. */
  verifyDays: number;
  /** The share of the estimate a realized saving must reach to be Verified. */
  verifiedShare: number;
  /** New recommendations saving at least this much a month are notified to their owners. */
  notifyAbove: string;
}

const DEFAULT_SCHEDULE: HumanDuration = { hours: 6 };
/** @public */
export const DEFAULT_INFERENCE_TAG_KEYS = [
  'application',
  'app',
  'service',
  'component',
  'name',
];

const DEFAULT_METRIC_SCHEDULE: HumanDuration = { hours: 24 };

function readSchedule(
  source: Config,
  fallback: SourceConfig['schedule'] = DEFAULT_SCHEDULE,
): SourceConfig['schedule'] {
  if (!source.has('schedule')) return fallback;
  const value = source.get('schedule');
  if (typeof value === 'string') return { cron: value };
  return source.getConfig('schedule').get() as HumanDuration;
}

/** Reads and checks the `finops:` block; throws an `InputError` naming the bad key.
 *
 * @public
 */
export function readFinopsConfig(config: Config): FinopsConfig {
  const finops = config.getOptionalConfig('finops');
  const measure = (finops?.getOptionalString('measure') ??
    'EffectiveCost') as CostMeasure;
  if (!COST_MEASURES.includes(measure)) {
    throw new InputError(
      `finops.measure must be one of ${COST_MEASURES.join(
        ', ',
      )}, got '${measure}'`,
    );
  }
  const ids = new Set<string>();
  const sources = (finops?.getOptionalConfigArray('sources') ?? []).map(
    source => {
      const id = source.getString('id');
      if (ids.has(id))
        throw new InputError(`finops.sources: duplicate source id '${id}'`);
      ids.add(id);
      return {
        id,
        type: source.getString('type'),
        location: source.getString('location'),
        schedule: readSchedule(source),
        currency: source.getOptionalString('currency'),
      };
    },
  );
  const aliases = finops?.getOptionalConfig('attribution.tagKeyAliases');
  const tagKeyAliases: Record<string, string> = {};
  for (const key of aliases?.keys() ?? []) {
    tagKeyAliases[key.trim().toLowerCase()] = aliases!
      .getString(key)
      .trim()
      .toLowerCase();
  }
  // a list: account ids (all digits on AWS) cannot be config keys
  const accountOwners: Record<string, string> = {};
  for (const entry of finops?.getOptionalConfigArray(
    'attribution.accountOwners',
  ) ?? []) {
    const account = entry.getString('account').trim().toLowerCase();
    const owner = entry.getString('owner').trim();
    if (!/^(group:)?([a-z0-9-_.]+\/)?[a-z0-9-_.]+$/i.test(owner))
      throw new InputError(
        `finops.attribution.accountOwners: the owner of account ${account} must be a group ref such as group:default/platform-team, got '${owner}'`,
      );
    accountOwners[account] = owner.toLowerCase();
  }
  const teams = finops?.getOptionalString('benchmarks.teams') ?? 'all';
  if (teams !== 'all' && teams !== 'siblings')
    throw new InputError(
      `finops.benchmarks.teams must be 'all' or 'siblings', got '${teams}'`,
    );
  const metricsConfig = finops?.getOptionalConfig('metrics');
  const lookbackDays = metricsConfig?.getOptionalNumber('lookbackDays') ?? 3;
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > 90)
    throw new InputError(
      `finops.metrics.lookbackDays must be an integer from 1 to 90, got ${lookbackDays}`,
    );
  const ingestionThreads = finops?.getOptionalNumber('ingestion.threads');
  if (
    ingestionThreads !== undefined &&
    (!Number.isInteger(ingestionThreads) ||
      ingestionThreads < 1 ||
      ingestionThreads > 64)
  )
    throw new InputError(
      `finops.ingestion.threads must be an integer from 1 to 64, got ${ingestionThreads}`,
    );
  const viewCacheBytes = finops?.getOptionalNumber('views.cacheBytes');
  if (
    viewCacheBytes !== undefined &&
    (!Number.isInteger(viewCacheBytes) || viewCacheBytes < 0)
  )
    throw new InputError(
      `finops.views.cacheBytes must be a whole number of bytes (0 turns the cache off), got ${viewCacheBytes}`,
    );
  const positive = (key: string, fallback: number) => {
    const value = finops?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < 1)
      throw new InputError(
        `finops.${key} must be a whole number from 1, got ${value}`,
      );
    return value;
  };
  const settleSeconds =
    finops?.getOptionalNumber('ingestion.settleSeconds') ?? 60;
  if (!(settleSeconds >= 0 && settleSeconds <= 86_400))
    throw new InputError(
      `finops.ingestion.settleSeconds must be from 0 to 86400, got ${settleSeconds}`,
    );
  const maxShrink = finops?.getOptionalNumber('ingestion.maxShrink') ?? 0.5;
  if (!(maxShrink >= 0 && maxShrink <= 1))
    throw new InputError(
      `finops.ingestion.maxShrink must be a share from 0 to 1 (0.5: a period may lose half its total), got ${maxShrink}`,
    );
  const recs = finops?.getOptionalConfig('recommendations');
  const recIds = new Set<string>();
  const recommendations: RecommendationConfig = {
    sources: (recs?.getOptionalConfigArray('sources') ?? []).map(source => {
      const id = source.getString('id');
      if (recIds.has(id) || ids.has(id))
        throw new InputError(
          `finops.recommendations.sources: the id '${id}' is used twice (cost and recommendation sources share ids)`,
        );
      recIds.add(id);
      return {
        id,
        location: source.getString('location'),
        format: source.getOptionalString('format'),
        schedule: readSchedule(source),
      };
    }),
    reopenFactor: recs?.getOptionalNumber('reopenFactor') ?? 1.5,
    verifyDays: recs?.getOptionalNumber('verifyDays') ?? 14,
    verifiedShare: recs?.getOptionalNumber('verifiedShare') ?? 0.5,
    notifyAbove: String(recs?.getOptionalNumber('notifyAbove') ?? 100),
  };
  if (!(recommendations.reopenFactor >= 1))
    throw new InputError(
      `finops.recommendations.reopenFactor must be 1 or more, got ${recommendations.reopenFactor}`,
    );
  if (
    !Number.isInteger(recommendations.verifyDays) ||
    recommendations.verifyDays < 1 ||
    recommendations.verifyDays > 90
  )
    throw new InputError(
      `finops.recommendations.verifyDays must be a whole number from 1 to 90, got ${recommendations.verifyDays}`,
    );
  if (
    !(recommendations.verifiedShare > 0 && recommendations.verifiedShare <= 1)
  )
    throw new InputError(
      `finops.recommendations.verifiedShare must be a share above 0 and at most 1, got ${recommendations.verifiedShare}`,
    );
  const governance = readGovernanceConfig(finops);
  return {
    measure,
    recommendations,
    governance,
    budgets: readBudgetConfig(finops),
    anomalies: readAnomalyConfig(finops),
    ask: readAskConfig(finops),
    ai: { prices: readAiPriceTable(finops) },
    ingestionThreads,
    maxShrink,
    ingestionLimits: {
      maxRecordBytes: positive('ingestion.maxRecordBytes', 1024 * 1024),
      maxFieldBytes: positive('ingestion.maxFieldBytes', 256 * 1024),
      maxFactGroups: positive('ingestion.maxFactGroups', 2_000_000),
    },
    fileSources: {
      followSymlinks:
        finops?.getOptionalBoolean('ingestion.followSymlinks') ?? false,
      settleMs: settleSeconds * 1000,
    },
    viewLimits: {
      maxDays: positive('views.maxDays', 3 * 366),
      maxMonths: positive('views.maxMonths', 120),
      maxSeries: positive('views.maxSeries', 20),
    },
    adminServices: finops?.getOptionalStringArray('admin.services') ?? [],
    viewCacheBytes,
    currency: finops?.getOptionalString('currency'),
    demo: finops?.getOptionalBoolean('demo') ?? false,
    demoMapping: path.resolve(
      finops?.getOptionalString('demoMapping') ??
        '../../examples/demo-mapping.json',
    ),
    demoDirectory: path.resolve(
      finops?.getOptionalString('demoDirectory') ??
        path.join(os.tmpdir(), 'costwise-demo'),
    ),
    sources,
    tagKeyAliases,
    accountOwners,
    inferenceTagKeys:
      finops?.getOptionalStringArray('attribution.inference.tagKeys') ??
      DEFAULT_INFERENCE_TAG_KEYS,
    inferenceMinConfidence:
      finops?.getOptionalNumber('attribution.inference.minConfidence') ?? 0.85,
    benchmarks: {
      byLifecycle:
        finops?.getOptionalBoolean('benchmarks.byLifecycle') ?? false,
      teams,
      maxCohort: positive('benchmarks.maxCohort', 500),
    },
    metrics: {
      deploymentsSource:
        metricsConfig?.getOptionalString('deployments.source') ?? 'api',
      schedule: metricsConfig
        ? readSchedule(metricsConfig, DEFAULT_METRIC_SCHEDULE)
        : DEFAULT_METRIC_SCHEDULE,
      lookbackDays,
    },
  };
}
