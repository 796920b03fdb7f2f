import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { AttributionRunner } from '@costwise/plugin-finops-engine';

/**
 * Recomputes attribution when the catalog changed (annotations, owners,
 * relations), checked every minute on one replica at a time, and once
 * at start-up. Ingestions trigger their own recomputation.
 */
export async function scheduleAttribution(options: {
  scheduler: SchedulerService;
  attribution: AttributionRunner;
  logger: LoggerService;
}) {
  const { scheduler, attribution, logger } = options;
  await scheduler.scheduleTask({
    id: 'finops-attribution-catalog-check',
    frequency: { minutes: 1 },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 20 },
    scope: 'global',
    fn: async () => {
      try {
        await attribution.runIfCatalogChanged();
      } catch (error) {
        logger.error(`Attribution failed: ${(error as Error).message}`);
      }
    },
  });
}
