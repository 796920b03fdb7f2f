/**
 * The built-in recommendation detectors: providers that read the stored
 * cost facts (and allocations) up to the as-of day and report what they
 * find in the shape of the FOCUS Recommendation draft, with the exact
 * amounts they saw as evidence.
 */
import type { Knex } from 'knex';
import type { Entity } from '@backstage/catalog-model';
import type { RecommendationProvider } from '@costwise/plugin-finops-node';
import type { AiPriceTable } from '../../config';
import {
  DetectorConfig,
  DetectorConfigOverrides,
  DetectorId,
  isEnabled,
  mergeDetectorConfig,
} from './config';
import { deprecatedOrRemovedDetector } from './deprecatedOrRemoved';
import { idleResourceDetector } from './idleResource';
import { llmPremiumModelDetector } from './llmPremiumModel';
import { previousGenerationDetector } from './previousGeneration';
import { unattributedAccountSpendDetector } from './unattributedAccountSpend';
import { unusedCommitmentDetector } from './unusedCommitment';

export {
  DEFAULT_DETECTOR_CONFIG,
  DEFAULT_MODELS,
  DEFAULT_SUCCESSORS,
  DETECTOR_IDS,
  mergeDetectorConfig,
  readDetectorConfig,
} from './config';
export type {
  DetectorConfig,
  DetectorConfigOverrides,
  DetectorId,
  DetectorSection,
  ModelRule,
  SuccessorRule,
} from './config';

/**
 * What the built-in detectors read.
 *
 * @public
 */
export interface BuiltinDetectorOptions {
  /** The database with the cost store and attribution results. */
  knex: Knex;
  /** The catalog as attribution sees it (deprecated-or-removed compares allocations with it). */
  catalogEntities: () => Promise<Entity[]>;
  /**
   * The thresholds (see {@link readDetectorConfig}); a `DetectorConfig`
   * or any part of one over the defaults.
   */
  config?: DetectorConfigOverrides | DetectorConfig;
  /**
   * Who owns which account (`finops.attribution.accountOwners` as
   * `readFinopsConfig` returns it: lower-case account or subscription id →
   * group ref). Without owners, unattributed-account-spend finds nothing.
   */
  accountOwners?: Record<string, string>;
  /**
   * The LLM price table (`finops.ai.prices` as `readFinopsConfig` returns
   * it) llm-premium-model compares models by; the built-in one by default.
   */
  aiPrices?: AiPriceTable;
}

/**
 * The enabled built-in detectors, in a fixed order, each a
 * `RecommendationProvider` whose id is its {@link DetectorId}.
 *
 * @public
 */
export function builtinDetectors(
  options: BuiltinDetectorOptions,
): RecommendationProvider[] {
  const config = mergeDetectorConfig(options.config ?? {});
  const { knex } = options;
  const all: Record<DetectorId, () => RecommendationProvider> = {
    'unused-commitment': () => unusedCommitmentDetector(knex, config),
    'deprecated-or-removed': () =>
      deprecatedOrRemovedDetector(knex, options.catalogEntities, config),
    'idle-resource': () => idleResourceDetector(knex, config),
    'previous-generation': () => previousGenerationDetector(knex, config),
    'unattributed-account-spend': () =>
      unattributedAccountSpendDetector(
        knex,
        config,
        options.accountOwners ?? {},
      ),
    'llm-premium-model': () =>
      llmPremiumModelDetector(knex, config, options.aiPrices),
  };
  return (Object.keys(all) as DetectorId[])
    .filter(id => isEnabled(config, id))
    .map(id => all[id]());
}
