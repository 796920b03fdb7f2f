import { promises as fs } from 'fs';
import path from 'path';
import { focusRecommendationsFormat as format } from './focusRecommendations';

const FIXTURES = path.join(__dirname, '__fixtures__');

async function parseFixture(name: string) {
  const file = path.join(FIXTURES, name);
  return format.parse({ path: file, content: await fs.readFile(file) });
}

describe('focus-recommendations', () => {
  it('reads the draft columns as they are (the impact already negative)', async () => {
    const result = await parseFixture('focus-recommendations.csv');
    expect(result.format).toBe('focus-recommendations');
    expect(result.rows).toEqual([
      {
        RecommendationId: 'rec-0001',
        RecommendationCategory: 'Cost',
        RecommendationSubcategory: 'Rightsizing',
        RecommendationDescription:
          'Downsize the orders database: CPU below 10% for 30 days',
        RecommendationCreated: '2025-03-01T00:00:00.000Z',
        RecommendationLastUpdated: '2025-03-10T00:00:00.000Z',
        RecommendationStatus: 'Open',
        EstimatedMonthlyCostImpact: '-120.5',
        Currency: 'USD',
        ResourceId:
          'arn:aws:rds:eu-west-1:123456789012:db:orders-prod-replica-1',
        ResourceName: 'orders-prod-replica-1',
        ResourceType: 'Database Instance',
        BillingAccountId: '111122223333',
        SubAccountId: '123456789012',
        RegionId: 'eu-west-1',
        ServiceName: 'Amazon Relational Database Service',
        ServiceProviderName: 'AWS',
        ImplementationEffort: 'Medium',
        ResourceConfigurationDetailsCurrent:
          '{"instanceClass":"db.r6g.2xlarge"}',
        ResourceConfigurationDetailsRecommended:
          '{"instanceClass":"db.r6g.xlarge"}',
        DataGeneratorName: 'Acme FinOps Tool',
        x_Tags: { team: 'orders' },
      },
      expect.objectContaining({
        RecommendationId: 'rec-0002',
        RecommendationSubcategory: 'Commitment Purchase',
        EstimatedMonthlyCostImpact: '-300',
        Currency: 'USD',
        ImplementationEffort: 'Very Low',
      }),
      expect.objectContaining({
        RecommendationId: 'rec-0003',
        RecommendationSubcategory: 'Idle Resource Removal',
        RecommendationStatus: 'Dismissed',
        EstimatedMonthlyCostImpact: '-7.0001',
        Currency: 'EUR',
      }),
    ]);
    expect(result.rows[1].ResourceId).toBeUndefined();
  });

  it('skips expired and non-cost rows and rejects bad ones by line', async () => {
    const result = await parseFixture('focus-recommendations.csv');
    expect(result.rows.map(r => r.RecommendationId)).not.toContain('rec-0004');
    expect(result.rows.map(r => r.RecommendationId)).not.toContain('rec-0005');
    expect(result.rejected).toEqual([
      {
        line: 7,
        reason: "EstimatedMonthlyCostImpact is not a number: '-abc'",
      },
      { line: 8, reason: "unknown currency code 'EURO'" },
      { line: 9, reason: 'RecommendationId is empty' },
      {
        line: 10,
        reason:
          "RecommendationStatus 'Pending' is not one of Open, Deferred, Dismissed, Implemented, Expired",
      },
    ]);
  });

  it('rejects a record with the wrong number of fields and a missing resource', async () => {
    const csv = [
      'RecommendationId,RecommendationSubcategory,EstimatedMonthlyCostImpact,Currency,ResourceId',
      'a,Rightsizing,-1,USD',
      'b,Rightsizing,-1,USD,',
      'c,Something New,-1.50,USD,r-1',
    ].join('\n');
    const result = await format.parse({
      path: 'x.csv',
      content: Buffer.from(csv),
    });
    expect(result.rejected).toEqual([
      { line: 2, reason: 'has 4 fields where the header has 5' },
      {
        line: 3,
        reason:
          'ResourceId is empty (a Rightsizing recommendation needs its resource)',
      },
    ]);
    expect(result.rows).toEqual([
      expect.objectContaining({
        RecommendationId: 'c',
        RecommendationSubcategory: 'Other',
        EstimatedMonthlyCostImpact: '-1.5',
        DataGeneratorName: 'FOCUS recommendation dataset',
      }),
    ]);
  });
});
