import type { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { SourceConfig } from '../config';
import type { IngestionService } from '../ingestion';

/**
 * Schedules every configured source through the Backstage scheduler with
 * global scope (one replica at a time), and runs each once at start-up.
 */
export async function scheduleSources(options: {
  sources: SourceConfig[];
  scheduler: SchedulerService;
  ingestion: IngestionService;
  logger: LoggerService;
}): Promise<void> {
  const { sources, scheduler, ingestion, logger } = options;
  for (const source of sources) {
    if (!ingestion.getSourceType(source.type)) {
      logger.error(
        `finops.sources '${source.id}' has type '${source.type}', which no installed reader handles; known types: ${ingestion.listSourceTypes().join(', ')}`,
      );
      continue;
    }
    await scheduler.scheduleTask({
      id: `finops-ingest-${source.id}`,
      frequency: source.schedule,
      timeout: { hours: 2 },
      initialDelay: { seconds: 5 },
      scope: 'global',
      fn: async abortSignal => {
        try {
          await ingestion.ingestSource(source, { signal: abortSignal });
        } catch (error) {
          logger.error(`Ingesting source '${source.id}' failed: ${(error as Error).message}`);
        }
      },
    });
  }
}
