import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import { createTestDatabases } from '../../__testUtils__/databases';
import { IngestionService, readCostFiles } from '../../ingestion';
import { silentLogger } from '../../model';
import {
  applyMigrations,
  AttributionStore,
  DatabaseCostStore,
} from '../../stores';
import { AttributionRunner } from './AttributionRunner';
import { attributeStoredFacts } from './compute';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

const component = (name: string, tags: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'costwise.dev/tags': tags },
  },
  spec: { type: 'service', owner: 'group:default/team' },
});
const catalog = [component('a', 'app=a'), component('b', 'app=b')];
const config = {
  measure: 'EffectiveCost' as const,
  tagKeyAliases: {},
  inferenceTagKeys: [],
  inferenceMinConfidence: 0.85,
};

function csv(app: string, days: number, cost: string) {
  const lines = [
    'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  ];
  for (let d = 1; d <= days; d++) {
    const day = `2025-03-${String(d).padStart(2, '0')}`;
    lines.push(
      `1,USD,2025-03-01,${day},${day}T23:59:59Z,${cost},${cost},AWS,EC2,i-${app}-${
        d % 7
      },"{""app"": ""${app}""}"`,
    );
  }
  return lines.join('\n');
}

/** One backend replica's ingestion and attribution on a shared database. */
function replica(knex: Knex) {
  const store = new DatabaseCostStore(knex);
  const attributionStore = new AttributionStore(knex);
  const ingestion = new IngestionService(store, silentLogger);
  const attribution = new AttributionRunner(
    attributionStore,
    async () => catalog,
    { config, locks: store, lockWaitMs: 60_000 },
  );
  ingestion.onIngested(run =>
    attribution.run(`ingestion of ${run.sourceId}`).then(() => undefined),
  );
  return { ingestion, attribution, attributionStore };
}

// PostgreSQL only (npm test says when it runs without one): SQLite has no
// second process to share a database with here
const onPostgres =
  postgres.length > 0
    ? describe.each(postgres)
    : describe.skip.each([['POSTGRES_16' as const]]);

onPostgres('two replicas on one %p', databaseId => {
  it('ingest and attribute at once without counting anything twice or losing anything', async () => {
    const knex1 = await databases.init(databaseId);
    await applyMigrations(knex1);
    const knex2 = knexFactory(knex1.client.config);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-replicas-'));
    try {
      await fs.writeFile(path.join(dir, 'a.csv'), csv('a', 31, '1.25'));
      await fs.writeFile(path.join(dir, 'b.csv'), csv('b', 31, '2.5'));
      const one = replica(knex1);
      const two = replica(knex2);
      await Promise.all([
        one.ingestion.ingest('a', readCostFiles([path.join(dir, 'a.csv')])),
        two.ingestion.ingest('b', readCostFiles([path.join(dir, 'b.csv')])),
        one.attribution.run('catalog changed'),
        two.attribution.run('catalog changed'),
        two.attribution.run('requested through the API'),
      ]);
      // one more run on each: the last word must be a single run's
      await Promise.all([
        one.attribution.run('again'),
        two.attribution.run('again'),
      ]);

      const stored = await one.attributionStore.allocations({
        entityRefs: ['component:default/a', 'component:default/b'],
      });
      const sumOf = (ref: string) =>
        Decimal.sum(
          stored
            .filter(a => a.entityRef === ref)
            .map(a => Decimal.parse(a.effectiveCost)),
        ).toString();
      expect(sumOf('component:default/a')).toBe('38.75');
      expect(sumOf('component:default/b')).toBe('77.5');
      // exactly what one run over the stored facts gives, row for row
      const single = await attributeStoredFacts(one.attributionStore, {
        entities: catalog,
        config,
      });
      const key = (a: (typeof stored)[number]) =>
        `${a.day}|${a.groupId}|${a.entityRef}|${a.method}|${Decimal.parse(
          a.effectiveCost,
        )}`;
      expect(stored.map(key).sort()).toEqual(
        single.allocations.map(key).sort(),
      );
      const runs = await knex1('finops_attribution_runs').select(
        'status',
        'error',
      );
      expect(runs.filter(r => r.status === 'running')).toEqual([]);
    } finally {
      await knex2.destroy();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a run that started earlier', () => {
  it('does not store its results over those of a run that started later', async () => {
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    const store = new AttributionStore(knex);
    const results = { allocations: [], evidence: [], members: new Map() };
    await store.createRun({
      id: 'newer',
      trigger: 't',
      status: 'succeeded',
      startedAt: '2025-03-02T00:00:00.000Z',
      report: {},
    });
    await expect(
      store.replaceResults(results, {
        id: 'older',
        startedAt: '2025-03-01T00:00:00.000Z',
      }),
    ).rejects.toThrow(
      'run older (started 2025-03-01T00:00:00.000Z) was superseded by run newer',
    );
    await expect(
      store.replaceResults(results, {
        id: 'newest',
        startedAt: '2025-03-03T00:00:00.000Z',
      }),
    ).resolves.toBeUndefined();
  });
});
