import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Command } from 'commander';
import {
  AttributionStore,
  DatabaseCostStore,
  IngestionService,
  readCostFiles,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import {
  formatReport,
  registerAttributeCommand,
  runAttribute,
} from './attribute';

jest.setTimeout(60_000);

const CATALOG = `
kind: Group
metadata: { name: team }
spec: { type: team }
---
kind: Component
metadata:
  name: shop
  annotations: { costwise.dev/tags: 'env=prod' }
spec: { owner: team }
---
kind: Component
metadata:
  name: shop-twin
  annotations: { costwise.dev/tags: 'env=prod' }
spec: { owner: team }
---
kind: Component
metadata:
  name: bad
  annotations: { costwise.dev/llm: no-provider }
spec: { owner: team }
`;

const HEADER =
  'BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,Tags,ResourceId';
const COSTS = [
  HEADER,
  'USD,2025-03-01,2025-03-02,10,9,AWS,EC2,"{""environment"": ""prod""}",',
  'USD,2025-03-01,2025-03-02,1,1,AWS,EC2,"{""application"": ""shop-canary""}",',
  'USD,2025-04-01,2025-04-02,100,100,AWS,EC2,"{""environment"": ""prod""}",',
  'USD,2025-05-01,2025-05-02,7,7,AWS,S3,"{}",bucket-1',
].join('\n');

describe('costwise attribute', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-cli-attribute-'));
    db = path.join(dir, 'costs.sqlite');
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), CATALOG);
    await fs.writeFile(path.join(dir, 'costs.csv'), COSTS);
    await fs.writeFile(
      path.join(dir, 'app-config.yaml'),
      'finops:\n  measure: BilledCost\n  attribution:\n    tagKeyAliases: { env: environment }\n',
    );
    const knex = await openDatabase(db);
    const service = new IngestionService(new DatabaseCostStore(knex), {
      info() {},
      warn() {},
      error() {},
    });
    await service.ingest('cli', readCostFiles([path.join(dir, 'costs.csv')]));
    await knex.destroy();
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('attributes one period with the settings of --config', async () => {
    const report = await runAttribute({
      catalog: [path.join(dir, 'catalog-info.yaml')],
      db,
      period: '2025-03',
      config: [path.join(dir, 'app-config.yaml')],
    });
    expect(report).toEqual({
      measure: 'BilledCost',
      currency: 'USD',
      total: '11',
      unattributed: '1',
      coverage: 0.9091,
      entities: [
        {
          entity: 'component:default/bad',
          direct: '0',
          total: '0',
          methods: {},
        },
        {
          entity: 'component:default/shop',
          direct: '5',
          total: '5',
          methods: { tags: '5' },
        },
        {
          entity: 'component:default/shop-twin',
          direct: '5',
          total: '5',
          methods: { tags: '5' },
        },
        { entity: 'group:default/team', direct: '0', total: '10', methods: {} },
      ],
      suggestions: [
        expect.objectContaining({
          entity: 'component:default/shop',
          confidence: 0.75,
          amount: '1',
        }),
      ],
      conflicts: [
        expect.objectContaining({
          method: 'tags',
          entities: ['component:default/shop', 'component:default/shop-twin'],
          amount: '10',
        }),
      ],
      warnings: [
        {
          entity: 'component:default/bad',
          annotation: 'costwise.dev/llm',
          message: expect.any(String),
        },
      ],
    });
    expect(formatReport(report)).toContain(
      'Total 11, unattributed 1, coverage 90.9%',
    );
  });

  it('prints exactly one JSON object with --json', async () => {
    const out: string[] = [];
    const spy = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(chunk => {
        out.push(String(chunk));
        return true;
      });
    try {
      const program = new Command().exitOverride();
      registerAttributeCommand(program);
      await program.parseAsync(
        [
          'attribute',
          '--catalog',
          dir,
          '--db',
          db,
          '--measure',
          'EffectiveCost',
          '--json',
        ],
        { from: 'user' },
      );
    } finally {
      spy.mockRestore();
    }
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0]);
    expect(Object.keys(report)).toEqual([
      'measure',
      'currency',
      'total',
      'unattributed',
      'coverage',
      'entities',
      'suggestions',
      'conflicts',
      'warnings',
    ]);
    // without --config, env is not an alias of environment: nothing matches the tags
    expect(report).toEqual(
      expect.objectContaining({
        measure: 'EffectiveCost',
        total: '117',
        unattributed: '117',
      }),
    );
  });

  it('applies the signals of the finops modules given with --module, as the backend does', async () => {
    const may = { catalog: [dir], db, period: '2025-05' };
    const without = await runAttribute(may);
    expect(without.unattributed).toBe('7');
    const report = await runAttribute({
      ...may,
      module: [require.resolve('../__fixtures__/bucketSignalModule')],
    });
    expect(report.unattributed).toBe('0');
    expect(
      report.entities.find(e => e.entity === 'component:default/shop'),
    ).toEqual(
      expect.objectContaining({ direct: '7', methods: { 'resource-id': '7' } }),
    );
  });

  it('says which module could not be loaded', async () => {
    await expect(
      runAttribute({ catalog: [dir], db, module: ['no-such-costwise-module'] }),
    ).rejects.toThrow(/cannot load module 'no-such-costwise-module'/);
    await expect(
      runAttribute({
        catalog: [dir],
        db,
        module: [require.resolve('./attribute')],
      }),
    ).rejects.toThrow(/does not export a backend module/);
  });

  it('applies the overrides stored with the backend, as its runs do', async () => {
    const knex = await openDatabase(db);
    try {
      await new AttributionStore(knex).addOverride({
        id: 'o-1',
        match: { service: 'S3' },
        entityRef: 'component:default/shop-twin',
        createdBy: 'user:default/admin',
        createdAt: '2025-06-01T00:00:00Z',
      });
    } finally {
      await knex.destroy();
    }
    const report = await runAttribute({
      catalog: [dir],
      db,
      period: '2025-05',
    });
    expect(
      report.entities.find(e => e.entity === 'component:default/shop-twin')!
        .direct,
    ).toBe('7');
  });

  it('reads the database from COSTWISE_DB when --db is not given', async () => {
    process.env.COSTWISE_DB = db;
    try {
      const report = await runAttribute({ catalog: [dir], period: '2025-04' });
      expect(report.total).toBe('100');
    } finally {
      delete process.env.COSTWISE_DB;
    }
  });
});
