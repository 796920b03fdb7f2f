import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Decimal } from '@costwise/plugin-finops-common';
import { read, table, totals } from './__testUtils__/formatTests';
import { awsCurFormat } from './awsCur';
import { azureExportFormat } from './azureExport';
import { focusFormat } from './focus';
import { ociFormat } from './oci';

const SAMPLE = path.resolve(
  __dirname,
  '../__fixtures__/providers/oci/reports_cost-csv_0000000030000269.csv',
);

const HEADER =
  'lineItem/referenceNo,lineItem/tenantId,lineItem/intervalUsageStart,lineItem/intervalUsageEnd,product/service,product/compartmentId,product/compartmentName,product/region,product/resourceId,usage/billedQuantity,cost/productSku,cost/unitPrice,cost/myCost,cost/currencyCode,cost/skuUnitDescription,lineItem/isCorrection,tags/Finance.CostCenter,tags/Oracle-Tags.CreatedBy';

const tempDirs: string[] = [];
afterAll(() =>
  Promise.all(tempDirs.map(d => fs.rm(d, { recursive: true, force: true }))),
);

async function write(lines: string[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-oci-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'reports_cost-csv_0001.csv');
  await fs.writeFile(file, [HEADER, ...lines].join('\n'));
  return file;
}

describe('ociFormat', () => {
  it('reads every row of the real cost report, with exact totals per currency', async () => {
    const { rows, rejected, format } = await read(SAMPLE);
    const { records } = await table(SAMPLE);
    expect(format).toBe('oci');
    expect(rows.length + rejected.length).toBe(records.length);
    expect(rejected).toEqual([]);

    const expected: Record<string, Decimal> = {};
    for (const r of records) {
      const cur = r['cost/currencyCode'];
      expected[cur] = (expected[cur] ?? Decimal.ZERO).add(
        Decimal.parse(r['cost/myCost']),
      );
    }
    const billed = totals(rows, r => r.billedCost);
    expect(billed).toEqual(
      Object.fromEntries(
        Object.entries(expected).map(([k, v]) => [k, v.toString()]),
      ),
    );
    expect(billed).toEqual({ USD: '2.523589325400648027' });
    for (const measure of [
      'effectiveCost',
      'listCost',
      'contractedCost',
    ] as const) {
      expect(totals(rows, r => r[measure])).toEqual(billed);
    }
  });

  it('maps accounts, periods and services', async () => {
    const { rows } = await read(SAMPLE);
    expect(rows[0]).toMatchObject({
      providerName: 'Oracle',
      serviceName: 'DATABASE',
      chargeCategory: 'Usage',
      chargeClass: undefined,
      billingAccountId:
        'ocid1.tenancy.oc1..aaaaaaaadsyhydp66mjpsohqocfcgzaabtrit47ex2igzu2j6lhuadrrglca',
      subAccountName: 'platformpm2022',
      regionId: 'us-sanjose-1',
      skuId: 'B92911',
      chargePeriodStart: '2023-11-13T10:00:00.000Z',
      chargePeriodEnd: '2023-11-13T11:00:00.000Z',
      billingPeriodStart: '2023-11-01',
      consumedQuantity: '0.083333333333',
      consumedUnit: 'Hours',
    });
    expect(rows[0].resourceId).toMatch(/^ocid1\.autonomousdatabase\./);
    expect(new Set(rows.map(r => r.subAccountName))).toEqual(
      new Set(['platformpm2022', 'redbullhol']),
    );
  });

  it('turns the tags/<namespace>.<key> columns into tags', async () => {
    const { rows } = await read(SAMPLE);
    const { header, records } = await table(SAMPLE);
    const tagColumns = header.filter(h => h.startsWith('tags/'));
    const tagged = records.filter(r => tagColumns.some(c => r[c] !== ''));
    expect(rows.filter(r => Object.keys(r.tags).length > 0)).toHaveLength(
      tagged.length,
    );
    expect(tagged).toHaveLength(272);
    expect(rows[0].tags).toEqual({
      'Oracle-Tags.CreatedBy': 'default/user1@example.com',
      'OracleInternalReserved.CostCenter': '607825',
      'OracleInternalReserved.OwnerEmail': 'user2@example.com',
      'OracleInternalReserved.Phonebook': 'accounts',
      'OracleInternalReserved.ServiceType': 'Other',
      'OracleInternalReserved.UsageType': 'development-pre-production',
      'Valtest.Cat': 'boots',
    });
    const release = rows.find(
      r => 'DevRel\\redbull-analytics-hol-4cb4.release' in r.tags,
    );
    expect(release?.subAccountName).toBe('redbullhol');
  });

  it('marks corrections and rejects bad rows with a reason', async () => {
    const ok =
      'r1,ocid1.tenancy.oc1..t,2024-01-05T10:00Z,2024-01-05T11:00Z,COMPUTE,ocid1.compartment.oc1..c,dev,eu-frankfurt-1,ocid1.instance.oc1..i,2,B1,0.5,1,EUR,Hours';
    const file = await write([
      `${ok},false,cc-1,`,
      'r2,ocid1.tenancy.oc1..t,2024-01-05T10:00Z,2024-01-05T11:00Z,COMPUTE,c,dev,eu-frankfurt-1,i,1,B1,0.5,-0.5,EUR,Hours,true,,',
      'r3,ocid1.tenancy.oc1..t,2024-01-05T10:00Z,2024-01-05T11:00Z,COMPUTE,c,dev,eu-frankfurt-1,i,1,B1,0.5,1.2.3,EUR,Hours,false,,',
      'r4,ocid1.tenancy.oc1..t,2024-01-05T10:00Z,2024-01-05T11:00Z,COMPUTE,c,dev,eu-frankfurt-1,i,1,B1,0.5,1,ABC,Hours,false,,',
      'r5,ocid1.tenancy.oc1..t,2024-01-05T10:00Z,2024-01-05T09:00Z,COMPUTE,c,dev,eu-frankfurt-1,i,1,B1,0.5,1,EUR,Hours,false,,',
      'r6,ocid1.tenancy.oc1..t,2024-01-05T10:00Z,2024-01-05T11:00Z,,c,dev,eu-frankfurt-1,i,1,B1,0.5,1,EUR,Hours,false,,',
    ]);
    const { rows, rejected } = await read(file);
    expect(rows.map(r => [r.billedCost, r.chargeClass, r.tags])).toEqual([
      ['1', undefined, { 'Finance.CostCenter': 'cc-1' }],
      ['-0.5', 'Correction', {}],
    ]);
    expect(rejected.map(r => [r.line, r.reason])).toEqual([
      [4, "cost/myCost is not a number: '1.2.3'"],
      [5, "unknown currency code 'ABC'"],
      [
        6,
        'lineItem/intervalUsageEnd (2024-01-05T09:00Z) is before lineItem/intervalUsageStart (2024-01-05T10:00Z)',
      ],
      [7, 'product/service is empty'],
    ]);
  });

  it('is told apart from FOCUS and the other provider formats', async () => {
    const { header } = await table(SAMPLE);
    const focusHeader = [
      'BilledCost',
      'BillingCurrency',
      'ChargePeriodStart',
      'ChargePeriodEnd',
      'ServiceName',
      'ProviderName',
      'ResourceId',
      'Tags',
    ];
    expect(ociFormat.detect(header)).toBe(true);
    for (const other of [focusFormat, awsCurFormat, azureExportFormat])
      expect(other.detect(header)).toBe(false);
    expect(ociFormat.detect(focusHeader)).toBe(false);
  });
});
