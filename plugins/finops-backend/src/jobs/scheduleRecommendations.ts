import type {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  importRecommendationSource,
  runRecommendationProvider,
} from '@costwise/plugin-finops-engine';
import type {
  AttributionRunner,
  RecommendationConfig,
  RecommendationService,
  RecommendationStore,
  StoredRecommendation,
} from '@costwise/plugin-finops-engine';
import type {
  RecommendationProvider,
  RecommendationProvidersExtensionPoint,
} from '@costwise/plugin-finops-node';

/**
 * The one list of recommendation providers: what modules add through
 * `recommendationProvidersExtensionPoint` and the built-in detectors the
 * plugin adds the same way (those its config turns off are left out). Ids
 * are unique: each names the source its recommendations are stored under.
 */
export function recommendationProviderRegistry(): {
  extensionPoint: RecommendationProvidersExtensionPoint;
  providers(): RecommendationProvider[];
} {
  const byId = new Map<string, RecommendationProvider>();
  return {
    extensionPoint: {
      addRecommendationProvider(...added) {
        for (const provider of added) {
          if (byId.has(provider.id))
            throw new Error(
              `A recommendation provider with id '${
                provider.id
              }' is already registered ('${
                byId.get(provider.id)!.title
              }'): each provider needs its own id`,
            );
          byId.set(provider.id, provider);
        }
      },
    },
    providers: () => [...byId.values()],
  };
}

/** Told of recommendations seen for the first time. */
export type NewRecommendationsListener = (
  created: StoredRecommendation[],
) => Promise<void>;

/**
 * Imports each recommendation file source once at start-up and then on its
 * schedule (global scope: one replica at a time), and after every
 * attribution run (each ingestion ends with one) runs the providers (the
 * built-in detectors and the modules') on the new data and refreshes the
 * lifecycle: deferrals that ended, verification of implemented savings,
 * resources that left the data.
 */
export async function scheduleRecommendations(options: {
  config: RecommendationConfig;
  providers: RecommendationProvider[];
  recommendations: RecommendationService;
  store: RecommendationStore;
  attribution: AttributionRunner;
  currency: string;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  onCreated?: NewRecommendationsListener;
}): Promise<void> {
  const { config, providers, recommendations, logger, onCreated } = options;
  const created = (list: StoredRecommendation[]) =>
    list.filter(r => r.firstSeen === r.lastSeen && r.status === 'open');

  const importSource = async (source: RecommendationConfig['sources'][0]) => {
    try {
      const run = await importRecommendationSource(recommendations, source);
      logger.info(
        `Imported recommendation source '${source.id}': ${run.accepted} accepted, ${run.rejected.length} rejected, ${run.created} new, ${run.expired} expired`,
      );
      for (const r of run.rejected.slice(0, 20))
        logger.warn(
          `Recommendation source '${source.id}': ${r.file} line ${r.line} rejected: ${r.reason}`,
        );
      await onCreated?.(created(run.recommendations));
    } catch (error) {
      logger.error(
        `Importing recommendation source '${source.id}' failed: ${
          (error as Error).message
        }`,
      );
    }
  };

  // one pass at a time: a run that ends while another is on waits its turn
  let chain: Promise<void> = Promise.resolve();
  const afterData = () => {
    chain = chain.then(async () => {
      const asOf =
        (await options.store.lastFactDay()) ??
        new Date().toISOString().slice(0, 10);
      for (const provider of providers) {
        try {
          const run = await runRecommendationProvider(
            recommendations,
            provider,
            { asOf, currency: options.currency },
          );
          await onCreated?.(created(run.recommendations));
        } catch (error) {
          logger.error(
            `Recommendation provider '${provider.id}' failed: ${
              (error as Error).message
            }`,
          );
        }
      }
      try {
        const refreshed = await recommendations.refresh();
        if (refreshed.reopened || refreshed.verified || refreshed.expired)
          logger.info(
            `Recommendations refreshed: ${refreshed.reopened} reopened, ${refreshed.verified} verified, ${refreshed.expired} expired`,
          );
      } catch (error) {
        logger.error(
          `Refreshing recommendations failed: ${(error as Error).message}`,
        );
      }
    });
    return chain;
  };
  options.attribution.onRun(() => afterData());

  for (const source of config.sources) {
    await options.scheduler.scheduleTask({
      id: `finops-recommendations-${source.id}`,
      frequency: source.schedule,
      timeout: { minutes: 30 },
      initialDelay: 'cron' in source.schedule ? undefined : source.schedule,
      scope: 'global',
      fn: () => importSource(source),
    });
  }
  options.lifecycle.addStartupHook(() => {
    void (async () => {
      for (const source of config.sources) await importSource(source);
    })();
  });
}
