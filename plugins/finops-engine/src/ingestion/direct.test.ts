import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import type { IngestionSummary } from '@costwise/plugin-finops-common';
import type { FactGroup } from '../model';
import { CostAggregator } from './aggregate';
import { factLines } from './__testUtils__/facts';
import { aggregateFile, AggregateFileOptions } from './direct';
import { FilePart, readCostFileBatches, readFileBatches } from './reader';

/**
 * The direct reader must give exactly what adding every record of the
 * record reader gives: same rows, rejections (reasons and lines), totals,
 * groups and facts, wherever the chunks cut the file.
 */

const FIXTURES = path.join(__dirname, '__fixtures__');
const CHUNKS = [16, 17, 61, 1000, undefined];

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-direct-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

type Snapshot =
  | { error: string }
  | {
      summary: IngestionSummary;
      files: string[];
      groups: FactGroup[];
      facts: string[];
    };

function snapshot(aggregator: CostAggregator, error?: unknown): Snapshot {
  if (error) return { error: (error as Error).message };
  return {
    summary: aggregator.summary(),
    files: aggregator.files,
    groups: [...aggregator.groups.values()].sort((a, b) =>
      a.keyHash.localeCompare(b.keyHash),
    ),
    facts: factLines(aggregator),
  };
}

async function byRecords(file: string, summaryOnly = false, part?: FilePart) {
  const aggregator = new CostAggregator({ summaryOnly });
  try {
    for await (const batch of part
      ? readFileBatches(file, {}, part)
      : readCostFileBatches(file))
      for (const record of batch) aggregator.add(record);
  } catch (error) {
    return snapshot(aggregator, error);
  }
  return snapshot(aggregator);
}

async function directly(
  file: string,
  options: AggregateFileOptions,
  summaryOnly = false,
  part?: FilePart,
) {
  const aggregator = new CostAggregator({ summaryOnly });
  try {
    await aggregateFile(file, {}, aggregator, part, options);
  } catch (error) {
    return snapshot(aggregator, error);
  }
  return snapshot(aggregator);
}

async function expectSameAsRecords(file: string, summaryOnly = false) {
  const expected = await byRecords(file, summaryOnly);
  for (const chunkBytes of CHUNKS) {
    for (const maxKnownCells of [undefined, 2]) {
      const actual = await directly(
        file,
        { chunkBytes, maxKnownCells },
        summaryOnly,
      );
      expect({ chunkBytes, maxKnownCells, ...actual }).toEqual({
        chunkBytes,
        maxKnownCells,
        ...expected,
      });
    }
  }
  return expected;
}

const HEADER = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BillingPeriodStart',
  'ProviderName',
  'ServiceName',
  'ResourceId',
  'ChargeCategory',
  'ConsumedQuantity',
  'ConsumedUnit',
  'Tags',
  'ChargeDescription',
].join(',');

const TAGS = '"{""team"":""a"",""env"":""prod""}"';

/** A row of {@link HEADER}, with cells replaced by position. */
function row(changes: Record<number, string> = {}): string {
  const cells = [
    '1.25',
    '1.05',
    '1.50',
    '1.40',
    'USD',
    '2026-01-03T05:00:00Z',
    '2026-01-03T06:00:00Z',
    '2026-01-01T00:00:00Z',
    'AWS',
    'Amazon EC2',
    'i-1',
    'Usage',
    '2.500',
    'Hours',
    TAGS,
    'usage',
  ];
  for (const [k, v] of Object.entries(changes)) cells[Number(k)] = v;
  return cells.join(',');
}

/** Rows with every quirk the readers know of, accepted and rejected. */
const QUIRKS = [
  row(),
  row(), // the same cells: read here
  row({ 0: '-0.75', 1: '-0.75', 12: '' }),
  row({ 0: '"12.50"' }), // a quoted amount
  row({ 0: '"""3.5"""' }), // quotes inside the quotes
  row({ 0: ' 3.25 ' }),
  row({ 3: '' }), // ContractedCost is then the ListCost
  row({ 2: '' }), // ListCost the BilledCost
  row({ 2: '', 3: '' }),
  row({ 2: 'NULL', 3: '' }),
  row({ 2: '', 3: 'null' }),
  row({ 1: '1e3' }),
  row({ 0: '12345678901234567890.123' }),
  row({ 0: '-0', 1: '0.000' }),
  row({ 12: '9.7690760' }),
  row({ 12: '0.000' }),
  row({ 12: 'NULL' }),
  row({ 12: 'abc' }),
  row({ 12: '-0.0' }),
  row({ 0: '1.' }),
  row({ 0: '-.5' }),
  row({ 0: '' }),
  row({ 1: '' }),
  row({ 5: '2026-01-03 05:00:00', 6: '2026-01-03 06:00:00' }),
  row({ 5: '2026-01-03', 6: '2026-01-04' }),
  row({ 5: '2026-01-03T05:00:00.000Z' }),
  row({ 5: '2026-01-03t05:00:00z' }),
  row({ 5: '2026-01-03T24:00:00Z', 6: '2026-01-04T01:00:00Z' }),
  row({ 5: '2026-01-03T05:00:60Z' }),
  row({ 5: '2026-02-30T00:00:00Z' }),
  row({ 5: '2026-01-03T05:00:00+02:00' }),
  row({ 5: '0099-01-03T05:00:00Z', 7: '' }),
  row({ 5: '2024-02-29T05:00:00Z', 6: '2024-02-29T06:00:00Z', 7: '' }),
  row({ 5: '2026-01-03T07:00:00Z' }), // ends before it starts
  row({ 5: '' }),
  row({ 5: 'NULL' }),
  row({ 7: '' }),
  row({ 7: 'NULL' }),
  row({ 7: 'soon' }),
  row({ 7: '2026-01-01' }),
  row({ 7: '2026-01-01 00:00:00' }),
  row({ 7: '2025-12-01T00:00:00Z' }), // a fact outside its billing month
  row({ 4: 'XXX' }),
  row({ 4: 'usd' }),
  row({ 4: '' }),
  row({ 11: 'usage' }),
  row({ 11: 'Refund' }),
  row({ 14: '"{""env"":""prod"",""team"":""a""}"' }), // same tags, other order
  row({ 14: '"""team"":""b"""' }), // without braces
  row({ 14: 'not json' }),
  row({ 14: 'NULL' }),
  row({ 14: '' }),
  row({ 10: '"i-1"' }), // quoted the same id
  row({ 10: '"i-""2"""' }),
  row({ 10: '"i-3"x' }), // text after the closing quote
  row({ 10: 'i-4"' }), // a quote inside an unquoted cell
  row({ 10: 'résumé-日本', 14: '"{""owner"":""zoë""}"' }),
  row({ 15: '"two\nlines, ""quoted"""' }),
  row({ 15: '"three\r\nlines\n"' }),
  row({ 9: '' }),
  row({ 8: '' }),
  `${row()},extra`,
  row().split(',').slice(0, 10).join(','),
  '',
  '   ',
  row({ 0: '7.000000001' }),
];

describe('reading straight into an aggregator', () => {
  it('gives what the record reader gives on every quirk, wherever the chunks end', async () => {
    const file = path.join(dir, 'quirks.csv');
    await fs.writeFile(file, `${[HEADER, ...QUIRKS].join('\n')}\n`);
    const direct = jest.spyOn(CostAggregator.prototype, 'addDirect');
    const expected = await expectSameAsRecords(file);
    // most accepted rows were parsed here rather than mapped
    expect(direct.mock.calls.length / (CHUNKS.length * 2)).toBeGreaterThan(25);
    direct.mockRestore();
    // the quirks are read, not all rejected
    if (!('summary' in expected)) throw new Error(expected.error);
    expect(expected.summary.accepted).toBeGreaterThan(30);
    expect(expected.summary.rejected).toBeGreaterThan(15);
    await expectSameAsRecords(file, true);
  });

  it('gives the same with CRLF, a byte-order mark, gzip, and no line end at the end', async () => {
    const text = [HEADER, ...QUIRKS].join('\r\n');
    const variants: Record<string, Buffer> = {
      'crlf.csv': Buffer.from(`${text}\r\n`),
      'bom.csv': Buffer.from(`\ufeff${text}\r\n`),
      'cr-at-end.csv': Buffer.from(`${text}\r`),
      'no-end.csv': Buffer.from(text),
      'gzip.csv.gz': gzipSync(Buffer.from(`\ufeff${text}\n`)),
      'quote-at-end.csv': Buffer.from(`${HEADER}\n${row({ 15: '"last"' })}`),
      'blank-lines.csv': Buffer.from(`\n\n${HEADER}\n\n${row()}\n\n`),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const file = path.join(dir, name);
      await fs.writeFile(file, bytes);
      const expected = await expectSameAsRecords(file);
      expect(expected).toHaveProperty('summary');
    }
  });

  it('fails where the record reader fails, with its message', async () => {
    const cases: Record<string, string | Buffer> = {
      'empty.csv': '',
      'header-only.csv': `${HEADER}\n`,
      'not-cost.csv': 'a,b,c\n1,2,3\n',
      'binary.csv': Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 10, 0, 0, 0]),
      'unterminated.csv': `${HEADER}\n${row()}\n1,"open\n2,3\n`,
      'missing-column.csv': 'BilledCost,ChargePeriodStart\n1,2026-01-01\n',
      'bom-cut.csv': Buffer.from([0xef, 0xbb]),
    };
    for (const [name, content] of Object.entries(cases)) {
      const file = path.join(dir, name);
      await fs.writeFile(file, content);
      const expected = await byRecords(file);
      expect([name, Object.keys(expected)]).toEqual([
        name,
        name === 'header-only.csv'
          ? ['summary', 'files', 'groups', 'facts']
          : ['error'],
      ]);
      for (const chunkBytes of CHUNKS)
        expect(await directly(file, { chunkBytes })).toEqual(expected);
    }
  });

  it('says it cannot open what is not a readable file, as the record reader does', async () => {
    const directory = path.join(dir, 'a-directory.csv');
    await fs.mkdir(directory, { recursive: true });
    for (const file of [path.join(dir, 'missing.csv'), directory]) {
      const expected = await byRecords(file);
      expect(expected).toEqual({
        error: expect.stringContaining(`${file}: cannot open:`),
      });
      expect(await directly(file, {})).toEqual(expected);
    }
  });

  it('gives what the record reader gives on the real provider exports', async () => {
    const files = [
      'focus/focus-1.2-quirks.csv',
      'providers/aws/sample-anonymous-aws-export-dataset.csv',
      'providers/azure/sample-anonymous-ea-export-dataset.csv',
      'providers/azure/EA_ActualCost_Small.csv',
      'providers/azure/EA_AmortizedCost_Small.csv',
      'providers/oci/reports_cost-csv_0000000030000269.csv',
    ];
    for (const name of files) {
      const expected = await expectSameAsRecords(path.join(FIXTURES, name));
      if (!('summary' in expected)) throw new Error(expected.error);
      expect(expected.summary.accepted).toBeGreaterThan(0);
    }
  });

  it('reads a part of a file as the record reader does: its rows, where it ends and its lines', async () => {
    const rows = QUIRKS.filter(r => r.trim() !== '');
    const file = path.join(dir, 'parts.csv');
    const text = `${[HEADER, ...rows].join('\n')}\n`;
    await fs.writeFile(file, text);
    const size = Buffer.byteLength(text);
    // every line start as a part's start, and an end a little further on
    const starts: number[] = [];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
      if (i + 1 < text.length)
        starts.push(Buffer.byteLength(text.slice(0, i + 1)));
    for (const start of starts) {
      for (const length of [1, 200, 450, size]) {
        const end = Math.min(size, start + length);
        const part = (continueIfCut: boolean): FilePart => ({
          range: { start, end },
          progress: { atRecordEnd: true, nextLine: 5 },
          continueIfCut,
        });
        for (const continueIfCut of [false, true]) {
          const old = part(continueIfCut);
          const expected = await byRecords(file, false, old);
          for (const chunkBytes of [16, 100, undefined]) {
            const mine = part(continueIfCut);
            const actual = await directly(file, { chunkBytes }, false, mine);
            expect({ start, end, chunkBytes, ...actual, part: mine }).toEqual({
              start,
              end,
              chunkBytes,
              ...expected,
              part: old,
            });
          }
        }
      }
    }
  });
});
