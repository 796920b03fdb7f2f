import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  DatabaseCostStore,
  IngestionService,
  readCostFiles,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { registerReportCommands } from './report';
import { runCommand } from '../__testUtils__/runCommand';

jest.setTimeout(60_000);

const CATALOG = `
kind: Group
metadata: { name: platform }
spec: { type: department, children: [web-team] }
---
kind: Group
metadata: { name: web-team }
spec: { type: team, parent: platform, children: [] }
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
  name: build-runner
  annotations: { costwise.dev/tags: 'application=build' }
spec: { type: service, owner: platform }
`;

const HEADER =
  'BillingAccountId,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,ChargeCategory,Tags,SubAccountId,SubAccountName,ResourceType,CommitmentDiscountId';
const COSTS = [
  HEADER,
  '1,USD,2025-03-01,2025-03-02,10.25,10.25,AWS,Amazon EC2,i-web,Usage,"{""application"": ""web""}",111122223333,shop-prod,Instance,arn:aws:ec2:eu-west-1:1:reserved-instances/ri-1',
  '1,USD,2025-03-02,2025-03-03,-1.125,-1.125,AWS,Amazon EC2,i-web,Credit,"{""application"": ""web""}",,,,',
  '1,USD,2025-03-02,2025-03-03,4.000000000001,4.000000000001,AWS,AWS CodeBuild,cb-1,Usage,"{""application"": ""build""}",,,,',
  '1,USD,2025-03-03,2025-03-04,0.8,0.8,AWS,Tax,,Tax,{},,,,',
  '2,EUR,2025-03-03,2025-03-04,7.7,7.7,Microsoft,Virtual Machines,vm-web,Usage,"{""application"": ""web""}",,,,',
  '2,EUR,2025-03-03,2025-03-04,1.1,1.1,Microsoft,Tax,,Tax,{},,,,',
  '1,USD,2025-04-01,2025-04-02,99,99,AWS,Amazon EC2,i-web,Usage,"{""application"": ""web""}",,,,',
].join('\n');

/** Runs `costwise report ...`. */
const run = (args: string[]) =>
  runCommand(registerReportCommands, ['report', ...args]);

describe('costwise report', () => {
  let dir: string;
  let db: string;
  let catalog: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-cli-report-'));
    db = path.join(dir, 'costs.sqlite');
    catalog = path.join(dir, 'catalog-info.yaml');
    await fs.writeFile(catalog, CATALOG);
    await fs.writeFile(path.join(dir, 'costs.csv'), COSTS);
    await fs.writeFile(
      path.join(dir, 'app-config.yaml'),
      'finops:\n  measure: BilledCost\n',
    );
    const knex = await openDatabase(db);
    const service = new IngestionService(new DatabaseCostStore(knex), {
      info() {},
      warn() {},
      error() {},
    });
    const ingested = await service.ingest(
      'cli',
      readCostFiles([path.join(dir, 'costs.csv')]),
    );
    if (ingested.rejected > 0)
      throw new Error(`the fixture has rejected rows: ${ingested.rejected}`);
    await knex.destroy();
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const showback = (...more: string[]) =>
    run([
      'showback',
      '--month',
      '2025-03',
      '--db',
      db,
      '--catalog',
      catalog,
      ...more,
    ]);

  it('prints exactly the contract with --format json, reconciling to the last digit', async () => {
    const { out, exited } = await showback('--format', 'json');
    expect(exited).toBeUndefined();
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0]);
    expect(Object.keys(report)).toEqual([
      'month',
      'measure',
      'teams',
      'unattributed',
      'ingested',
    ]);
    for (const team of report.teams) {
      expect(Object.keys(team)).toEqual(['team', 'currency', 'total', 'lines']);
      for (const line of team.lines)
        expect(Object.keys(line)).toEqual([
          'entity',
          'service',
          'method',
          'amount',
        ]);
    }
    expect(report).toEqual({
      month: '2025-03',
      measure: 'EffectiveCost',
      teams: [
        {
          team: 'group:default/platform',
          currency: 'USD',
          total: '4.000000000001',
          lines: [
            {
              entity: 'component:default/build-runner',
              service: 'AWS CodeBuild',
              method: 'tags',
              amount: '4.000000000001',
            },
          ],
        },
        {
          team: 'group:default/web-team',
          currency: 'EUR',
          total: '7.7',
          lines: [
            {
              entity: 'component:default/shop-web',
              service: 'Virtual Machines',
              method: 'tags',
              amount: '7.7',
            },
          ],
        },
        {
          team: 'group:default/web-team',
          currency: 'USD',
          total: '9.125',
          lines: [
            {
              entity: 'component:default/shop-web',
              service: 'Amazon EC2',
              method: 'tags',
              amount: '9.125',
            },
          ],
        },
      ],
      unattributed: { EUR: '1.1', USD: '0.8' },
      ingested: { EUR: '8.8', USD: '13.925000000001' },
    });
    for (const [currency, ingested] of Object.entries<string>(
      report.ingested,
    )) {
      const teams = report.teams
        .filter((t: any) => t.currency === currency)
        .map((t: any) => Decimal.parse(t.total));
      expect(
        Decimal.sum(teams)
          .add(Decimal.parse(report.unattributed[currency]))
          .toString(),
      ).toBe(ingested);
    }
  });

  it('takes the measure from --config, and --measure over it', async () => {
    const config = path.join(dir, 'app-config.yaml');
    const fromConfig = await showback('--format', 'json', '--config', config);
    expect(JSON.parse(fromConfig.out[0]).measure).toBe('BilledCost');
    const asked = await showback(
      '--format',
      'json',
      '--config',
      config,
      '--measure',
      'ListCost',
    );
    expect(JSON.parse(asked.out[0]).measure).toBe('ListCost');
  });

  it('prints the statements as CSV, and as text with the reconciliation', async () => {
    const csv = (await showback('--format', 'csv')).out.join('');
    expect(csv.split('\r\n')).toEqual([
      'team,system,entity,service,method,currency,amount',
      'group:default/platform,(no system),component:default/build-runner,AWS CodeBuild,tags,USD,4.000000000001',
      'group:default/web-team,system:default/shop,component:default/shop-web,Virtual Machines,tags,EUR,7.7',
      'group:default/web-team,system:default/shop,component:default/shop-web,Amazon EC2,tags,USD,9.125',
      '(unattributed),,,Tax,,EUR,1.1',
      '(unattributed),,,Tax,,USD,0.8',
      '',
    ]);
    const text = (await showback()).out.join('');
    expect(text).toContain('Showback 2025-03 in EffectiveCost');
    expect(text).toMatch(/USD\s+13\.13\s+0\.80\s+13\.93/);
    expect(text).toContain(
      'The statements plus the unattributed rest equal the ingested total exactly, in every currency.',
    );
  });

  it('writes the FOCUS-shaped allocated export, whose amounts add up to the ingested total', async () => {
    const file = path.join(dir, 'focus.csv');
    const { exited, err } = await run([
      'focus',
      '--month',
      '2025-03',
      '--db',
      db,
      '--catalog',
      catalog,
      '--out',
      file,
    ]);
    expect(exited).toBeUndefined();
    expect(err).toContain(`to ${file}`);
    const [header, ...rows] = (await fs.readFile(file, 'utf8'))
      .trim()
      .split('\r\n')
      .map(l => l.split(','));
    const at = (name: string) => header.indexOf(name);
    expect(header.slice(-5)).toEqual([
      'EffectiveCost',
      'x_CostwiseEntity',
      'x_CostwiseMethod',
      'x_CostwiseOwner',
      'x_CostwiseSystem',
    ]);
    const sums: Record<string, Decimal> = {};
    for (const r of rows)
      sums[r[at('BillingCurrency')]] = (
        sums[r[at('BillingCurrency')]] ?? Decimal.ZERO
      ).add(Decimal.parse(r[at('EffectiveCost')]));
    expect(
      Object.fromEntries(
        Object.entries(sums).map(([c, v]) => [c, v.toString()]),
      ),
    ).toEqual({ EUR: '8.8', USD: '13.925000000001' });
    expect(
      rows.find(r => r[at('ResourceId')] === 'cb-1')?.[at('x_CostwiseOwner')],
    ).toBe('group:default/platform');
    // the dimensions only the export shows, as the backend's export has them
    const usage = rows.find(
      r =>
        r[at('ResourceId')] === 'i-web' && r[at('ChargeCategory')] === 'Usage',
    )!;
    expect({
      SubAccountId: usage[at('SubAccountId')],
      SubAccountName: usage[at('SubAccountName')],
      ResourceType: usage[at('ResourceType')],
      CommitmentDiscountId: usage[at('CommitmentDiscountId')],
    }).toEqual({
      SubAccountId: '111122223333',
      SubAccountName: 'shop-prod',
      ResourceType: 'Instance',
      CommitmentDiscountId: 'arn:aws:ec2:eu-west-1:1:reserved-instances/ri-1',
    });
  });

  it.each([
    [['--month', '2025-13'], /'2025-13' is not a month/],
    [
      ['--month', '2025-03', '--measure', 'Cheapest'],
      /'Cheapest' is not a cost measure/,
    ],
  ])('exits 2 on %j, with the error as JSON', async (args, message) => {
    const { out, exited, err } = await run([
      'showback',
      '--db',
      db,
      '--catalog',
      catalog,
      '--format',
      'json',
      ...args,
    ]);
    expect(exited).toBe('exit 2');
    expect(err).toMatch(message);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0])).toEqual({
      error: expect.stringMatching(message),
    });
  });

  it('exits 2 on a format it does not know', async () => {
    const { out, exited, err } = await showback('--format', 'xml');
    expect(exited).toBe('exit 2');
    expect(err).toMatch(/'xml' is not a format: give json, csv or text/);
    expect(out).toEqual([]);
  });

  it('exits 2 for a database or catalog file that is not there', async () => {
    const noDb = await run([
      'showback',
      '--month',
      '2025-03',
      '--db',
      path.join(dir, 'nope.sqlite'),
      '--catalog',
      catalog,
      '--format',
      'json',
    ]);
    expect(noDb.exited).toBe('exit 2');
    expect(JSON.parse(noDb.out[0]).error).toMatch(
      /no database file .*nope\.sqlite/,
    );
    await expect(fs.stat(path.join(dir, 'nope.sqlite'))).rejects.toThrow();
    const noCatalog = await run([
      'showback',
      '--month',
      '2025-03',
      '--db',
      db,
      '--catalog',
      path.join(dir, 'missing.yaml'),
    ]);
    expect(noCatalog.exited).toBe('exit 2');
    expect(noCatalog.out).toEqual([]);
  });
});
