import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import {
  Decimal,
  type NormalizedCostRow,
} from '@costwise/plugin-finops-common';
import { read, table, totals } from './__testUtils__/formatTests';
import { azureExportFormat } from './azureExport';
import { focusFormat } from './focus';

const DIR = path.resolve(__dirname, '../__fixtures__/providers/azure');
const ACTUAL = path.join(DIR, 'EA_ActualCost_Small.csv');
const AMORTIZED = path.join(DIR, 'EA_AmortizedCost_Small.csv');
const ANONYMOUS = path.join(DIR, 'sample-anonymous-ea-export-dataset.csv');

/** Exact sums of one column per currency, over the records that pass `keep`. */
function sumBy(
  records: Array<Record<string, string>>,
  value: string,
  currency: string,
  keep = (_r: Record<string, string>) => true,
) {
  const sums: Record<string, Decimal> = {};
  for (const r of records.filter(keep))
    sums[r[currency]] = (sums[r[currency]] ?? Decimal.ZERO).add(
      Decimal.parse(r[value]),
    );
  return Object.fromEntries(
    Object.entries(sums).map(([k, v]) => [k, v.toString()]),
  );
}

const isCommitment = (r: Record<string, string>) =>
  r.PricingModel === 'Reservation' || r.PricingModel === 'SavingsPlan';

const tempDirs: string[] = [];
afterAll(() =>
  Promise.all(tempDirs.map(d => fs.rm(d, { recursive: true, force: true }))),
);

async function write(lines: string[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-azure-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'export.csv');
  await fs.writeFile(file, lines.join('\r\n'));
  return file;
}

describe('azureExportFormat', () => {
  it.each([ACTUAL, AMORTIZED, ANONYMOUS].map(f => [path.basename(f), f]))(
    'accepts every row of %s',
    async (_name, file) => {
      const { rows, rejected, format } = await read(file);
      expect(format).toBe('azure-export');
      expect(rows.length + rejected.length).toBe(
        (await table(file)).records.length,
      );
      expect(rejected).toEqual([]);
      expect(rows.every(r => r.providerName === 'Microsoft')).toBe(true);
    },
  );

  it('actual cost: BilledCost is Cost, the reservation purchase is amortized away', async () => {
    const { rows } = await read(ACTUAL);
    const { records } = await table(ACTUAL);
    expect(totals(rows, r => r.billedCost)).toEqual(
      sumBy(records, 'Cost', 'BillingCurrency'),
    );
    expect(totals(rows, r => r.billedCost)).toEqual({
      USD: '8.5450077867419368',
    });
    const purchase = (r: Record<string, string>) =>
      r.ChargeType === 'Purchase' && r.PricingModel === 'Reservation';
    expect(totals(rows, r => r.effectiveCost)).toEqual(
      sumBy(records, 'Cost', 'BillingCurrency', r => !purchase(r)),
    );
    expect(rows.find(r => r.chargeCategory === 'Purchase')).toMatchObject({
      billedCost: '3.25',
      effectiveCost: '0',
      pricingCategory: 'Committed',
      commitmentDiscountId:
        '/providers/Microsoft.Capacity/reservationOrders/49ed0e4d-8e0c-4f1f-af2c-67c865056615/reservations/',
      chargePeriodStart: '2023-09-21T00:00:00.000Z',
      chargePeriodEnd: '2023-09-22T00:00:00.000Z',
      billingPeriodStart: '2023-09-01',
      billingAccountId: '8611537',
      subAccountName: 'Cost Management Research',
    });
  });

  it('amortized cost: covered usage carries EffectiveCost but no BilledCost', async () => {
    const { rows } = await read(AMORTIZED);
    const { records } = await table(AMORTIZED);
    expect(totals(rows, r => r.billedCost)).toEqual(
      sumBy(records, 'Cost', 'BillingCurrency', r => !isCommitment(r)),
    );
    expect(totals(rows, r => r.effectiveCost)).toEqual(
      sumBy(records, 'Cost', 'BillingCurrency'),
    );
    expect(totals(rows, r => r.effectiveCost)).toEqual({
      USD: '16.296932136636644627485419',
    });

    const reservation = rows.find(r =>
      r.commitmentDiscountId?.includes('reservationOrders'),
    )!;
    expect(reservation).toMatchObject({
      chargeCategory: 'Usage',
      billedCost: '0',
      effectiveCost: '0.493152',
      // PayGPrice is 0 on reservation rows, so list falls back to UnitPrice × Quantity.
      contractedCost: '1.168',
      listCost: '1.168',
      commitmentDiscountStatus: 'Used',
      pricingCategory: 'Committed',
      regionId: 'eastus',
      consumedQuantity: '8',
      consumedUnit: '1 Hour',
    });
    const savingsPlan = rows.find(r =>
      r.commitmentDiscountId?.includes('savingsPlanOrders'),
    )!;
    expect(savingsPlan).toMatchObject({
      billedCost: '0',
      effectiveCost: '0.006000000468',
      listCost: '0.013347594624',
    });
    expect(rows.filter(r => r.effectiveCost !== r.billedCost)).toEqual([
      reservation,
      savingsPlan,
    ]);
  });

  it('parses tags written without outer braces', async () => {
    const { rows } = await read(ACTUAL);
    expect(rows[0].tags).toEqual({});
    expect(rows[1].tags).toEqual({
      CostCenter: '1234',
      env: 'prod',
      org: 'trey',
      application: 'databricks',
      'databricks-environment': 'true',
    });
    const amortized = (await read(AMORTIZED)).rows;
    expect(amortized.filter(r => Object.keys(r.tags).length > 0)).toHaveLength(
      27,
    );
    expect(amortized[0].tags).toMatchObject({
      'aks-managed-createOperationID': '',
      'aks-managed-poolName': 'agentpool',
      env: 'prod',
    });
  });

  it('reads the CostInBillingCurrency/BillingCurrencyCode column set and US dates without leading zeros', async () => {
    const { rows } = await read(ANONYMOUS);
    const { records } = await table(ANONYMOUS);
    expect(totals(rows, r => r.billedCost)).toEqual(
      sumBy(records, 'CostInBillingCurrency', 'BillingCurrencyCode'),
    );
    expect(totals(rows, r => r.billedCost)).toEqual({
      CAD: '1.26136926505726',
    });
    expect(rows[0]).toMatchObject({
      chargePeriodStart: '2023-09-02T00:00:00.000Z',
      tags: { tagA: 'valueA', tagB: 'valueB', tagC: 'valueC' },
    });
    expect(rows.filter(r => r.pricingCategory === 'Dynamic')).toHaveLength(3);
  });

  it('reads MCA camelCase exports with unused reservations, refunds and tax', async () => {
    const benefit =
      '/providers/Microsoft.Capacity/reservationOrders/o1/reservations/r1';
    const file = await write([
      'billingAccountId,subscriptionId,date,meterCategory,resourceId,resourceLocation,chargeType,pricingModel,quantity,unitPrice,PayGPrice,paygCostInBillingCurrency,exchangeRatePricingToBilling,costInBillingCurrency,billingCurrency,benefitId,tags',
      `ba1,sub1,2024-03-05,Storage,/subscriptions/sub1/x,West Europe,Usage,OnDemand,2,0.5,0.6,1.3,1.1,1.1,EUR,,"""team"": ""web"",""env"": ""prod"""`,
      `ba1,sub1,2024-03-05,Virtual Machines,,westeurope,UnusedReservation,Reservation,3,,,,,0.4,EUR,${benefit},`,
      `ba1,sub1,2024-03-01,Virtual Machines,,,Purchase,Reservation,1,100,,,,100,EUR,${benefit},`,
      `ba1,sub1,2024-03-20,Virtual Machines,,,Refund,Reservation,1,,,,,-40,EUR,${benefit},`,
      'ba1,sub1,2024-03-31,,,,Tax,,,,,,,5,EUR,,',
      'ba1,sub1,2024-03-31,,,,RoundingAdjustment,,,,,,,0.01,EUR,,',
    ]);
    const { rows, rejected } = await read(file);
    expect(rejected).toEqual([]);
    const pick = (r: NormalizedCostRow) => [
      r.chargeCategory,
      r.billedCost,
      r.effectiveCost,
      r.listCost,
      r.contractedCost,
    ];
    expect(rows.map(pick)).toEqual([
      ['Usage', '1.1', '1.1', '1.3', '1.1'],
      ['Usage', '0', '0.4', '0.4', '0.4'],
      ['Purchase', '100', '0', '100', '100'],
      ['Purchase', '-40', '0', '-40', '-40'],
      ['Tax', '5', '5', '5', '5'],
      ['Adjustment', '0.01', '0.01', '0.01', '0.01'],
    ]);
    expect(rows[0]).toMatchObject({
      tags: { team: 'web', env: 'prod' },
      regionId: 'westeurope',
      pricingCategory: 'Standard',
    });
    expect(rows[1]).toMatchObject({
      commitmentDiscountStatus: 'Unused',
      resourceId: benefit,
      consumedQuantity: undefined,
    });
    expect(rows[3].chargeClass).toBe('Correction');
    expect(rows[4].serviceName).toBe('Azure');
  });

  it('reads localized headers that carry the English name in parentheses', async () => {
    const file = await write([
      'Abonnement-GUID (SubscriptionGuid),UsageDateTime (UsageDateTime),Kategorie der Verbrauchseinheit (MeterCategory),PreTaxCost (PreTaxCost),InstanceId (InstanceId),Currency',
      'sub-9,2021-02-02,Load Balancer,0.075,/subscriptions/sub-9/lb,USD',
    ]);
    const { rows, rejected } = await read(file);
    expect(rejected).toEqual([]);
    expect(rows[0]).toMatchObject({
      subAccountId: 'sub-9',
      serviceName: 'Load Balancer',
      billedCost: '0.075',
      resourceId: '/subscriptions/sub-9/lb',
    });
  });

  it('rejects bad rows with a reason and keeps the good ones', async () => {
    const file = await write([
      'Date,SubscriptionId,MeterCategory,ChargeType,Cost,BillingCurrency,Tags',
      '09/04/2023,s1,Storage,Usage,0.5,USD,',
      '09/04/2023,s1,Storage,Usage,12..5,USD,',
      '09/04/2023,s1,Storage,Usage,1,ZZZ,',
      '13/45/2023,s1,Storage,Usage,1,USD,',
      '09/04/2023,s1,Storage,Usage,1,USD,not tags',
    ]);
    const { rows, rejected } = await read(file);
    expect(rows.map(r => r.billedCost)).toEqual(['0.5']);
    expect(rejected.map(r => [r.line, r.reason])).toEqual([
      [3, "Cost is not a number: '12..5'"],
      [4, "unknown currency code 'ZZZ'"],
      [5, "Date is not a date: '13/45/2023'"],
      [6, "Tags is not a JSON object: 'not tags'"],
    ]);
  });

  it('is told apart from FOCUS in both directions', async () => {
    const { header: azureHeader } = await table(ACTUAL);
    const focusHeader = [
      'BilledCost',
      'BillingCurrency',
      'ChargePeriodStart',
      'ChargePeriodEnd',
      'ServiceName',
      'ProviderName',
      'SubAccountId',
      'x_SkuMeterCategory',
    ];
    expect(azureExportFormat.detect(azureHeader)).toBe(true);
    expect(focusFormat.detect(azureHeader)).toBe(false);
    expect(azureExportFormat.detect(focusHeader)).toBe(false);
  });
});
