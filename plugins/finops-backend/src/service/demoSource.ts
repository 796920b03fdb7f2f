import { promises as fs } from 'fs';
import path from 'path';
import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { demoDataEnd, writeDemoData } from '../demo';
import type { DemoMapping } from '../demo';
import type { IngestionService } from '../ingestion';
import { readCostFiles } from '../ingestion/reader';
import type { Entity } from '@backstage/catalog-model';
import { generateDemoMetrics } from '../demo/metrics';
import type { MetricService } from '../metrics/MetricService';
import type { CostViewService } from './views/CostViewService';
import { addDays } from './views/dates';

/** What storing the demo metrics needs. */
export interface DemoMetricDeps {
  views: CostViewService;
  metrics: MetricService;
  catalogEntities: () => Promise<Entity[]>;
  /** Between looks at whether attribution has seen the catalog. */
  pollMs?: number;
  /** Looks before giving up (default 60: 5 minutes to the first store, more after). */
  maxPolls?: number;
}

/**
 * Generates and stores the demo metrics from the components' attributed
 * cost. At start-up the catalog may still be loading when the demo cost is
 * first attributed, so this stores once the number of components with cost
 * is the same on two looks in a row, and again (values are upserted) if
 * more components get cost while the catalog keeps loading.
 */
export async function storeDemoMetrics(
  deps: DemoMetricDeps,
  end: string,
  logger: LoggerService,
  signal?: AbortSignal,
): Promise<number> {
  const from = addDays(end, -119);
  let previous = -1;
  let stored = -1;
  let total = 0;
  for (let poll = 0; poll < (deps.maxPolls ?? 60); poll++) {
    if (signal?.aborted) break;
    const components = (await deps.catalogEntities()).filter(
      e => e.kind.toLowerCase() === 'component',
    );
    const costs = new Map<string, Map<string, number>>();
    for (const entity of components) {
      const cost = await deps.views.dailyCost(entity, { from, to: end });
      if (cost.byDay.size > 0)
        costs.set(
          cost.ref,
          new Map([...cost.byDay].map(([d, v]) => [d, v.toNumber()])),
        );
    }
    if (costs.size > 0 && costs.size === previous && costs.size !== stored) {
      const points = generateDemoMetrics({ entities: components, costs });
      const result = await deps.metrics.record(points, 'demo');
      logger.info('Stored demo metrics', {
        components: costs.size,
        stored: result.stored,
        rejected: result.rejected.length,
      });
      stored = costs.size;
      total = result.stored;
    }
    previous = costs.size;
    // look often until the first store, then now and then for late entities
    const wait = (deps.pollMs ?? 5_000) * (stored > 0 ? 6 : 1);
    await new Promise(r =>
      // unref: a shutting-down backend does not wait for the next look
      setTimeout(r, wait).unref(),
    );
  }
  if (stored < 0)
    logger.warn('Demo metrics not stored: no component has attributed cost');
  return total;
}

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
  demoMetrics?: DemoMetricDeps;
}) {
  const { mappingFile, directory, lifecycle, ingestion, logger } = options;
  const stopping = new AbortController();
  lifecycle.addShutdownHook(() => stopping.abort());
  lifecycle.addStartupHook(() => {
    void (async () => {
      try {
        const mapping = JSON.parse(
          await fs.readFile(mappingFile, 'utf8'),
        ) as DemoMapping;
        const end = demoDataEnd({});
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
          const run = await ingestion.ingest(
            DEMO_SOURCE_ID,
            readCostFiles([file]),
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
        if (options.demoMetrics)
          await storeDemoMetrics(
            options.demoMetrics,
            end,
            logger,
            stopping.signal,
          );
      } catch (error) {
        const message = (error as Error).message.slice(0, 500);
        logger.error(
          `Demo cost data could not be loaded (mapping ${mappingFile}): ${message}. Check finops.demoMapping, or turn finops.demo off.`,
        );
      }
    })();
  });
}
