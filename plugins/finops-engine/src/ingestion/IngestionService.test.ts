import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import type { CostRecord } from '@costwise/plugin-finops-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyMigrations, DatabaseCostStore } from '../stores';
import { IngestionService } from './IngestionService';
import { readCostFiles } from './reader';

jest.setTimeout(120_000);

const QUIRKS = path.resolve(
  __dirname,
  '__fixtures__/focus/focus-1.2-quirks.csv',
);
const databases = createTestDatabases();

const HEADER =
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,ContractedCost,ProviderName,ServiceName,ResourceId,Tags';

function focusFile(lines: string[]) {
  return `${HEADER}\n${lines.join('\n')}\n`;
}

describe.each(databases.eachSupportedId())(
  'ingestion into the DatabaseCostStore on %p',
  databaseId => {
    let dir: string;
    beforeAll(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-store-'));
    });
    afterAll(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    async function setup() {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const store = new DatabaseCostStore(knex);
      const service = new IngestionService(store, mockServices.logger.mock());
      return { knex, store, service };
    }

    async function write(name: string, content: string) {
      const file = path.join(dir, name);
      await fs.writeFile(file, content);
      return file;
    }

    it('stores daily facts whose exact totals equal the source, per currency', async () => {
      const { store, service, knex } = await setup();
      const run = await service.ingest('focus', readCostFiles([QUIRKS]));
      expect(run.status).toBe('succeeded');
      expect(run.storedTotals).toEqual(run.totals);
      expect(run.totals.USD.BilledCost).toBe('739.9634567891');
      const [{ count }] = await knex('finops_cost_facts').count({ count: '*' });
      // 9 accepted rows: the two EC2 rows, and the Azure usage and its correction, share a group and day
      expect(Number(count)).toBe(7);
      const periods = await store.listSourcePeriods('focus');
      expect(periods).toEqual([
        expect.objectContaining({
          sourceId: 'focus',
          billingPeriod: '2024-09',
          facts: 7,
          rows: 9,
        }),
      ]);
    });

    it('keeps amounts with many decimals exact through the database', async () => {
      const { service, knex } = await setup();
      const file = await write(
        'decimals.csv',
        focusFile([
          '1,USD,2024-01-01,2024-01-02,2024-01-03,0.00000000001,0.00000000001,0.00000000001,0.00000000001,AWS,S3,r1,{}',
          '1,USD,2024-01-01,2024-01-02,2024-01-03,123456789.98765432109,123456789.98765432109,1,1,AWS,S3,r1,{}',
        ]),
      );
      const run = await service.ingest('decimals', readCostFiles([file]));
      expect(run.storedTotals.USD.BilledCost).toBe('123456789.9876543211');
      const row = await knex('finops_cost_facts')
        .where({ source_id: 'decimals' })
        .first();
      expect(String(row.billed_cost).replace(/0+$/, '')).toBe(
        '123456789.9876543211',
      );
    });

    it('stores thousands of facts in one run (multi-row inserts stay within database limits)', async () => {
      const { service, knex } = await setup();
      const lines = Array.from(
        { length: 2500 },
        (_, i) =>
          `1,USD,2024-03-01,2024-03-${String((i % 28) + 1).padStart(
            2,
            '0',
          )},2024-03-29,0.01,0.01,0.01,0.01,AWS,EC2,r-${i},"{""n"": ""${
            i % 7
          }""}"`,
      );
      const run = await service.ingest(
        'many',
        readCostFiles([await write('many.csv', focusFile(lines))]),
      );
      expect(run.status).toBe('succeeded');
      expect(run.storedTotals.USD.BilledCost).toBe('25');
      const [{ n }] = await knex('finops_cost_facts')
        .where({ source_id: 'many' })
        .count({ n: '*' });
      expect(Number(n)).toBe(2500);
    });

    it('re-ingesting the same file changes nothing', async () => {
      const { service, knex } = await setup();
      await service.ingest('focus', readCostFiles([QUIRKS]));
      const before = await knex('finops_cost_facts').orderBy([
        'day',
        'group_id',
      ]);
      const groupsBefore = await knex('finops_fact_groups').count({ n: '*' });
      const again = await service.ingest('focus', readCostFiles([QUIRKS]));
      const after = await knex('finops_cost_facts').orderBy([
        'day',
        'group_id',
      ]);
      expect(after).toEqual(before);
      expect(await knex('finops_fact_groups').count({ n: '*' })).toEqual(
        groupsBefore,
      );
      expect(again.storedTotals).toEqual(again.totals);
    });

    it('refuses to shrink a stored month by more than half, keeps what was stored, and replaces it when allowed', async () => {
      const { service, store } = await setup();
      const row = (cost: string, resource: string) =>
        `1,USD,2024-03-01,2024-03-02,2024-03-03,${cost},${cost},${cost},${cost},AWS,S3,${resource},{}`;
      await service.ingest(
        'a',
        readCostFiles([
          await write(
            'march.csv',
            focusFile([row('60', 'r1'), row('-10', 'r2'), row('50', 'r3')]),
          ),
        ]),
      );
      // a half-written export: one of the month's rows
      const half = await write('march-half.csv', focusFile([row('40', 'r1')]));
      await expect(service.ingest('a', readCostFiles([half]))).rejects.toThrow(
        /Refusing to replace what source 'a' stored: 2024-03 USD: BilledCost would drop from 100 to 40 \(60%\), more than finops.ingestion.maxShrink \(50%\) allows/,
      );
      expect((await store.storedTotals('a', ['2024-03'])).USD.BilledCost).toBe(
        '100',
      );
      const [failed] = await store.listRuns({ sourceId: 'a', limit: 1 });
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/maxShrink/);
      // a smaller drop, or a growth, is a restatement
      const restated = await write(
        'march-restated.csv',
        focusFile([row('60', 'r1'), row('-10', 'r2')]),
      );
      await service.ingest('a', readCostFiles([restated]));
      expect((await store.storedTotals('a', ['2024-03'])).USD.BilledCost).toBe(
        '50',
      );
      await service.ingest('a', readCostFiles([half]), { allowShrink: true });
      expect((await store.storedTotals('a', ['2024-03'])).USD.BilledCost).toBe(
        '40',
      );
    });

    it('a restatement of a month replaces it, leaving other months and sources alone', async () => {
      const { service, store } = await setup();
      const jan =
        '1,USD,2024-01-01,2024-01-02,2024-01-03,10,10,10,10,AWS,S3,r1,{}';
      const feb =
        '1,USD,2024-02-01,2024-02-02,2024-02-03,20,20,20,20,AWS,S3,r1,{}';
      await service.ingest(
        'a',
        readCostFiles([await write('jan-feb.csv', focusFile([jan, feb]))]),
      );
      await service.ingest(
        'b',
        readCostFiles([await write('b.csv', focusFile([jan]))]),
      );
      const restated =
        '1,USD,2024-01-01,2024-01-02,2024-01-03,11.5,11.5,11.5,11.5,AWS,S3,r1,{}';
      await service.ingest(
        'a',
        readCostFiles([await write('jan-restated.csv', focusFile([restated]))]),
      );
      expect((await store.storedTotals('a', ['2024-01'])).USD.BilledCost).toBe(
        '11.5',
      );
      expect((await store.storedTotals('a', ['2024-02'])).USD.BilledCost).toBe(
        '20',
      );
      expect((await store.storedTotals('b', ['2024-01'])).USD.BilledCost).toBe(
        '10',
      );
    });

    it('a run that fails halfway leaves the previous data in place and is recorded as failed', async () => {
      const { service, store } = await setup();
      await service.ingest('focus', readCostFiles([QUIRKS]));
      const before = await store.storedTotals('focus', ['2024-09']);
      async function* failing(): AsyncGenerator<CostRecord> {
        for await (const record of readCostFiles([QUIRKS])) yield record;
        throw new Error('disk went away');
      }
      await expect(service.ingest('focus', failing())).rejects.toThrow(
        'disk went away',
      );
      expect(await store.storedTotals('focus', ['2024-09'])).toEqual(before);
      const [latest] = await store.listRuns({ sourceId: 'focus', limit: 1 });
      expect(latest).toEqual(
        expect.objectContaining({ status: 'failed', error: 'disk went away' }),
      );
    });

    it('records each run with its rejected rows and reconciliation', async () => {
      const { service, store } = await setup();
      const run = await service.ingest('focus', readCostFiles([QUIRKS]));
      const stored = await store.getRun(run.id);
      expect(stored).toEqual(
        expect.objectContaining({
          sourceId: 'focus',
          status: 'succeeded',
          rows: 16,
          accepted: 9,
          rejected: 7,
          billingPeriods: ['2024-09'],
          files: [QUIRKS],
          totals: run.totals,
          storedTotals: run.totals,
        }),
      );
      expect(stored!.rejections[0]).toEqual({
        file: QUIRKS,
        line: 11,
        reason: "BilledCost is not a number: 'twelve'",
      });
      expect(stored!.finishedAt).toBeDefined();
    });

    it('never lets two ingestions of the same source run at once', async () => {
      const { store, knex } = await setup();
      const other = new IngestionService(
        new DatabaseCostStore(knex),
        mockServices.logger.mock(),
      );
      expect(await store.tryLock('ingest:focus', 'replica-a', 60_000)).toBe(
        true,
      );
      await expect(
        other.ingest('focus', readCostFiles([QUIRKS])),
      ).rejects.toThrow("Source 'focus' is being ingested by another process");
      await store.unlock('ingest:focus', 'replica-a');
      await expect(
        other.ingest('focus', readCostFiles([QUIRKS])),
      ).resolves.toEqual(expect.objectContaining({ status: 'succeeded' }));
    });

    it('renews a held lock, and not one that lapsed and went to another holder', async () => {
      const { store } = await setup();
      expect(await store.tryLock('ingest:x', 'replica-a', 60_000)).toBe(true);
      expect(await store.renewLock('ingest:x', 'replica-a', 60_000)).toBe(true);
      expect(await store.renewLock('ingest:x', 'replica-b', 60_000)).toBe(
        false,
      );
      // replica-a's lock lapses (a killed or stalled process) and replica-b takes it
      expect(await store.tryLock('ingest:x', 'replica-a', -1)).toBe(true);
      expect(await store.tryLock('ingest:x', 'replica-b', 60_000)).toBe(true);
      expect(await store.renewLock('ingest:x', 'replica-a', 60_000)).toBe(
        false,
      );
      await store.unlock('ingest:x', 'replica-b');
      expect(await store.renewLock('ingest:x', 'replica-b', 60_000)).toBe(
        false,
      );
    });

    it('indexes tags by normalized key and value for attribution', async () => {
      const { service, knex } = await setup();
      await service.ingest('focus', readCostFiles([QUIRKS]));
      const rows = await knex('finops_fact_group_tags').where({
        tag_key: 'environment',
        tag_value: 'prod',
      });
      expect(rows.length).toBe(1);
    });
  },
);
