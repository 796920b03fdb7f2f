import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import { CostAggregator } from './aggregate';
import { aggregateFile } from './direct';
import { aggregateRecords } from './parallel';
import { readCostFiles, readFileBatches } from './reader';

const HEADER =
  'BillingAccountId,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,Tags';
const row = (i: number) =>
  `1,USD,2025-03-01,2025-03-02,1.5,1.5,AWS,EC2,"{""n"": ""${i}""}"`;
const limits = { maxRecordBytes: 20_000, maxFieldBytes: 2_000 };

/** Reads the file both ways (byte reader, record reader) and returns each one's error. */
async function failures(file: string) {
  const direct = await aggregateFile(
    file,
    { limits },
    new CostAggregator(),
    undefined,
    { chunkBytes: 4096 },
  ).catch((e: Error) => e.message);
  const records = await (async () => {
    for await (const _ of readFileBatches(file, { limits })) {
      // reading is the point
    }
    return undefined;
  })().catch((e: Error) => e.message);
  return { direct, records };
}

describe('record and field limits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-limits-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('fails a file whose unmatched quote makes the rest of it one field, naming the line, without holding the rest', async () => {
    const plain = '1,USD,2025-03-01,2025-03-02,1.5,1.5,AWS,EC2,{}';
    const lines = [
      HEADER,
      row(1),
      row(2),
      '1,USD,"2025-03-01,oops',
      ...Array.from({ length: 5000 }, () => plain),
    ];
    for (const [name, content] of [
      ['quote.csv', lines.join('\n')],
      ['quote.csv.gz', gzipSync(lines.join('\n'))],
    ] as const) {
      const file = path.join(dir, name);
      await fs.writeFile(file, content);
      const { direct, records } = await failures(file);
      for (const message of [direct, records])
        expect(message).toMatch(
          /line 4 is longer than 2,000 bytes \(finops.ingestion.maxFieldBytes\)|line 4 is longer than 20,000 bytes \(finops.ingestion.maxRecordBytes\): an unmatched quote near that line may have made the rest of the file one field/,
        );
    }
  });

  it('fails a record with a field longer than the limit, and reads one within it', async () => {
    const file = path.join(dir, 'long-field.csv');
    const long = `1,USD,2025-03-01,2025-03-02,1,1,AWS,EC2,"{""note"": ""${'x'.repeat(
      3000,
    )}""}"`;
    await fs.writeFile(file, [HEADER, row(1), long, row(2)].join('\n'));
    const { direct, records } = await failures(file);
    expect(direct).toMatch(
      /the field starting on line 3 is longer than 2,000 bytes/,
    );
    expect(records).toMatch(
      /the field starting on line 3 is longer than 2,000 bytes/,
    );

    const fine = path.join(dir, 'fine.csv');
    await fs.writeFile(fine, [HEADER, row(1), row(2)].join('\n'));
    const aggregator = new CostAggregator();
    await aggregateRecords(readCostFiles([fine], { limits }), aggregator);
    expect(aggregator.summary().accepted).toBe(2);
  });
});

describe('distinct fact groups', () => {
  it('fails an ingestion that makes a group of every row, instead of filling memory', async () => {
    const aggregator = new CostAggregator({ maxGroups: 100 });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-groups-'));
    try {
      const file = path.join(dir, 'unique-tags.csv');
      await fs.writeFile(
        file,
        [HEADER, ...Array.from({ length: 500 }, (_, i) => row(i))].join('\n'),
      );
      await expect(
        aggregateRecords(readCostFiles([file]), aggregator),
      ).rejects.toThrow(
        /more than 100 distinct fact groups in one ingestion \(finops.ingestion.maxFactGroups\): the export may carry a tag whose value differs on every row/,
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
