import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { CostAggregator } from './aggregate';
import { readCostFile } from './reader';

jest.setTimeout(60_000);

/** Writes a small FOCUS Parquet file with DuckDB: DECIMAL costs, a map of tags, timestamps. */
async function writeParquet(file: string) {
  const { DuckDBInstance } = require('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`
    COPY (
      SELECT * FROM (VALUES
        ('111', 'USD', TIMESTAMP '2025-03-01 00:00:00', TIMESTAMP '2025-03-04 00:00:00', TIMESTAMP '2025-03-05 00:00:00',
         CAST('0.12345678901' AS DECIMAL(20, 11)), CAST('0.12345678901' AS DECIMAL(20, 11)), CAST('0.2' AS DECIMAL(20, 11)), CAST('0.2' AS DECIMAL(20, 11)),
         'AWS', 'Amazon EC2', 'Usage', 'i-1', MAP {'application': 'checkout-api', 'environment': 'prod'}),
        ('111', 'USD', TIMESTAMP '2025-03-01 00:00:00', TIMESTAMP '2025-03-04 00:00:00', TIMESTAMP '2025-03-05 00:00:00',
         CAST('-3.5' AS DECIMAL(20, 11)), CAST('-3.5' AS DECIMAL(20, 11)), CAST('-3.5' AS DECIMAL(20, 11)), CAST('-3.5' AS DECIMAL(20, 11)),
         'AWS', 'Amazon EC2', 'Credit', NULL, MAP {}),
        ('111', 'EUR', TIMESTAMP '2025-03-01 00:00:00', TIMESTAMP '2025-03-05 00:00:00', TIMESTAMP '2025-03-04 00:00:00',
         CAST('1' AS DECIMAL(20, 11)), CAST('1' AS DECIMAL(20, 11)), CAST('1' AS DECIMAL(20, 11)), CAST('1' AS DECIMAL(20, 11)),
         'Microsoft', 'Azure SQL', 'Usage', 'db-1', MAP {'app': 'orders'})
      ) AS t(BillingAccountId, BillingCurrency, BillingPeriodStart, ChargePeriodStart, ChargePeriodEnd,
             BilledCost, EffectiveCost, ListCost, ContractedCost, ProviderName, ServiceName, ChargeCategory, ResourceId, Tags)
    ) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2)`);
  connection.closeSync?.();
}

describe('readCostFile on FOCUS Parquet', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-parquet-'));
    file = path.join(dir, 'focus.parquet');
    await writeParquet(file);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads rows with exact DECIMAL costs, map tags and timestamps, and rejects bad rows with a reason', async () => {
    const aggregator = new CostAggregator();
    for await (const record of readCostFile(file)) aggregator.add(record);
    const summary = aggregator.summary();
    expect(summary.rows).toBe(3);
    expect(summary.accepted).toBe(2);
    expect(summary.totals).toEqual({
      USD: {
        BilledCost: '-3.37654321099',
        EffectiveCost: '-3.37654321099',
        ListCost: '-3.3',
        ContractedCost: '-3.3',
      },
    });
    expect(summary.rejections).toEqual([
      {
        file,
        line: 3,
        reason: expect.stringMatching(
          /ChargePeriodEnd .* is before ChargePeriodStart/,
        ),
      },
    ]);
    const tags = [...aggregator.groups.values()].map(g => g.tags);
    expect(tags).toContain(
      '{"application":"checkout-api","environment":"prod"}',
    );
    const [fact] = [...aggregator.facts.get('2025-03')!.values()].filter(
      f => f.day === '2025-03-04',
    );
    expect(fact).toBeDefined();
  });
});
