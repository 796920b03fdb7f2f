import { promises as fs } from 'fs';
import path from 'path';
import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  demoDataChanges,
  demoDataEnd,
  demoDataResources,
  demoMetricsStore,
  readCostFiles,
  seedDemoRecommendations,
  writeDemoData,
} from '@costwise/plugin-finops-engine';
import type {
  DemoMapping,
  DemoMetricDeps,
  IngestionService,
  RecommendationService,
  RecommendationStore,
  SourceConfig,
} from '@costwise/plugin-finops-engine';

/** The source id the demo dataset is stored under. */
export const DEMO_SOURCE_ID = 'demo';

/** The LLM providers whose own API a connector source type (by its type) reads. */
const LLM_API_SOURCE_TYPES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
};

/**
 * The LLM providers of the demo mapping whose usage and cost a configured
 * source pulls from the provider's API through an installed connector (in
 * the demo backend, from local fakes of the APIs): the demo dataset leaves
 * their rows out, so that nothing is counted twice.
 */
export function llmProvidersServedBySources(
  sources: readonly Pick<SourceConfig, 'type'>[],
  ingestion: Pick<IngestionService, 'getSourceType'>,
): string[] {
  const providers = sources
    .filter(s => ingestion.getSourceType(s.type))
    .map(s => LLM_API_SOURCE_TYPES[s.type])
    .filter((p): p is string => p !== undefined);
  return [...new Set(providers)].sort();
}

/**
 * In demo mode, generates the deterministic demo FOCUS dataset (90 days up to
 * yesterday) for the demo catalog's mapping and ingests it as source `demo`
 * once the backend has started. Ingestion is idempotent, so restarts on the
 * same day change nothing. The OpenAI and Anthropic rows are left out when a
 * configured source pulls that provider's API (`sources`): its connector
 * brings that spend.
 */
export function scheduleDemoData(options: {
  mappingFile: string;
  directory: string;
  lifecycle: LifecycleService;
  ingestion: IngestionService;
  logger: LoggerService;
  /** Business metrics for the demo catalog, derived from the attributed demo cost. */
  demoMetrics?: DemoMetricDeps & {
    /** Calls its argument after each attribution run. */
    afterAttribution(store: () => Promise<unknown>): void;
  };
  /** A recommendation history on the demo's resources, seeded after its cost is in. */
  demoRecommendations?: {
    service: RecommendationService;
    store: RecommendationStore;
  };
  /** The configured sources (`finops.sources`); default none. */
  sources?: readonly SourceConfig[];
}) {
  const { mappingFile, directory, lifecycle, ingestion, logger } = options;
  const end = demoDataEnd({});
  if (options.demoMetrics) {
    const store = demoMetricsStore(options.demoMetrics, end, logger);
    options.demoMetrics.afterAttribution(store);
  }
  lifecycle.addStartupHook(() => {
    void (async () => {
      try {
        const mapping = JSON.parse(
          await fs.readFile(mappingFile, 'utf8'),
        ) as DemoMapping;
        const omitLlmProviders = llmProvidersServedBySources(
          options.sources ?? [],
          ingestion,
        );
        // a file written with other providers' rows is another file
        const without = omitLlmProviders.map(
          p => `-without-${p.toLowerCase()}`,
        );
        const file = path.join(
          directory,
          `focus-demo-${end}${without.join('')}.csv`,
        );
        await fs.mkdir(directory, { recursive: true });
        const exists = await fs.stat(file).then(
          () => true,
          () => false,
        );
        if (!exists) {
          const result = await writeDemoData(file, {
            mapping,
            end,
            omitLlmProviders,
          });
          logger.info('Generated demo cost data', {
            file,
            rows: result.rows,
            llmApisFromSources: omitLlmProviders.join(',') || 'none',
          });
        }
        try {
          // the window moves with the days, so its first month shrinks
          const run = await ingestion.ingest(
            DEMO_SOURCE_ID,
            readCostFiles([file]),
            { allowShrink: true },
          );
          logger.info('Ingested demo cost data', {
            rows: run.rows,
            periods: run.billingPeriods.join(','),
          });
        } catch (error) {
          if ((error as Error).name !== 'ConflictError') throw error;
          // another replica is ingesting the same demo data: its cost will do
          logger.info(`Demo cost data: ${(error as Error).message}`);
        }
        if (options.demoRecommendations) {
          try {
            await seedDemoRecommendations({
              ...options.demoRecommendations,
              directory,
              end,
              changes: demoDataChanges({ mapping, end }),
              resources: demoDataResources({ mapping, end }),
              logger,
            });
            // an attribution run may have ended while they were imported
            await options.demoRecommendations.service.refresh();
          } catch (error) {
            logger.error(
              `Demo recommendations could not be loaded: ${
                (error as Error).message
              }`,
            );
          }
        }
      } catch (error) {
        const message = (error as Error).message.slice(0, 500);
        logger.error(
          `Demo cost data could not be loaded (mapping ${mappingFile}): ${message}. Check finops.demoMapping, or turn finops.demo off.`,
        );
      }
    })();
  });
}
