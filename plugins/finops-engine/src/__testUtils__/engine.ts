import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { AttributionSignal } from '@costwise/plugin-finops-node';
import { AttributionRunner, readCatalogFiles } from '../attribution';
import { readFinopsConfig } from '../config';
import { DemoMapping, demoMetricsStore, writeDemoData } from '../demo';
import { IngestionService, readCostFiles } from '../ingestion';
import { MetricService } from '../metrics';
import {
  addDays,
  Clock,
  FixedClock,
  silentLogger,
  systemClock,
} from '../model';
import {
  BenchmarkService,
  CostViewer,
  CostViewService,
  CoverageService,
  UnitCostService,
} from '../queries';
import {
  AiUsageStore,
  applyMigrations,
  AttributionStore,
  DatabaseCostStore,
  MetricStore,
} from '../stores';
import { createTestDatabases } from './databases';

const databases = createTestDatabases();

/** The database ids the store tests run on (SQLite, and PostgreSQL when found). */
export function engineDatabaseIds() {
  return databases.eachSupportedId();
}

/**
 * A viewer who may read every ref but those given: what a permission
 * policy that denies `finops.cost.read` on them makes of a caller.
 */
export function viewerDenied(...refs: string[]): CostViewer {
  return {
    readable: async all => new Set(all.filter(r => !refs.includes(r))),
  };
}

/**
 * The engine as the backend wires it, on a real database: the cost file
 * ingested, attribution run once (awaited), and the query services. No
 * HTTP, no Backstage services, nothing to wait for.
 */
export async function startEngine(options: {
  /** The cost file's text, or `files` to read. */
  csv?: string;
  files?: string[];
  entities: Entity[];
  /** The `finops:` block of app-config. */
  finops?: JsonObject;
  signals?: AttributionSignal[];
  clock?: Clock;
  databaseId?: ReturnType<typeof engineDatabaseIds>[number][0];
}) {
  const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
  await applyMigrations(knex);
  const config = readFinopsConfig(
    new ConfigReader({ finops: options.finops ?? {} }),
  );
  const clock = options.clock ?? systemClock;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-engine-'));
  const files = options.files ?? [path.join(dir, 'costs.csv')];
  if (!options.files) await fs.writeFile(files[0], options.csv ?? '');

  const store = new DatabaseCostStore(knex, { clock });
  const ingestion = new IngestionService(store, silentLogger, [], { clock });
  const run = await ingestion.ingest('fixture', readCostFiles(files));
  await fs.rm(dir, { recursive: true, force: true });

  const attributionStore = new AttributionStore(knex);
  const attribution = new AttributionRunner(
    attributionStore,
    async () => options.entities,
    {
      config,
      signals: options.signals,
      clock,
    },
  );
  const attributed = await attribution.run('test');
  const views = new CostViewService(
    attributionStore,
    { measure: config.measure, currency: config.currency },
    { clock, quantities: new AiUsageStore(knex) },
  );
  const metricStore = new MetricStore(knex);
  const known = new Set(
    options.entities.map(e =>
      `${e.kind}:${e.metadata.namespace ?? 'default'}/${
        e.metadata.name
      }`.toLowerCase(),
    ),
  );
  const metrics = new MetricService(metricStore, {
    lookup: async refs => new Set(refs.filter(r => known.has(r))),
    deploymentsSource: config.metrics.deploymentsSource,
    clock,
  });
  const unitCosts = new UnitCostService(views, metricStore);
  const benchmarks = new BenchmarkService({
    views,
    unitCosts,
    catalog: async () => options.entities,
    options: config.benchmarks,
  });
  const entity = (ref: string): Entity => {
    const found = options.entities.find(
      e =>
        `${e.kind}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`.toLowerCase() === ref,
    );
    if (!found) throw new Error(`no entity ${ref} in the test catalog`);
    return found;
  };
  return {
    knex,
    run,
    attributed,
    store,
    ingestion,
    attributionStore,
    attribution,
    views,
    metricStore,
    metrics,
    unitCosts,
    benchmarks,
    coverage: new CoverageService(attributionStore),
    entity,
  };
}

/** The demo organization's catalog and cost mapping, as `npm start` uses them. */
export const EXAMPLES = path.resolve(__dirname, '../../../../examples');

/**
 * The demo as `npm start` runs it, on a real database: the demo cost of 90
 * days up to `end` generated for the demo mapping, ingested and attributed
 * to the demo catalog, and the demo metrics derived from it.
 */
export async function startDemoEngine(
  options: {
    end?: string;
    databaseId?: ReturnType<typeof engineDatabaseIds>[number][0];
  } = {},
) {
  const end = options.end ?? '2026-11-30';
  const entities = await readCatalogFiles([
    path.join(EXAMPLES, 'entities.yaml'),
    path.join(EXAMPLES, 'org.yaml'),
  ]);
  const mapping = JSON.parse(
    await fs.readFile(path.join(EXAMPLES, 'demo-mapping.json'), 'utf8'),
  ) as DemoMapping;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-demo-'));
  const file = path.join(dir, `focus-demo-${end}.csv`);
  await writeDemoData(file, { mapping, end });
  const engine = await startEngine({
    files: [file],
    entities,
    databaseId: options.databaseId,
    clock: new FixedClock(`${addDays(end, 1)}T06:00:00Z`),
  });
  await fs.rm(dir, { recursive: true, force: true });
  const stored = await demoMetricsStore(
    {
      views: engine.views,
      metrics: engine.metrics,
      catalogEntities: async () => entities,
    },
    end,
    silentLogger,
  )();
  return { ...engine, entities, end, metricsStored: stored, file };
}
