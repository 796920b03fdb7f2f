import type {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { ShrinkError } from '@costwise/plugin-finops-engine';
import type {
  IngestionService,
  SourceConfig,
} from '@costwise/plugin-finops-engine';

async function ingestOnce(
  source: SourceConfig,
  ingestion: IngestionService,
  logger: LoggerService,
  signal?: AbortSignal,
) {
  try {
    await ingestion.ingestSource(source, { signal });
  } catch (error) {
    if (error instanceof ShrinkError) {
      logger.error(`Ingesting source '${source.id}' refused: ${error.message}`);
    } else if (error instanceof ConflictError) {
      logger.info(`Skipped ingesting source '${source.id}': ${error.message}`);
    } else {
      logger.error(
        `Ingesting source '${source.id}' failed: ${(error as Error).message}`,
      );
    }
  }
}

/**
 * Ingests every configured source once when the backend has started, then on
 * its schedule through the Backstage scheduler with global scope (one replica
 * at a time). The per-source database lock keeps replicas that start together
 * from ingesting the same source twice.
 */
export async function scheduleSources(options: {
  sources: SourceConfig[];
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  ingestion: IngestionService;
  logger: LoggerService;
}): Promise<void> {
  const { sources, scheduler, lifecycle, ingestion, logger } = options;
  const runnable = sources.filter(source => {
    if (ingestion.getSourceType(source.type)) return true;
    logger.error(
      `finops.sources '${source.id}' has type '${
        source.type
      }', which no installed reader handles; known types: ${ingestion
        .listSourceTypes()
        .join(', ')}`,
    );
    return false;
  });
  for (const source of runnable) {
    await scheduler.scheduleTask({
      id: `finops-ingest-${source.id}`,
      frequency: source.schedule,
      timeout: { hours: 2 },
      // The start-up run below covers the first interval.
      initialDelay: 'cron' in source.schedule ? undefined : source.schedule,
      scope: 'global',
      fn: signal => ingestOnce(source, ingestion, logger, signal),
    });
  }
  lifecycle.addStartupHook(() => {
    // In the background: start-up does not wait for large files.
    void (async () => {
      for (const source of runnable)
        await ingestOnce(source, ingestion, logger);
    })();
  });
}
