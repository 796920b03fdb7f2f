import { promises as fs } from 'fs';
import path from 'path';
import {
  gcpRecommenderFormat as format,
  gcpSubcategory,
} from './gcpRecommender';

const FIXTURES = path.join(__dirname, '__fixtures__');

async function parseFixture(name: string) {
  const file = path.join(FIXTURES, name);
  return format.parse({ path: file, content: await fs.readFile(file) });
}

describe('gcp-recommender', () => {
  it('reads COST recommendations with the projection scaled to 30 days, exactly', async () => {
    const result = await parseFixture('gcp-recommender.json');
    expect(result.format).toBe('gcp-recommender');
    expect(
      result.rows.map(r => [
        r.RecommendationSubcategory,
        r.EstimatedMonthlyCostImpact,
        r.Currency,
        r.RecommendationStatus,
        r.SubAccountId,
        r.ResourceId,
      ]),
    ).toEqual([
      [
        'Rightsizing',
        '-73.45',
        'USD',
        'Open',
        'acme-data-prod',
        '//compute.googleapis.com/projects/acme-data-prod/zones/europe-west1-b/instances/etl-runner-1',
      ],
      // -10 over 7 days = -300/7 over 30: half to even at 6 places
      [
        'Idle Resource Removal',
        '-42.857143',
        'USD',
        'Open',
        '123456789012',
        '//compute.googleapis.com/projects/acme-ml-sandbox/zones/europe-west1-c/instances/notebook-old',
      ],
      // the disk deleted, not the snapshot the recommendation adds first
      [
        'Idle Resource Removal',
        '-4.8',
        'EUR',
        'Dismissed',
        'acme-data-prod',
        '//compute.googleapis.com/projects/acme-data-prod/zones/europe-west1-b/disks/scratch-200',
      ],
      [
        'Commitment Purchase',
        '-250.125',
        'USD',
        'Implemented',
        undefined,
        undefined,
      ],
    ]);
    expect(result.rows[0]).toEqual({
      RecommendationId:
        'projects/acme-data-prod/locations/europe-west1-b/recommenders/google.compute.instance.MachineTypeRecommender/recommendations/9f3e1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
      RecommendationCategory: 'Cost',
      RecommendationSubcategory: 'Rightsizing',
      RecommendationDescription:
        'Save cost by changing machine type from n2-standard-8 to n2-standard-4.',
      RecommendationLastUpdated: '2025-03-10T07:00:00.000Z',
      RecommendationStatus: 'Open',
      EstimatedMonthlyCostImpact: '-73.45',
      Currency: 'USD',
      ResourceId:
        '//compute.googleapis.com/projects/acme-data-prod/zones/europe-west1-b/instances/etl-runner-1',
      ResourceName: 'etl-runner-1',
      ResourceType: 'compute.googleapis.com/Instance',
      SubAccountId: 'acme-data-prod',
      RegionId: 'europe-west1-b',
      ServiceProviderName: 'Google Cloud',
      ResourceConfigurationDetailsCurrent:
        '{"/machineType":"zones/europe-west1-b/machineTypes/n2-standard-8"}',
      ResourceConfigurationDetailsRecommended:
        '{"/machineType":"zones/europe-west1-b/machineTypes/n2-standard-4"}',
      DataGeneratorName: 'Google Cloud Recommender',
    });
    expect(result.rows[3].BillingAccountId).toBe('0A1B2C-3D4E5F-6A7B8C');
  });

  it('skips other impacts and rejects bad items by position', async () => {
    const result = await parseFixture('gcp-recommender.json');
    expect(result.rows.map(r => r.RecommendationId).join()).not.toContain(
      'google.iam.policy.Recommender',
    );
    expect(result.rejected).toEqual([
      {
        line: 6,
        reason: 'primaryImpact.costProjection.cost.currencyCode is empty',
      },
      {
        line: 7,
        reason:
          "primaryImpact.costProjection.cost.units is not a number: '-12abc'",
      },
      {
        line: 8,
        reason:
          'content.operationGroups[].operations[].resource is empty (a Rightsizing recommendation needs its resource)',
      },
      { line: 9, reason: 'name is empty' },
      { line: 10, reason: "unknown currency code 'USX'" },
    ]);
  });

  it('reads a bare array, exact Money with nanos, durations and odd Money', async () => {
    const item = (cost: object, duration?: string) => ({
      name: `projects/p/locations/us-central1-a/recommenders/google.compute.instance.MachineTypeRecommender/recommendations/${JSON.stringify(
        cost,
      )}${duration}`,
      primaryImpact: {
        category: 'COST',
        costProjection: { cost, ...(duration ? { duration } : {}) },
      },
      content: {
        operationGroups: [
          { operations: [{ action: 'replace', resource: 'r' }] },
        ],
      },
    });
    const items = [
      item({ currencyCode: 'USD', units: '-1', nanos: -5 }, '2592000s'),
      // no duration: 30 days
      item({ currencyCode: 'USD', nanos: -750000000 }),
      // 90 days
      item({ currencyCode: 'JPY', units: '-9000' }, '7776000s'),
      item({ currencyCode: 'USD', units: '-1', nanos: 5 }, '2592000s'),
      item({ currencyCode: 'USD', units: '-1' }, '0s'),
    ];
    const result = await format.parse({
      path: 'gcloud.json',
      content: Buffer.from(JSON.stringify(items)),
    });
    expect(result.rows.map(r => r.EstimatedMonthlyCostImpact)).toEqual([
      '-1.000000005',
      '-0.75',
      '-3000',
    ]);
    expect(result.rejected).toEqual([
      {
        line: 4,
        reason:
          'primaryImpact.costProjection.cost has units (-1) and nanos (5) of different signs',
      },
      {
        line: 5,
        reason:
          "primaryImpact.costProjection.duration is not a positive duration: '0s'",
      },
    ]);
  });

  it('maps recommenders and subtypes to subcategories', () => {
    expect(
      [
        [
          'CHANGE_MACHINE_TYPE',
          'google.compute.instance.MachineTypeRecommender',
        ],
        ['STOP_VM', 'google.compute.instance.IdleResourceRecommender'],
        ['DELETE_DISK', 'google.compute.disk.IdleResourceRecommender'],
        ['DELETE_ADDRESS', 'google.compute.address.IdleResourceRecommender'],
        [undefined, 'google.cloudsql.instance.IdleRecommender'],
        [undefined, 'google.cloudsql.instance.OverprovisionedRecommender'],
        [
          'USAGE_BASED_COMMITMENT',
          'google.compute.commitment.UsageCommitmentRecommender',
        ],
        [undefined, 'google.bigquery.table.PartitionClusterRecommender'],
      ].map(([subtype, recommender]) => gcpSubcategory(subtype, recommender)),
    ).toEqual([
      'Rightsizing',
      'Idle Resource Removal',
      'Idle Resource Removal',
      'Idle Resource Removal',
      'Idle Resource Removal',
      'Rightsizing',
      'Commitment Purchase',
      'Other',
    ]);
  });
});
