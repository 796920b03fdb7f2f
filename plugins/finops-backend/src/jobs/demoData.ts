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
} from '@costwise/plugin-finops-engine';

/** The source id the demo dataset is stored under. */
export const DEMO_SOURCE_ID = 'demo';

/**
 * In demo mode, generates the deterministic demo FOCUS dataset (90 days up to
 * yesterday) for the demo catalog's mapping and ingests it as source `demo`
 * once the backend has started. Ingestion is idempotent, so restarts on the
 * same day change nothing.
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
        const file = path.join(directory, `focus-demo-${end}.csv`);
        await fs.mkdir(directory, { recursive: true });
        const exists = await fs.stat(file).then(
          () => true,
          () => false,
        );
        if (!exists) {
          const result = await writeDemoData(file, { mapping, end });
          logger.info('Generated demo cost data', { file, rows: result.rows });
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
