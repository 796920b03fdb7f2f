import { promises as fs } from 'fs';
import path from 'path';
import { awsComputeOptimizerFormat as format } from './awsComputeOptimizer';

const FIXTURES = path.join(__dirname, '__fixtures__');

async function parseFixture(name: string) {
  const file = path.join(FIXTURES, name);
  return format.parse({ path: file, content: await fs.readFile(file) });
}

const ARN = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a3f5c9e1b7d24680';

describe('aws-compute-optimizer: EC2 instance export', () => {
  it('reads option 1 of each row with a saving, after discounts first', async () => {
    const result = await parseFixture('aws-compute-optimizer-ec2.csv');
    expect(result.format).toBe('aws-compute-optimizer');
    expect(
      result.rows.map(r => [
        r.RecommendationId,
        r.RecommendationSubcategory,
        r.EstimatedMonthlyCostImpact,
        r.ResourceId,
      ]),
    ).toEqual([
      [`${ARN}#option-1`, 'Rightsizing', '-109.35', ARN],
      [
        'arn:aws:ec2:eu-west-1:210987654321:instance/i-0d5e7f9a1b3c24680#option-1',
        'Rightsizing',
        '-124.1',
        'arn:aws:ec2:eu-west-1:210987654321:instance/i-0d5e7f9a1b3c24680',
      ],
      [
        'arn:aws:ec2:eu-west-1:210987654321:instance/i-0e6f8a0b2c4d35791#idle',
        'Idle Resource Removal',
        '-15.18',
        'arn:aws:ec2:eu-west-1:210987654321:instance/i-0e6f8a0b2c4d35791',
      ],
    ]);
    expect(result.rows[0]).toEqual({
      RecommendationId: `${ARN}#option-1`,
      RecommendationCategory: 'Cost',
      RecommendationSubcategory: 'Rightsizing',
      RecommendationDescription:
        'Over-provisioned EC2 instance orders-api-1: m5.2xlarge → m5.xlarge',
      RecommendationLastUpdated: '2025-03-10T05:01:44.000Z',
      EstimatedMonthlyCostImpact: '-109.35',
      Currency: 'USD',
      ResourceId: ARN,
      ResourceName: 'orders-api-1',
      ResourceType: 'Ec2Instance',
      SubAccountId: '123456789012',
      RegionId: 'eu-west-1',
      ServiceProviderName: 'AWS',
      ImplementationEffort: 'Very Low',
      ResourceConfigurationDetailsCurrent:
        '{"instanceType":"m5.2xlarge","vcpus":"8","memory":"32","onDemandPrice":"0.428","performanceRisk":"VeryLow"}',
      ResourceConfigurationDetailsRecommended:
        '{"instanceType":"m5.xlarge","migrationEffort":"VeryLow","performanceRisk":"1"}',
      DataGeneratorName: 'AWS Compute Optimizer',
      x_Tags: { team: 'orders', Name: 'orders-api-1' },
    });
    expect(result.rows[1].RecommendationDescription).toBe(
      'Over-provisioned EC2 instance i-0d5e7f9a1b3c24680: c5.2xlarge → c5.xlarge',
    );
    expect(result.rows[2].RecommendationDescription).toBe(
      'Idle EC2 instance legacy-ftp: stop or delete it',
    );
  });

  it('skips rows without a saving (Underprovisioned at 0, Optimized) and rejects bad ones by CRLF line', async () => {
    const result = await parseFixture('aws-compute-optimizer-ec2.csv');
    const ids = result.rows.map(r => r.ResourceId);
    expect(ids).not.toContain(
      'arn:aws:ec2:eu-west-1:123456789012:instance/i-0b8e2d4f6a1c35791',
    );
    expect(ids).not.toContain(
      'arn:aws:ec2:eu-west-1:123456789012:instance/i-0c4d6e8f0a2b13579',
    );
    expect(result.rejected).toEqual([
      {
        line: 7,
        reason:
          "recommendationOptions_1_estimatedMonthlySavings_value is not a number: '1,024.00'",
      },
      { line: 8, reason: "unknown currency code 'US$'" },
      { line: 9, reason: 'instanceArn is empty' },
    ]);
  });
});

describe('aws-compute-optimizer: idle export', () => {
  it('reads idle and unattached resources as idle resource removal', async () => {
    const result = await parseFixture('aws-compute-optimizer-idle.csv');
    expect(result.rows).toEqual([
      expect.objectContaining({
        RecommendationId:
          'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0f1e2d3c4b5a69788#idle',
        RecommendationSubcategory: 'Idle Resource Removal',
        RecommendationDescription:
          'Unattached EBS volume vol-0f1e2d3c4b5a69788: stop or delete it (The volume has not been attached for 32 days)',
        // the after-discount saving (38.8), not 40
        EstimatedMonthlyCostImpact: '-38.8',
        ResourceType: 'EBSVolume',
        x_Tags: { team: 'platform' },
      }),
      expect.objectContaining({
        RecommendationId:
          'arn:aws:rds:eu-west-1:123456789012:db:assistant-vectors#idle',
        EstimatedMonthlyCostImpact: '-412.8',
        ResourceType: 'RDSDBInstance',
        RecommendationDescription:
          'Idle RDS DB instance assistant-vectors: stop or delete it (No connections in the last 14 days)',
      }),
    ]);
    expect(result.rejected).toEqual([
      {
        line: 5,
        reason:
          "savingsOpportunity_estimatedMonthlySavings_value is not a number: '-'",
      },
    ]);
  });

  it('reads other exports by their ARN column, in any header case', async () => {
    const csv = [
      'accountid,volumearn,finding,current_configuration_volumetype,recommendationoptions_1_configuration_volumetype,recommendationoptions_1_estimatedmonthlysavings_currency,recommendationoptions_1_estimatedmonthlysavings_value,lastrefreshtimestamp_utc',
      '123456789012,arn:aws:ec2:us-east-1:123456789012:volume/vol-1,NotOptimized,gp2,gp3,USD,8.00,2025-03-10 05:01:44',
      '123456789012,arn:aws:ec2:us-east-1:123456789012:volume/vol-2,Optimized,gp3,,,,2025-03-10 05:01:44',
    ].join('\n');
    const result = await format.parse({
      path: 'ebs.csv',
      content: Buffer.from(csv),
    });
    expect(result.rejected).toEqual([]);
    expect(result.rows).toEqual([
      expect.objectContaining({
        RecommendationId:
          'arn:aws:ec2:us-east-1:123456789012:volume/vol-1#option-1',
        RecommendationSubcategory: 'Rightsizing',
        RecommendationDescription: 'Not optimized EBS volume vol-1: gp2 → gp3',
        EstimatedMonthlyCostImpact: '-8',
        ResourceType: 'EbsVolume',
        RegionId: 'us-east-1',
        RecommendationLastUpdated: '2025-03-10T05:01:44.000Z',
      }),
    ]);
  });
});
