import type { NormalizedCostRow } from '@costwise/plugin-finops-common';
import type { CostRecord } from '@costwise/plugin-finops-node';
import { CostAggregator } from './aggregate';
import { factLines } from './__testUtils__/facts';

function row(overrides: Partial<NormalizedCostRow>): CostRecord {
  return {
    kind: 'row',
    file: 'costs.csv',
    line: 2,
    row: {
      chargePeriodStart: '2025-06-03T10:00:00.000Z',
      chargePeriodEnd: '2025-06-03T11:00:00.000Z',
      billingPeriodStart: '2025-06-01',
      billingAccountId: 'acct',
      providerName: 'AWS',
      serviceName: 'Amazon EC2',
      resourceId: 'i-0123456789abcdef',
      chargeCategory: 'Usage',
      billingCurrency: 'USD',
      tags: { team: 'payments' },
      billedCost: '1.10',
      effectiveCost: '1',
      listCost: '1.25',
      contractedCost: '1.10',
      ...overrides,
    },
  };
}

function add(aggregator: CostAggregator, records: CostRecord[]) {
  for (const record of records) aggregator.add(record);
  return aggregator;
}

describe('CostAggregator', () => {
  it('rejects a row whose cost is not a number, naming it, instead of failing the run', () => {
    const agg = add(new CostAggregator(), [
      row({ billedCost: 'twelve' }),
      row({ consumedQuantity: '1..5' }),
      row({}),
    ]);
    const summary = agg.summary();
    expect(summary.accepted).toBe(1);
    expect(summary.rejections.map(r => r.reason)).toEqual([
      "billedCost is not a number: 'twelve'",
      "consumedQuantity is not a number: '1..5'",
    ]);
    expect(summary.totals.USD.BilledCost).toBe('1.1');
  });

  it('counts rows per provider however the providers alternate', () => {
    const providers = ['AWS', 'AWS', 'Azure', 'AWS', 'Google Cloud', 'Azure'];
    const agg = add(
      new CostAggregator(),
      providers.map(p => row({ providerName: p })),
    );
    expect(agg.summary().providers).toEqual({
      AWS: 3,
      Azure: 2,
      'Google Cloud': 1,
    });
    expect(agg.providers).toEqual({ AWS: 3, Azure: 2, 'Google Cloud': 1 });
  });

  it('keeps a day charged outside its billing month apart, in that billing period', () => {
    const agg = add(new CostAggregator(), [
      row({}),
      row({
        chargePeriodStart: '2025-05-31T23:00:00.000Z',
        billedCost: '2',
      }),
      row({ billedCost: '0.000000000001' }),
    ]);
    const facts = [...agg.periodFacts().get('2025-06')!.facts].map(f => [
      f.day,
      f.billedCost.toString(),
      f.rowCount,
    ]);
    expect(facts).toEqual([
      ['2025-06-03', '1.100000000001', 2],
      ['2025-05-31', '2', 1],
    ]);
    expect(agg.periodFacts().get('2025-06')!.rows).toBe(3);
  });

  it('tells groups apart by every dimension, also for many resources of one bucket', () => {
    const records: CostRecord[] = [];
    for (let i = 0; i < 30; i++) {
      // Same resource, different SKUs and tags: more groups than a bucket keeps.
      records.push(row({ skuId: `sku-${i % 10}`, tags: { n: String(i % 3) } }));
    }
    const agg = add(new CostAggregator(), records);
    expect(agg.groups.size).toBe(30);
    expect(agg.factCount()).toBe(30);
    const again = add(agg, records);
    expect(again.groups.size).toBe(30);
    expect(
      [...again.periodFacts().get('2025-06')!.facts].every(
        f => f.rowCount === 2,
      ),
    ).toBe(true);
  });

  it('keeps resources apart whose ids differ only in the middle', () => {
    const ids = Array.from(
      { length: 50 },
      (_, i) =>
        `arn:aws:ec2:eu-west-1:${String(i).padStart(
          2,
          '0',
        )}:instance/shared-suffix-for-all-of-them`,
    );
    const records = ids.map((id, i) =>
      row({ resourceId: id, billedCost: `${i + 1}` }),
    );
    const agg = add(new CostAggregator(), [...records, ...records]);
    expect(agg.groups.size).toBe(50);
    const facts = [...agg.periodFacts().get('2025-06')!.facts];
    expect(facts.map(f => f.billedCost.toString())).toEqual(
      ids.map((_, i) => String(2 * (i + 1))),
    );
  });
});

describe('CostAggregator parts', () => {
  it('merges exported parts exactly, past 2^53 units, into groups it already has', () => {
    // amounts that carry into a bigint, a long decimal, credits, two days and two periods
    const records = (n: number, offset: number) =>
      Array.from({ length: n }, (_, i) =>
        row({
          billedCost: '9007199254740993.123456789',
          effectiveCost: i % 3 ? '-0.000000001' : '12345678901234567890.5',
          listCost: `${i + offset}.25`,
          consumedQuantity: '0.5',
          chargePeriodStart: `2025-0${6 + (i % 2)}-0${
            1 + (i % 3)
          }T00:00:00.000Z`,
          billingPeriodStart: `2025-0${6 + (i % 2)}-01`,
          resourceId: `r-${i % 4}`,
        }),
      );
    const first = records(40, 0);
    const second = records(50, 100);
    // a scale beyond 16 bits travels exactly too
    second.push(
      row({ contractedCost: `0.${'0'.repeat(70_000)}1`, resourceId: 'r-1' }),
      row({ contractedCost: '1.5', resourceId: 'r-1' }),
    );
    const whole = add(new CostAggregator(), [...first, ...second]);

    const part = add(new CostAggregator(), second);
    const merged = add(new CostAggregator(), first);
    for (const piece of part.exportParts(3)) merged.mergePart(piece, 1000);
    // rows read after the merge still find the merged groups
    const later = records(7, 500);
    add(merged, later);
    add(whole, later);

    expect(factLines(merged)).toEqual(factLines(whole));
    expect(merged.summary()).toEqual(whole.summary());
    expect([...merged.groups.keys()].sort()).toEqual(
      [...whole.groups.keys()].sort(),
    );
    expect(merged.summary().totals.USD.BilledCost).toBe(
      '873698327709876335.175308533',
    );
    expect(merged.summary().totals.USD.ContractedCost).toMatch(
      /^108\.20{69999}1$/,
    );
  });
});
