import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AttributionReport } from '@costwise/plugin-finops-common';
import {
  DemoMapping,
  entityRefOf,
  previousMonthStart,
  readCatalogFiles,
  writeDemoData,
} from '@costwise/plugin-finops-engine';
import { finopsPlugin } from './plugin';

jest.setTimeout(180_000);

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const CATALOG = ['entities.yaml', 'org.yaml'].map(f => path.join(EXAMPLES, f));
const CLI = path.resolve(
  path.dirname(require.resolve('@costwise/cli/package.json')),
  'bin/costwise',
);

/** Runs the `costwise` command as a user would, and parses its `--json` output. */
function costwise(args: string[]): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve(JSON.parse(out))
        : reject(new Error(`costwise ${args[0]} exited ${code}: ${err}`)),
    );
  });
}

/**
 * The demo data and catalog, attributed twice: by `costwise attribute
 * --json` on a database the CLI ingested, and by the backend plugin that
 * ingested the same file. Every total must be the same to the last digit.
 */
describe('costwise attribute and the backend agree', () => {
  let dir: string;
  let get: (url: string) => request.Test;
  let backendRun: { totals: unknown };
  let cliRun: { totals: unknown };
  const end = '2026-11-30';

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-agreement-'));
    const file = path.join(dir, 'demo.csv');
    const mapping = JSON.parse(
      await fs.readFile(path.join(EXAMPLES, 'demo-mapping.json'), 'utf8'),
    ) as DemoMapping;
    await writeDemoData(file, { mapping, end });
    const { server } = await startTestBackend({
      features: [
        finopsPlugin,
        catalogServiceMock.factory({
          entities: await readCatalogFiles(CATALOG),
        }),
        mockServices.permissions.factory({ result: 'ALLOW' }),
        mockServices.rootConfig.factory({
          data: {
            finops: {
              sources: [{ id: 'demo', type: 'focus', location: file }],
              // the file was written a moment ago
              ingestion: { settleSeconds: 0 },
            },
          },
        }),
      ],
    });
    get = url =>
      request(server)
        .get(`/api/finops${url}`)
        .set('Authorization', mockCredentials.user.header());
    const ingested = await request(server)
      .post('/api/finops/sources/demo/ingest')
      .set('Authorization', mockCredentials.user.header());
    if (ingested.body.status !== 'succeeded')
      throw new Error(
        `the backend did not ingest: ${JSON.stringify(ingested.body)}`,
      );
    cliRun = await costwise([
      'ingest',
      file,
      '--db',
      path.join(dir, 'cli.sqlite'),
      '--source',
      'demo',
    ]);
    backendRun = ingested.body;
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const attribute = (extra: string[] = []): Promise<AttributionReport> =>
    costwise([
      'attribute',
      ...CATALOG.flatMap(c => ['--catalog', c]),
      '--db',
      path.join(dir, 'cli.sqlite'),
      ...extra,
    ]);

  it('ingests the same exact totals', () => {
    expect(cliRun.totals).toEqual(backendRun.totals);
  });

  it("gives every currency's total and unattributed cost of /coverage", async () => {
    const coverage = (await get('/coverage')).body;
    const currencies = Object.keys(coverage.currencies);
    expect(currencies.length).toBeGreaterThan(1);
    for (const currency of currencies) {
      const report = await attribute(['--currency', currency]);
      expect([report.total, report.unattributed]).toEqual([
        coverage.currencies[currency].total,
        coverage.currencies[currency].unattributed,
      ]);
    }
  });

  it("gives every entity's total of its Costs tab, and last month's of its card", async () => {
    const entities = await readCatalogFiles(CATALOG);
    const lastMonth = previousMonthStart(end).slice(0, 7);
    const reports = new Map<string, AttributionReport>();
    const reportOf = async (currency: string, period?: string) => {
      const key = `${currency}|${period ?? ''}`;
      if (!reports.has(key))
        reports.set(
          key,
          await attribute([
            '--currency',
            currency,
            ...(period ? ['--period', period] : []),
          ]),
        );
      return reports.get(key)!;
    };
    let compared = 0;
    for (const entity of entities) {
      const ref = entityRefOf(entity);
      const [kind, rest] = ref.split(':');
      const url = `/entities/${kind}/${rest}`;
      const costs = (
        await get(`${url}/costs?from=2000-01-01&to=${end}&groupBy=child`)
      ).body;
      if (costs.total === undefined) continue; // kinds without a cost view
      const total = (await reportOf(costs.currency)).entities.find(
        e => e.entity === ref,
      );
      expect([ref, costs.total]).toEqual([ref, total?.total ?? '0']);
      const summary = (await get(`${url}/summary`)).body;
      const month = (await reportOf(summary.currency, lastMonth)).entities.find(
        e => e.entity === ref,
      );
      expect([ref, summary.lastMonth]).toEqual([ref, month?.total ?? '0']);
      if (costs.total !== '0') compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });
});
