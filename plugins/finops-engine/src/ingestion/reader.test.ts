import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import { CostAggregator } from './aggregate';
import { CostFileError, readCostFile, readCostFiles } from './reader';

const QUIRKS = path.resolve(
  __dirname,
  '__fixtures__/focus/focus-1.2-quirks.csv',
);

async function summarize(file: string) {
  const aggregator = new CostAggregator();
  for await (const record of readCostFile(file)) aggregator.add(record);
  return aggregator;
}

describe('readCostFile on FOCUS', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-reader-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('accounts for every row of a quirky export and sums it exactly per currency', async () => {
    const agg = await summarize(QUIRKS);
    const summary = agg.summary();
    expect(summary.rows).toBe(16);
    expect(summary.accepted + summary.rejected).toBe(summary.rows);
    expect(summary.accepted).toBe(9);
    expect(summary.totals).toEqual({
      EUR: {
        BilledCost: '5',
        EffectiveCost: '5',
        ListCost: '5.5',
        ContractedCost: '5.5',
      },
      USD: {
        BilledCost: '739.9634567891',
        EffectiveCost: '34.2934567891',
        ListCost: '770.54',
        ContractedCost: '770.42',
      },
    });
    expect(summary.billingPeriods).toEqual(['2024-09']);
    expect(summary.providers).toEqual({ AWS: 7, Microsoft: 2 });
  });

  it('gives each rejected row its line and reason', async () => {
    const { rejections } = (await summarize(QUIRKS)).summary();
    expect(rejections.map(r => [r.line, r.reason])).toEqual([
      [11, "BilledCost is not a number: 'twelve'"],
      [12, "unknown currency code 'ZZZ'"],
      [
        13,
        'ChargePeriodEnd (2024-09-04) is before ChargePeriodStart (2024-09-05)',
      ],
      [14, "ChargePeriodStart is not a date: 'not a date'"],
      [15, "Tags is not a JSON object: '{not json'"],
      [16, "unknown ChargeCategory 'Refund?'"],
      [17, 'row has 5 fields, the header has 32'],
    ]);
  });

  it('aggregates rows of the same group and day into one daily fact, whatever the tag key order', async () => {
    const agg = await summarize(QUIRKS);
    const facts = [...agg.facts.get('2024-09')!.values()];
    const ec2 = facts.filter(
      f =>
        agg.groups.get(f.keyHash)!.serviceName ===
          'Amazon Elastic Compute Cloud' && f.day === '2024-09-03',
    );
    expect(ec2).toHaveLength(1);
    expect(ec2[0].billedCost.toString()).toBe('1.1234567891');
    expect(ec2[0].rowCount).toBe(2);
    expect(ec2[0].consumedQuantity.toString()).toBe('25');
    expect(agg.groups.get(ec2[0].keyHash)!.tags).toBe(
      '{" Environment":"prod","application":"checkout-api"}',
    );
  });

  it('keeps commitment purchases, used and unused commitment rows apart', async () => {
    const agg = await summarize(QUIRKS);
    const groups = [...agg.groups.values()].filter(g =>
      g.commitmentId?.endsWith('ri-123'),
    );
    expect(
      groups.map(g => [g.chargeCategory, g.commitmentStatus ?? null]).sort(),
    ).toEqual([
      ['Purchase', null],
      ['Usage', 'Unused'],
      ['Usage', 'Used'],
    ]);
  });

  it('reads gzip-compressed CSV, by content rather than by name', async () => {
    const gz = path.join(dir, 'export.csv');
    await fs.writeFile(gz, gzipSync(await fs.readFile(QUIRKS)));
    const { rejections: fromGzip, ...gzipSummary } = (
      await summarize(gz)
    ).summary();
    const { rejections: fromCsv, ...csvSummary } = (
      await summarize(QUIRKS)
    ).summary();
    expect(gzipSummary).toEqual(csvSummary);
    expect(fromGzip.map(r => r.reason)).toEqual(fromCsv.map(r => r.reason));
  });

  it('reads several files through a glob', async () => {
    await fs.copyFile(QUIRKS, path.join(dir, 'a.csv'));
    await fs.copyFile(QUIRKS, path.join(dir, 'b.csv'));
    const agg = new CostAggregator({ summaryOnly: true });
    for await (const r of readCostFiles([path.join(dir, '{a,b}.csv')]))
      agg.add(r);
    expect(agg.files).toHaveLength(2);
    expect(agg.summary().totals.EUR.BilledCost).toBe('10');
  });

  it.each([
    [
      'empty.csv',
      '',
      /empty file; expected .*FOCUS cost and usage export \(columns BilledCost/,
    ],
    [
      'wrong.csv',
      'name,age\nbob,3\n',
      /not a cost export: expected .*AWS.*FOCUS cost and usage export .*found columns name, age/,
    ],
    [
      'binary.csv',
      Buffer.from([
        0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3, 0, 0, 0, 9, 10, 0,
      ]),
      /binary content/,
    ],
    [
      'partial.csv',
      'BilledCost,ChargePeriodStart\n1,2024-01-01\n',
      /missing mandatory FOCUS column\(s\) BillingCurrency, ChargePeriodEnd, ServiceName, ProviderName/,
    ],
    [
      'quote.csv',
      'BilledCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ServiceName,ProviderName\n"1,USD,2024-01-01\n',
      /malformed CSV: unterminated quoted field starting on line 2/,
    ],
  ])('fails %s with one clear message', async (name, content, message) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    await expect(summarize(file)).rejects.toThrow(CostFileError);
    await expect(summarize(file)).rejects.toThrow(message);
  });

  it('fails on a missing file', async () => {
    await expect(async () => {
      for await (const _ of readCostFiles([path.join(dir, 'nope.csv')])) {
        // drain
      }
    }).rejects.toThrow(/nope.csv: no such file/);
  });
});
