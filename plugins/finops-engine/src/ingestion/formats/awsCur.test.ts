import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import {
  Decimal,
  type NormalizedCostRow,
} from '@costwise/plugin-finops-common';
import { read, table, totals } from './__testUtils__/formatTests';
import { awsCurFormat } from './awsCur';
import { focusFormat } from './focus';

const SAMPLE = path.resolve(
  __dirname,
  '../__fixtures__/providers/aws/sample-anonymous-aws-export-dataset.csv',
);

function sumBy(
  records: Array<Record<string, string>>,
  value: string,
  key: string,
): Record<string, string> {
  const sums: Record<string, Decimal> = {};
  for (const r of records)
    sums[r[key]] = (sums[r[key]] ?? Decimal.ZERO).add(Decimal.parse(r[value]));
  return Object.fromEntries(
    Object.entries(sums).map(([k, v]) => [k, v.toString()]),
  );
}

const HEADER = [
  'bill/PayerAccountId',
  'bill/BillingPeriodStartDate',
  'lineItem/UsageAccountId',
  'lineItem/LineItemType',
  'lineItem/UsageStartDate',
  'lineItem/UsageEndDate',
  'lineItem/ProductCode',
  'lineItem/UsageAmount',
  'lineItem/CurrencyCode',
  'lineItem/UnblendedCost',
  'lineItem/ResourceId',
  'product/ProductName',
  'product/region',
  'pricing/publicOnDemandCost',
  'reservation/EffectiveCost',
  'reservation/ReservationARN',
  'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
  'reservation/UnusedRecurringFee',
  'savingsPlan/SavingsPlanARN',
  'savingsPlan/SavingsPlanEffectiveCost',
  'savingsPlan/TotalCommitmentToDate',
  'savingsPlan/UsedCommitment',
  'resourceTags/user:team',
  'resourceTags/aws:createdBy',
];
const BASE: Record<string, string> = {
  'bill/PayerAccountId': '111122223333',
  'bill/BillingPeriodStartDate': '2024-05-01T00:00:00Z',
  'lineItem/UsageAccountId': '444455556666',
  'lineItem/UsageStartDate': '2024-05-02T00:00:00Z',
  'lineItem/UsageEndDate': '2024-05-02T01:00:00Z',
  'lineItem/ProductCode': 'AmazonEC2',
  'lineItem/CurrencyCode': 'USD',
  'product/ProductName': 'Amazon Elastic Compute Cloud',
  'product/region': 'us-east-1',
};
const RI = 'arn:aws:ec2:us-east-1:111122223333:reserved-instances/r-1';
const SP = 'arn:aws:savingsplans::111122223333:savingsplan/sp-1';

const tempDirs: string[] = [];
afterAll(() =>
  Promise.all(tempDirs.map(d => fs.rm(d, { recursive: true, force: true }))),
);

async function writeCur(rows: Array<Record<string, string>>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-cur-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'cur.csv');
  const line = (r: Record<string, string>) =>
    HEADER.map(h => r[h] ?? '').join(',');
  await fs.writeFile(
    file,
    [HEADER.join(','), ...rows.map(r => line({ ...BASE, ...r }))].join('\n'),
  );
  return file;
}

describe('awsCurFormat', () => {
  it('reads every row of the real CUR sample, with exact totals per currency', async () => {
    const { rows, rejected, format } = await read(SAMPLE);
    const { records } = await table(SAMPLE);
    expect(format).toBe('aws-cur');
    expect(rows.length + rejected.length).toBe(records.length);
    expect(rejected).toEqual([]);

    const billed = totals(rows, r => r.billedCost);
    expect(billed).toEqual(
      sumBy(records, 'lineItem/UnblendedCost', 'lineItem/CurrencyCode'),
    );
    expect(billed).toEqual({ USD: '1.6823086974' });
    // No commitments in this account: amortized cost is the billed cost.
    expect(totals(rows, r => r.effectiveCost)).toEqual(billed);

    const usage = records.filter(r => r['lineItem/LineItemType'] === 'Usage');
    const usageRows = rows.filter(r => r.chargeCategory === 'Usage');
    expect(totals(usageRows, r => r.listCost)).toEqual(
      sumBy(usage, 'pricing/publicOnDemandCost', 'lineItem/CurrencyCode'),
    );
  });

  it('maps the Tax line items to Tax, with list cost equal to the billed tax', async () => {
    const { rows } = await read(SAMPLE);
    const tax = rows.filter(r => r.chargeCategory === 'Tax');
    expect(tax).toHaveLength(12);
    expect(rows.filter(r => r.chargeCategory === 'Usage')).toHaveLength(1269);
    expect(
      new Set(
        rows
          .filter(r => r.chargeCategory === 'Usage')
          .map(r => r.pricingCategory),
      ),
    ).toEqual(new Set(['Standard']));
    expect(totals(tax, r => r.billedCost)).toEqual({ USD: '0.08' });
    expect(
      tax.every(
        r => r.listCost === r.billedCost && r.effectiveCost === r.billedCost,
      ),
    ).toBe(true);
    const s3 = tax.find(
      r => r.serviceName === 'Amazon Simple Storage Service',
    )!;
    expect(s3).toMatchObject({
      billedCost: '0.07',
      providerName: 'AWS',
      billingAccountId: '123412340534',
      subAccountId: '123412340534',
      billingPeriodStart: '2023-11-01',
      chargePeriodStart: '2023-11-01T00:00:00.000Z',
      chargePeriodEnd: '2023-12-01T00:00:00.000Z',
    });
  });

  it('amortizes Savings Plans and Reserved Instances as the CUR does', async () => {
    const file = await writeCur([
      {
        'lineItem/LineItemType': 'SavingsPlanCoveredUsage',
        'lineItem/UnblendedCost': '1.00',
        'pricing/publicOnDemandCost': '1.00',
        'savingsPlan/SavingsPlanEffectiveCost': '0.72',
        'savingsPlan/SavingsPlanARN': SP,
        'lineItem/UsageAmount': '1',
        'lineItem/ResourceId': 'i-1',
        'resourceTags/user:team': 'web',
        'resourceTags/aws:createdBy': 'alice',
      },
      {
        'lineItem/LineItemType': 'SavingsPlanNegation',
        'lineItem/UnblendedCost': '-1.00',
        'savingsPlan/SavingsPlanARN': SP,
        'lineItem/ResourceId': 'i-1',
      },
      {
        'lineItem/LineItemType': 'SavingsPlanRecurringFee',
        'lineItem/UnblendedCost': '10',
        'savingsPlan/SavingsPlanARN': SP,
        'savingsPlan/TotalCommitmentToDate': '10',
        'savingsPlan/UsedCommitment': '7.5',
      },
      {
        'lineItem/LineItemType': 'DiscountedUsage',
        'lineItem/UnblendedCost': '0',
        'pricing/publicOnDemandCost': '0.5',
        'reservation/EffectiveCost': '0.3',
        'reservation/ReservationARN': RI,
      },
      {
        'lineItem/LineItemType': 'RIFee',
        'lineItem/UnblendedCost': '20',
        'reservation/ReservationARN': RI,
        'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod': '1.25',
        'reservation/UnusedRecurringFee': '0.75',
      },
      {
        'lineItem/LineItemType': 'Fee',
        'lineItem/UnblendedCost': '300',
        'reservation/ReservationARN': RI,
      },
      { 'lineItem/LineItemType': 'Credit', 'lineItem/UnblendedCost': '-5' },
      {
        'lineItem/LineItemType': 'BundledDiscount',
        'lineItem/UnblendedCost': '-0.1',
      },
      { 'lineItem/LineItemType': 'Refund', 'lineItem/UnblendedCost': '-2' },
      {
        'lineItem/LineItemType': 'SomethingNew',
        'lineItem/UnblendedCost': '0.01',
      },
    ]);
    const { rows, rejected } = await read(file);
    expect(rejected).toEqual([]);
    const exact = (v: string) => Decimal.parse(v).toString();
    const pick = (r: NormalizedCostRow) => [
      r.chargeCategory,
      exact(r.billedCost),
      exact(r.effectiveCost),
      exact(r.listCost),
      exact(r.contractedCost),
    ];
    expect(rows.map(pick)).toEqual([
      ['Usage', '1', '0.72', '1', '1'],
      ['Adjustment', '-1', '0', '0', '0'],
      ['Purchase', '10', '2.5', '10', '10'],
      ['Usage', '0', '0.3', '0.5', '0.5'],
      ['Purchase', '20', '2', '20', '20'],
      ['Purchase', '300', '0', '300', '300'],
      ['Credit', '-5', '-5', '-5', '-5'],
      ['Credit', '-0.1', '-0.1', '-0.1', '-0.1'],
      ['Credit', '-2', '-2', '-2', '-2'],
      ['Adjustment', '0.01', '0.01', '0.01', '0.01'],
    ]);
    expect(rows[0]).toMatchObject({
      commitmentDiscountId: SP,
      commitmentDiscountStatus: 'Used',
      pricingCategory: 'Committed',
      resourceId: 'i-1',
      consumedQuantity: '1',
      tags: { team: 'web', 'aws:createdBy': 'alice' },
    });
    expect(rows[1].tags).toEqual({});
    expect(rows[3].commitmentDiscountId).toBe(RI);
  });

  it('rejects bad rows with a reason and keeps the good ones', async () => {
    const file = await writeCur([
      { 'lineItem/LineItemType': 'Usage', 'lineItem/UnblendedCost': '0.25' },
      { 'lineItem/LineItemType': 'Usage', 'lineItem/UnblendedCost': 'n/a-ish' },
      {
        'lineItem/LineItemType': 'Usage',
        'lineItem/UnblendedCost': '1',
        'lineItem/CurrencyCode': 'XYZ',
      },
      {
        'lineItem/LineItemType': 'Usage',
        'lineItem/UnblendedCost': '1',
        'lineItem/UsageEndDate': '2024-05-01T00:00:00Z',
      },
      {
        'lineItem/LineItemType': 'Usage',
        'lineItem/UnblendedCost': '1',
        'lineItem/UsageStartDate': 'yesterday',
      },
    ]);
    const { rows, rejected } = await read(file);
    expect(rows.map(r => r.billedCost)).toEqual(['0.25']);
    expect(rejected.map(r => [r.line, r.reason])).toEqual([
      [3, "lineItem/UnblendedCost is not a number: 'n/a-ish'"],
      [4, "unknown currency code 'XYZ'"],
      [
        5,
        'lineItem/UsageEndDate (2024-05-01T00:00:00Z) is before lineItem/UsageStartDate (2024-05-02T00:00:00Z)',
      ],
      [6, "lineItem/UsageStartDate is not a date: 'yesterday'"],
    ]);
  });

  it('is told apart from FOCUS in both directions', () => {
    const curHeader = HEADER;
    const focusHeader = [
      'BilledCost',
      'EffectiveCost',
      'BillingCurrency',
      'ChargePeriodStart',
      'ChargePeriodEnd',
      'ServiceName',
      'ProviderName',
      'x_UsageType',
    ];
    expect(awsCurFormat.detect(curHeader)).toBe(true);
    expect(focusFormat.detect(curHeader)).toBe(false);
    expect(awsCurFormat.detect(focusHeader)).toBe(false);
    expect(() =>
      awsCurFormat.createMapper(
        ['lineItem/UnblendedCost', 'lineItem/LineItemType'],
        {},
      ),
    ).toThrow(
      /lineItem\/UsageStartDate, lineItem\/UsageEndDate, product\/ProductName/,
    );
  });
});
