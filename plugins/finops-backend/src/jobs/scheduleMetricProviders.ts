import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { MetricProvider } from '@costwise/plugin-finops-node';
import { addDays, systemClock, todayOf } from '@costwise/plugin-finops-engine';
import type {
  Clock,
  MetricService,
  SourceConfig,
} from '@costwise/plugin-finops-engine';

/** Runs one provider over the last `lookbackDays` full days and stores what it returns. */
export async function runMetricProvider(options: {
  provider: MetricProvider;
  entities: () => Promise<Entity[]>;
  metrics: MetricService;
  logger: LoggerService;
  lookbackDays: number;
  signal?: AbortSignal;
  clock?: Clock;
}) {
  const { provider, metrics, logger, lookbackDays, signal } = options;
  const to = addDays(todayOf(options.clock ?? systemClock), -1);
  const from = addDays(to, -(lookbackDays - 1));
  const points = await provider.fetch({
    entities: await options.entities(),
    from,
    to,
    signal,
  });
  const result = await metrics.record(points, provider.id);
  for (const r of result.rejected.slice(0, 20))
    logger.warn(`Metric provider '${provider.id}' point rejected: ${r.reason}`);
  logger.info('Stored metrics from provider', {
    provider: provider.id,
    from,
    to,
    received: result.received,
    stored: result.stored,
    rejected: result.rejected.length,
  });
  return result;
}

/**
 * Runs every metric provider a module added on the metric schedule, once
 * across replicas (global scope). Without providers nothing is scheduled.
 */
export async function scheduleMetricProviders(options: {
  providers: MetricProvider[];
  scheduler: SchedulerService;
  catalogEntities: () => Promise<Entity[]>;
  metrics: MetricService;
  logger: LoggerService;
  schedule: SourceConfig['schedule'];
  lookbackDays: number;
}) {
  const { providers, scheduler, metrics, logger, schedule, lookbackDays } =
    options;
  const ids = new Set<string>();
  for (const provider of providers) {
    if (ids.has(provider.id)) {
      logger.error(
        `Two metric providers have the id '${provider.id}'; only the first runs`,
      );
      continue;
    }
    ids.add(provider.id);
    await scheduler.scheduleTask({
      id: `finops-metrics-${provider.id}`,
      frequency: schedule,
      timeout: { hours: 1 },
      initialDelay: { seconds: 30 },
      scope: 'global',
      fn: async signal => {
        try {
          await runMetricProvider({
            provider,
            entities: options.catalogEntities,
            metrics,
            logger,
            lookbackDays,
            signal,
          });
        } catch (error) {
          logger.error(
            `Metric provider '${provider.id}' failed: ${
              (error as Error).message
            }`,
          );
        }
      },
    });
  }
}
