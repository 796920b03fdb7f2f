import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  RecommendationRejection,
  RecommendationRow,
} from '@costwise/plugin-finops-common';

/**
 * A source of recommendations that is not a file: a detector over the cost
 * facts, or (in a module) a provider's API. Each run returns every
 * recommendation it currently reports; those it no longer reports expire.
 *
 * @public
 */
export interface RecommendationProvider {
  /** Unique id; recommendations are stored as `<id>:<RecommendationId>`. */
  id: string;
  title: string;
  run(context: RecommendationProviderContext): Promise<{
    rows: RecommendationRow[];
    rejected?: RecommendationRejection[];
  }>;
}

/** What a provider is handed on each run. @public */
export interface RecommendationProviderContext {
  /** The day the run is for (`YYYY-MM-DD`): the last day with cost data. */
  asOf: string;
  /** The configured currency. */
  currency: string;
}

/**
 * Lets modules add recommendation providers (detectors over the cost facts,
 * pulls from a provider's API) to the finops backend. Their recommendations
 * are owned, tracked and verified like imported ones. The plugin registers
 * its built-in detectors here too, so all providers form one list; a
 * provider whose id is already registered is refused when the backend
 * starts.
 *
 * @public
 */
export interface RecommendationProvidersExtensionPoint {
  addRecommendationProvider(...providers: RecommendationProvider[]): void;
}

/**
 * The extension point for recommendation providers.
 *
 * @public
 */
export const recommendationProvidersExtensionPoint =
  createExtensionPoint<RecommendationProvidersExtensionPoint>({
    id: 'finops.recommendationProviders',
  });
