import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import { CostAggregator } from './aggregate';
import { factLines } from './__testUtils__/facts';
import { aggregateRecords, FileReading, ParallelReadOptions } from './parallel';
import { readCostFiles } from './reader';

const HEADER =
  'BilledCost,EffectiveCost,ListCost,ContractedCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,ResourceId,ChargeDescription,Tags';

/** A FOCUS row: amounts with many decimals, 40 days, 300 resources, two currencies, tags. */
function row(i: number, description = 'usage'): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = i % 3 === 0 ? '02' : '01';
  const cost = `${(i % 997) - 50}.${String((i * 7919) % 1_000_000_000).padStart(
    9,
    '0',
  )}`;
  const currency = i % 11 === 0 ? 'EUR' : 'USD';
  const tags = `"{""team"":""t${i % 7}"",""env"":""${
    i % 2 ? 'prod' : 'dev'
  }""}"`;
  return [
    cost,
    cost,
    `${(i % 997) + 1}.5`,
    cost,
    currency,
    `2026-${month}-${day}T00:00:00Z`,
    `2026-${month}-${day}T01:00:00Z`,
    i % 5 === 0 ? 'Microsoft' : 'AWS',
    `Service ${i % 13}`,
    `arn:aws:ec2:us-east-1:123456789012:instance/i-${i % 300}`,
    description,
    tags,
  ].join(',');
}

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-parallel-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeLines(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** Everything a read gives: the summary, the files and every fact, in a comparable form. */
async function read(file: string, parallel: ParallelReadOptions) {
  const aggregator = new CostAggregator();
  const readings: FileReading[] = [];
  let workerParts = 0;
  await aggregateRecords(readCostFiles([file]), aggregator, {
    parallel,
    onFile: (_file, reading, parts) => {
      readings.push(reading);
      workerParts += parts;
    },
  });
  return {
    readings,
    workerParts,
    result: {
      summary: aggregator.summary(),
      files: aggregator.files,
      groups: [...aggregator.groups.values()].sort((a, b) =>
        a.keyHash.localeCompare(b.keyHash),
      ),
      facts: factLines(aggregator),
    },
  };
}

const ONE_THREAD: ParallelReadOptions = { threads: 1 };

describe('reading a large file in parts', () => {
  it('gives exactly what one thread gives, rejected rows on their file lines', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 30_000; i++) lines.push(row(i));
    // bad rows early, in the middle and at the end: lines 101, 15002, 30002
    lines.splice(100, 0, 'abc,1,1,1,USD,2026-01-01,2026-01-02,AWS,S,r,x,{}');
    lines.splice(15_001, 0, '1,1,1,1,USD,2026-01-05,2026-01-04,AWS,S,r,x,{}');
    lines.push('1,1,1,1,XXX,2026-01-01,2026-01-02,AWS,S,r,x,{}');
    const file = await writeLines('parts.csv', lines);

    const whole = await read(file, ONE_THREAD);
    const parts = await read(file, { threads: 3, minBytes: 0 });

    expect(whole.readings).toEqual(['whole']);
    expect(parts.readings).toEqual(['parts']);
    expect(parts.workerParts).toBe(2);
    expect(parts.result).toEqual(whole.result);
    expect(parts.result.summary.rows).toBe(30_003);
    expect(parts.result.summary.rejected).toBe(3);
    expect(parts.result.summary.rejections.map(r => r.line)).toEqual([
      101, 15_002, 30_004,
    ]);
    expect(parts.result.summary.rejections[1].reason).toMatch(
      /ChargePeriodEnd .* is before ChargePeriodStart/,
    );
    expect(parts.result.files).toEqual([file]);

    // progress counts each row once, whichever thread read it
    const seen: number[] = [];
    await aggregateRecords(readCostFiles([file]), new CostAggregator(), {
      parallel: { threads: 3, minBytes: 0 },
      onProgress: p => seen.push(p.rows),
      progressEvery: 1_000,
    });
    expect(seen.length).toBeGreaterThan(10);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(Math.max(...seen)).toBeLessThanOrEqual(30_003);
    expect(Object.keys(parts.result.summary.totals)).toEqual(['EUR', 'USD']);
  });

  it('reads on from a boundary that falls inside a quoted field with line ends', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 6_000; i++) lines.push(row(i));
    // descriptions of many lines around the middle of the file and around two thirds
    const multiLine = `"${Array.from(
      { length: 3_000 },
      (_, k) => `line ${k}, "" quoted`,
    ).join('\n')}"`;
    lines.splice(3_000, 1, row(2_999, multiLine));
    lines.splice(4_000, 1, row(3_999, multiLine));
    const file = await writeLines('quoted.csv', lines);
    const size = (await fs.stat(file)).size;
    const text = await fs.readFile(file, 'utf8');
    /** Whether the line end the parts of a split into `threads` would start after is inside quotes. */
    const cut = (threads: number, k: number) => {
      // the first part is larger by a share (small files) or 32 MiB
      const extra = Math.min(32 * 2 ** 20, Math.floor(size / (threads + 1)));
      const at = text.indexOf(
        '\n',
        extra + Math.floor(((size - extra) * k) / threads),
      );
      return text.slice(0, at).split('"').length % 2 === 0;
    };
    /** Parts read on workers: those before the part that ends cut; none when the first part is cut. */
    const expectedWorkerParts = (threads: number) => {
      for (let k = 1; k < threads; k++)
        if (cut(threads, k)) return k - 2 < 0 ? 0 : k - 2;
      return threads - 1;
    };
    // with two threads the part boundary is inside a quoted field
    expect(cut(2, 1)).toBe(true);

    const whole = await read(file, ONE_THREAD);
    // two threads: the first part reads on to the end itself
    const two = await read(file, { threads: 2, minBytes: 0 });
    expect(two.readings).toEqual(['whole']);
    expect(two.result).toEqual(whole.result);
    // several threads: whichever part was cut, the result is the same
    // several threads: the part that was cut is read on from its start
    const partsUsed = [];
    for (const threads of [3, 4, 5]) {
      const several = await read(file, { threads, minBytes: 0 });
      expect(several.result).toEqual(whole.result);
      partsUsed.push(several.workerParts);
    }
    expect(partsUsed).toEqual([3, 4, 5].map(expectedWorkerParts));
    expect(partsUsed).toContain(0);
    expect(whole.result.summary.rows).toBe(6_000);
    expect(whole.result.summary.rejected).toBe(0);
  });

  it('fails on a broken file as one thread does', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 3_000; i++) lines.push(row(i));
    lines.push('1,1,1,1,USD,2026-01-01,2026-01-02,AWS,S,r,"never closed,{}');
    const unterminated = await writeLines('unterminated.csv', lines);
    const notCosts = await writeLines(
      'not-costs.csv',
      Array.from({ length: 3_000 }, (_, i) => `name,value\nrow${i},${i}`),
    );
    for (const file of [unterminated, notCosts]) {
      const whole = await read(file, ONE_THREAD).catch(e => e.message);
      const parts = await read(file, { threads: 3, minBytes: 0 }).catch(
        e => e.message,
      );
      expect(typeof whole).toBe('string');
      expect(parts).toBe(whole);
    }
    expect(
      await read(unterminated, { threads: 3, minBytes: 0 }).catch(
        e => e.message,
      ),
    ).toMatch(/unterminated quoted field starting on line 3002/);
  });

  it('reads small and compressed files on one thread', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 2_000; i++) lines.push(row(i));
    const file = await writeLines('small.csv', lines);
    const small = await read(file, { threads: 3 });
    expect(small.readings).toEqual(['whole']);
    const expected = (await read(file, ONE_THREAD)).result;
    expect(small.result).toEqual(expected);

    const gzipped = path.join(dir, 'small.csv.gz');
    await fs.writeFile(gzipped, gzipSync(await fs.readFile(file)));
    const compressed = await read(gzipped, { threads: 3, minBytes: 0 });
    expect(compressed.readings).toEqual(['whole']);
    expect(compressed.result.facts).toEqual(expected.facts);
    expect(compressed.result.summary).toEqual(expected.summary);
  });
});
