import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import {
  addDays,
  AnomalyService,
  AnomalyStore,
  AttributionRunner,
  AttributionStore,
  DatabaseCostStore,
  DEFAULT_ANOMALY_CONFIG,
  IngestionService,
  readCatalogFiles,
  readCostFiles,
  storedAnomalyData,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { registerAnomaliesCommand } from './anomalies';
import { runCommand } from '../__testUtils__/runCommand';

jest.setTimeout(120_000);

const CATALOG = `
kind: Group
metadata: { name: web-team }
spec: { type: team, children: [] }
---
kind: System
metadata: { name: shop }
spec: { owner: web-team }
---
kind: Component
metadata:
  name: shop-web
  annotations: { costwise.dev/tags: 'application=web' }
spec: { type: website, owner: web-team, system: shop }
---
kind: Component
metadata:
  name: batch
  annotations: { costwise.dev/tags: 'application=batch' }
spec: { type: service, owner: web-team, system: shop }
`;

const HEADER =
  'BillingAccountId,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,ConsumedQuantity,ConsumedUnit,Tags';

/**
 * 70 days from Monday 2025-01-06: shop-web's instance (400 a day, ±1%)
 * and function (40 a day), whose requests rise tenfold on Thursday
 * 2025-03-06; batch's runs (600 on Saturdays, 50 on other days).
 */
function costs(): string {
  const lines = [HEADER];
  const start = '2025-01-06';
  for (let i = 0; i < 70; i++) {
    const day = addDays(start, i);
    const next = addDays(day, 1);
    const wobble = 1 + (((i * 37) % 11) - 5) / 500;
    const tag = (app: string) => `"{""application"": ""${app}""}"`;
    const instance = (400 * wobble).toFixed(4);
    lines.push(
      `1,USD,${day},${next},${instance},${instance},AWS,Amazon EC2,i-web,,,${tag(
        'web',
      )}`,
    );
    const requests = Math.round(
      2_000_000 * wobble * (day === '2025-03-06' ? 10 : 1),
    );
    const fn = (requests * 0.00002).toFixed(6);
    lines.push(
      `1,USD,${day},${next},${fn},${fn},AWS,AWS Lambda,fn-web,${requests},Requests,${tag(
        'web',
      )}`,
    );
    const batch = ((i % 7 === 5 ? 600 : 50) * wobble).toFixed(4);
    lines.push(
      `1,USD,${day},${next},${batch},${batch},AWS,AWS Batch,batch-q,,,${tag(
        'batch',
      )}`,
    );
  }
  return lines.join('\n');
}

const run = (args: string[]) =>
  runCommand(registerAnomaliesCommand, ['anomalies', ...args]);

describe('costwise anomalies', () => {
  let dir: string;
  let db: string;
  let catalog: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-cli-anomalies-'));
    db = path.join(dir, 'costs.sqlite');
    catalog = path.join(dir, 'catalog-info.yaml');
    await fs.writeFile(catalog, CATALOG);
    await fs.writeFile(path.join(dir, 'costs.csv'), costs());
    const knex = await openDatabase(db);
    const ingested = await new IngestionService(new DatabaseCostStore(knex), {
      info() {},
      warn() {},
      error() {},
    }).ingest('cli', readCostFiles([path.join(dir, 'costs.csv')]));
    if (ingested.rejected > 0)
      throw new Error(`the fixture has rejected rows: ${ingested.rejected}`);
    await knex.destroy();
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const detect = (...more: string[]) =>
    run(['--db', db, '--catalog', catalog, '--json', ...more]);

  it('prints the contract: the spike, on its service, explained; not the Saturday runs', async () => {
    const { out, exited } = await detect();
    expect(exited).toBeUndefined();
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0]);
    expect(report).toEqual(
      expect.objectContaining({
        from: '2025-02-15',
        to: '2025-03-16',
        measure: 'EffectiveCost',
      }),
    );
    expect(report.anomalies).toHaveLength(1);
    const [spike] = report.anomalies;
    expect(spike).toEqual(
      expect.objectContaining({
        entity: 'component:default/shop-web',
        resourceId: null,
        day: '2025-03-06',
        parents: ['group:default/web-team', 'system:default/shop'],
      }),
    );
    for (const key of ['expected', 'actual', 'impact'])
      expect(spike[key]).toMatch(/^-?\d+(\.\d+)?$/);
    // the function's 40 a day, ten times over
    expect(Number(spike.impact)).toBeGreaterThan(340);
    expect(Number(spike.impact)).toBeLessThan(380);
    expect(spike.rootCauses[0]).toEqual(
      expect.objectContaining({
        dimension: 'resource',
        value: 'fn-web',
        contribution: expect.stringMatching(/^\d+\.\d\d$/),
      }),
    );
    expect(spike.explanation).toMatch(
      /^shop-web cost .* on Thursday 2025-03-06/,
    );
  });

  it('judges the days asked for, and prints a table without --json', async () => {
    const before = JSON.parse(
      (await detect('--from', '2025-02-01', '--to', '2025-03-05')).out[0],
    );
    expect(before.anomalies).toEqual([]);
    const table = await run(['--db', db, '--catalog', catalog]);
    const text = table.out.join('');
    expect(text).toMatch(
      /Anomalies in EffectiveCost from 2025-02-15 to 2025-03-16/,
    );
    expect(text).toMatch(
      /2025-03-06 +1 +component:default\/shop-web .* resource fn-web/,
    );
  });

  it('finds what the backend finds on the same data', async () => {
    const knex = await openDatabase(db);
    try {
      const attributionStore = new AttributionStore(knex);
      const entities = await readCatalogFiles([catalog]);
      await new AttributionRunner(attributionStore, async () => entities, {
        config: {
          measure: 'EffectiveCost',
          tagKeyAliases: {},
          inferenceTagKeys: [],
          inferenceMinConfidence: 0.85,
        },
      }).run('test');
      const store = new AnomalyStore(knex);
      const backend = await new AnomalyService({
        store,
        data: storedAnomalyData(store, attributionStore),
        config: DEFAULT_ANOMALY_CONFIG,
        measure: 'EffectiveCost',
      }).detect();
      const cli = JSON.parse((await detect()).out[0]);
      expect(
        cli.anomalies.map((a: any) => [
          a.id,
          a.entity,
          a.day,
          a.expected,
          a.actual,
          a.impact,
          a.rootCauses,
        ]),
      ).toEqual(
        backend.created.map(a => [
          a.id,
          a.entityRef,
          a.day,
          a.expected,
          a.actual,
          a.impact,
          a.rootCauses,
        ]),
      );
    } finally {
      await knex.destroy();
    }
  });

  it('exits 2 with a message for what it cannot use', async () => {
    const missing = await run([
      '--db',
      path.join(dir, 'nope.sqlite'),
      '--catalog',
      catalog,
      '--json',
    ]);
    expect(missing.exited).toBe('exit 2');
    expect(JSON.parse(missing.out[0]).error).toMatch(/no database file/);
    const reversed = await detect('--from', '2025-03-10', '--to', '2025-03-01');
    expect(reversed.exited).toBe('exit 2');
    expect(reversed.err).toMatch(/--from 2025-03-10 is after --to 2025-03-01/);
    const badDay = await detect('--from', '2025-02-30');
    expect(badDay.exited).toMatch(/exit|YYYY-MM-DD/);
    const badMeasure = await detect('--measure', 'Cheapest');
    expect(badMeasure.exited).toBeDefined();
  });
});
