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
}) {
  const { mappingFile, directory, lifecycle, ingestion, logger } = options;
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
        const run = await ingestion.ingest(
          DEMO_SOURCE_ID,
          readCostFiles([file]),
        );
        logger.info('Ingested demo cost data', {
          rows: run.rows,
          periods: run.billingPeriods.join(','),
        });
      } catch (error) {
        const message = (error as Error).message.slice(0, 500);
        logger.error(
          `Demo cost data could not be loaded (mapping ${mappingFile}): ${message}. Check finops.demoMapping, or turn finops.demo off.`,
        );
      }
    })();
  });
}
