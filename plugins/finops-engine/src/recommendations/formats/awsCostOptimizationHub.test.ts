import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import {
  awsCostOptimizationHubFormat as format,
  cohSubcategory,
} from './awsCostOptimizationHub';
import { readRecommendationFile } from './index';

jest.setTimeout(60_000);

const FIXTURES = path.join(__dirname, '__fixtures__');

async function parseFixture(name: string) {
  const file = path.join(FIXTURES, name);
  return format.parse({ path: file, content: await fs.readFile(file) });
}

describe('aws-cost-optimization-hub: the data export (CSV)', () => {
  it('reads each recommendation with the after-discount saving as a negative impact', async () => {
    const result = await parseFixture('aws-coh-export.csv');
    expect(result.format).toBe('aws-cost-optimization-hub');
    expect(result.rows.map(r => r.RecommendationId)).toEqual([
      'MTIzNDU2Nzg5MDEyXzBhM2Y1YzllMWI3ZDI0Njgw',
      'MTIzNDU2Nzg5MDEyXzBiOGUyZDRmNmExYzM1Nzkx',
      'MTIzNDU2Nzg5MDEyX3NwLWNvbXB1dGUtMXktbm8tdXBmcm9udA',
      'MjEwOTg3NjU0MzIxX29yZGVycy1zdGFnaW5n',
    ]);
    const [rightsize, stop, savingsPlan, graviton] = result.rows;
    expect(rightsize).toEqual({
      RecommendationId: 'MTIzNDU2Nzg5MDEyXzBhM2Y1YzllMWI3ZDI0Njgw',
      RecommendationCategory: 'Cost',
      RecommendationSubcategory: 'Rightsizing',
      RecommendationDescription:
        'Rightsize Ec2Instance i-0a3f5c9e1b7d24680: m5.2xlarge → m5.xlarge',
      RecommendationLastUpdated: '2025-03-10T04:12:33.000Z',
      // after discount (98.55), not before (140.16)
      EstimatedMonthlyCostImpact: '-98.55',
      Currency: 'USD',
      ResourceId:
        'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a3f5c9e1b7d24680',
      ResourceType: 'Ec2Instance',
      SubAccountId: '123456789012',
      RegionId: 'eu-west-1',
      ServiceProviderName: 'AWS',
      ImplementationEffort: 'Medium',
      ResourceConfigurationDetailsCurrent:
        '{"ec2Instance":{"configuration":{"instance":{"type":"m5.2xlarge"}},\n"costCalculation":{"usages":[]}}}',
      ResourceConfigurationDetailsRecommended:
        '{"ec2Instance":{"configuration":{"instance":{"type":"m5.xlarge"}}}}',
      DataGeneratorName: 'AWS Cost Optimization Hub',
      x_Tags: { team: 'checkout', environment: 'prod' },
      x_Link:
        'https://console.aws.amazon.com/costmanagement/home#/cost-optimization-hub/recommendations/MTIzNDU2Nzg5MDEyXzBhM2Y1YzllMWI3ZDI0Njgw',
    });
    // no after-discount saving: the before-discount one
    expect(stop).toMatchObject({
      RecommendationSubcategory: 'Idle Resource Removal',
      EstimatedMonthlyCostImpact: '-60.74',
      ImplementationEffort: 'Very Low',
      x_Tags: { team: 'search' },
    });
    // a commitment purchase needs no resource
    expect(savingsPlan).toMatchObject({
      RecommendationSubcategory: 'Commitment Purchase',
      EstimatedMonthlyCostImpact: '-1234.5678',
    });
    expect(savingsPlan.ResourceId).toBeUndefined();
    expect(graviton).toMatchObject({
      RecommendationSubcategory: 'Modernization',
      Currency: 'USD',
      SubAccountId: '210987654321',
      ResourceId: 'arn:aws:rds:eu-west-1:210987654321:db:orders-staging',
      ImplementationEffort: 'High',
    });
  });

  it('rejects bad rows with their file line (after a quoted multi-line field) and a reason', async () => {
    const result = await parseFixture('aws-coh-export.csv');
    expect(result.rejected).toEqual([
      { line: 7, reason: 'recommendation_id is empty' },
      {
        line: 8,
        reason:
          "estimated_monthly_savings_after_discount is not a number: 'twelve'",
      },
      { line: 9, reason: "unknown currency code 'XYZ'" },
      {
        line: 10,
        reason:
          'resource_arn is empty (a Rightsizing recommendation needs its resource)',
      },
    ]);
  });

  it('reads the export as Parquet (detected by its magic bytes and columns)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-coh-'));
    try {
      const file = path.join(dir, 'cost-optimization-recommendations.parquet');
      const { DuckDBInstance } = require('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      await connection.run(`
        COPY (
          SELECT * FROM (VALUES
            ('123456789012', 'acme-prod', 'Rightsize', 'USD', '{"ec2Instance":{}}', 'm5.2xlarge', 'Ec2Instance',
             140.16, 140.16, 70.08, 80.5, 50.0, 50.0, 'Low', TIMESTAMP '2025-03-10 04:12:33',
             'cGFycXVldC0x', 14, 'ComputeOptimizer', '{"ec2Instance":{}}', 'm5.xlarge', 'Ec2Instance', 'eu-west-1',
             'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123', true, true, MAP {'team': 'orders'}),
            ('123456789012', 'acme-prod', 'Delete', 'USD', NULL, 'gp2 100 GiB', 'EbsVolume',
             10.0, 10.0, 10.0, 10.0, 100.0, 100.0, 'VeryLow', TIMESTAMP '2025-03-10 04:12:33',
             'cGFycXVldC0y', 32, 'ComputeOptimizer', NULL, NULL, NULL, 'eu-west-1',
             'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0456', false, false, MAP {}),
            ('123456789012', 'acme-prod', 'Rightsize', 'QQQ', NULL, NULL, 'Ec2Instance',
             1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 'Low', NULL,
             'cGFycXVldC0z', 14, 'ComputeOptimizer', NULL, NULL, NULL, 'eu-west-1',
             'arn:aws:ec2:eu-west-1:123456789012:instance/i-0789', false, false, MAP {})
          ) AS t(account_id, account_name, action_type, currency_code, current_resource_details, current_resource_summary,
                 current_resource_type, estimated_monthly_cost_after_discount, estimated_monthly_cost_before_discount,
                 estimated_monthly_savings_after_discount, estimated_monthly_savings_before_discount,
                 estimated_savings_percentage_after_discount, estimated_savings_percentage_before_discount,
                 implementation_effort, last_refresh_timestamp, recommendation_id, recommendation_lookback_period_in_days,
                 recommendation_source, recommended_resource_details, recommended_resource_summary, recommended_resource_type,
                 region, resource_arn, restart_needed, rollback_possible, tags)
        ) TO '${file}' (FORMAT parquet)`);
      connection.closeSync?.();

      const result = await readRecommendationFile(file);
      expect(result.format).toBe('aws-cost-optimization-hub');
      expect(
        result.rows.map(r => [
          r.RecommendationId,
          r.RecommendationSubcategory,
          r.EstimatedMonthlyCostImpact,
          r.ResourceId,
          r.RecommendationLastUpdated,
          r.x_Tags,
        ]),
      ).toEqual([
        [
          'cGFycXVldC0x',
          'Rightsizing',
          '-70.08',
          'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123',
          '2025-03-10T04:12:33.000Z',
          { team: 'orders' },
        ],
        [
          'cGFycXVldC0y',
          'Idle Resource Removal',
          '-10',
          'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0456',
          '2025-03-10T04:12:33.000Z',
          undefined,
        ],
      ]);
      expect(result.rejected).toEqual([
        { line: 3, reason: "unknown currency code 'QQQ'" },
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('aws-cost-optimization-hub: ListRecommendations JSON', () => {
  it('reads the items with exact savings, action types, efforts and tags', async () => {
    const result = await parseFixture('aws-coh-list-recommendations.json');
    expect(
      result.rows.map(r => [
        r.RecommendationId,
        r.RecommendationSubcategory,
        r.EstimatedMonthlyCostImpact,
        r.Currency,
        r.ResourceId,
      ]),
    ).toEqual([
      [
        'MTIzNDU2Nzg5MDEyX2ktMGMzZDVlN2Y5YTFiMjQ2ODA',
        'Rightsizing',
        '-248.2',
        'USD',
        'arn:aws:ec2:eu-west-1:123456789012:instance/i-0c4d6e8f0a2b13579',
      ],
      [
        'MTIzNDU2Nzg5MDEyX3ZvbC0wMTIzNDU2Nzg5YWJjZGVmMA',
        'Idle Resource Removal',
        // more digits than a double holds: read from the JSON text
        '-12.345678901234567',
        'USD',
        'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123456789abcdef0',
      ],
      [
        'MTIzNDU2Nzg5MDEyX2FzZy13ZWItcHJvZA',
        'Scaling',
        '-280.32',
        'EUR',
        'arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:5f1e:autoScalingGroupName/web-prod',
      ],
      [
        'MTIzNDU2Nzg5MDEyX3JpLXJkcy1yNmcteGxhcmdl',
        'Commitment Purchase',
        '-310',
        'USD',
        '123456789012',
      ],
    ]);
    const [first, second, , reserved] = result.rows;
    expect(first).toMatchObject({
      RecommendationDescription:
        'Rightsize Ec2Instance i-0c4d6e8f0a2b13579: c5.4xlarge → c5.2xlarge',
      RecommendationLastUpdated: '2025-03-10T04:12:33.000Z',
      ImplementationEffort: 'Medium',
      x_Tags: { team: 'batch', environment: 'prod' },
      ResourceConfigurationDetailsCurrent:
        '{"type":"Ec2Instance","summary":"c5.4xlarge"}',
      ResourceConfigurationDetailsRecommended:
        '{"type":"Ec2Instance","summary":"c5.2xlarge"}',
      x_Link:
        'https://console.aws.amazon.com/costmanagement/home#/cost-optimization-hub/recommendations/MTIzNDU2Nzg5MDEyX2ktMGMzZDVlN2Y5YTFiMjQ2ODA',
    });
    // epoch seconds as the SDK serializes a Date
    expect(second.RecommendationLastUpdated).toBe('2025-03-10T04:12:33.000Z');
    expect(second.x_Tags).toBeUndefined();
    expect(reserved.RecommendationDescription).toBe(
      'Purchase Reserved Instances RdsReservedInstances 123456789012: 2 x db.r6g.xlarge, 1 year, Partial Upfront',
    );
  });

  it('rejects items by their position', async () => {
    const result = await parseFixture('aws-coh-list-recommendations.json');
    expect(result.rejected).toEqual([
      { line: 5, reason: 'recommendationId is empty' },
      {
        line: 6,
        reason: "estimatedMonthlySavings is not a number: 'a lot'",
      },
      { line: 7, reason: "unknown currency code 'DOLLARS'" },
    ]);
  });

  it('accepts a bare array of items and rejects a repeated id', async () => {
    const item = {
      recommendationId: 'r-1',
      resourceArn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1',
      estimatedMonthlySavings: 5,
      currencyCode: 'USD',
      actionType: 'Stop',
    };
    const result = await format.parse({
      path: 'items.json',
      content: Buffer.from(JSON.stringify([item, item])),
    });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({
      SubAccountId: '111122223333',
      RegionId: 'us-east-1',
      EstimatedMonthlyCostImpact: '-5',
    });
    expect(result.rejected).toEqual([
      { line: 2, reason: "duplicate RecommendationId 'r-1' (first at item 1)" },
    ]);
  });

  it('maps every action type', () => {
    expect(
      [
        'Rightsize',
        'Delete',
        'Stop',
        'PurchaseReservedInstances',
        'PurchaseSavingsPlans',
        'ScaleIn',
        'MigrateToGraviton',
        'Upgrade',
        'SomethingNew',
        undefined,
      ].map(cohSubcategory),
    ).toEqual([
      'Rightsizing',
      'Idle Resource Removal',
      'Idle Resource Removal',
      'Commitment Purchase',
      'Commitment Purchase',
      'Scaling',
      'Modernization',
      'Modernization',
      'Other',
      'Other',
    ]);
  });
});
