import { promises as fs } from 'fs';
import path from 'path';
import { azureAdvisorFormat as format } from './azureAdvisor';

const FIXTURES = path.join(__dirname, '__fixtures__');
const SUB = '7f1c2a4e-1b2c-4d5e-8f90-123456789abc';

async function parseFixture(name: string) {
  const file = path.join(FIXTURES, name);
  return format.parse({ path: file, content: await fs.readFile(file) });
}

describe('azure-advisor', () => {
  it('keeps the Cost recommendations with their monthly saving as a negative impact', async () => {
    const result = await parseFixture('azure-advisor.json');
    expect(result.format).toBe('azure-advisor');
    expect(
      result.rows.map(r => [
        r.RecommendationSubcategory,
        r.EstimatedMonthlyCostImpact,
        r.Currency,
        r.RecommendationStatus,
        r.ResourceId,
      ]),
    ).toEqual([
      [
        'Rightsizing',
        '-146',
        'USD',
        'Open',
        `/subscriptions/${SUB}/resourceGroups/rg-storefront/providers/Microsoft.Compute/virtualMachines/vm-storefront-02`,
      ],
      // 2000 / 12 does not terminate: half to even at 6 places
      [
        'Commitment Purchase',
        '-166.666667',
        'USD',
        'Open',
        `/subscriptions/${SUB}`,
      ],
      // 1114.8 / 12 = 92.9 exactly; suppressed
      [
        'Idle Resource Removal',
        '-92.9',
        'EUR',
        'Dismissed',
        `/subscriptions/${SUB}/resourceGroups/rg-storefront/providers/Microsoft.Compute/disks/disk-old-data`,
      ],
    ]);
    expect(result.rows[0]).toEqual({
      RecommendationId: `/subscriptions/${SUB}/resourceGroups/rg-storefront/providers/Microsoft.Compute/virtualMachines/vm-storefront-02/providers/Microsoft.Advisor/recommendations/3a6b1f0e-8c2d-4e5f-9a7b-0c1d2e3f4a5b`,
      RecommendationCategory: 'Cost',
      RecommendationSubcategory: 'Rightsizing',
      RecommendationDescription:
        'Right-size or shutdown underutilized virtual machines',
      RecommendationLastUpdated: '2025-03-10T08:15:42.123Z',
      RecommendationStatus: 'Open',
      EstimatedMonthlyCostImpact: '-146',
      Currency: 'USD',
      ResourceId: `/subscriptions/${SUB}/resourceGroups/rg-storefront/providers/Microsoft.Compute/virtualMachines/vm-storefront-02`,
      ResourceName: 'vm-storefront-02',
      ResourceType: 'Microsoft.Compute/virtualMachines',
      SubAccountId: SUB,
      RegionId: 'westeurope',
      ServiceProviderName: 'Microsoft',
      ResourceConfigurationDetailsCurrent: '{"sku":"Standard_D8s_v3"}',
      ResourceConfigurationDetailsRecommended: '{"sku":"Standard_D4s_v3"}',
      DataGeneratorName: 'Azure Advisor',
      x_Link: 'https://aka.ms/aa_lowusagerec_learnmore',
    });
    expect(result.rows[2].RecommendationDescription).toBe(
      'Review unattached disks: Delete or downgrade unattached disks',
    );
  });

  it('skips other categories and rejects bad items by position', async () => {
    const result = await parseFixture('azure-advisor.json');
    expect(result.rows.map(r => r.ResourceName)).not.toContain(
      'acme-storefront-web',
    );
    expect(result.rejected).toEqual([
      {
        line: 5,
        reason: "extendedProperties.savingsAmount is not a number: 'lots'",
      },
      { line: 6, reason: "unknown currency code 'ZZZ'" },
      {
        line: 7,
        reason:
          'extendedProperties has neither savingsAmount nor annualSavingsAmount',
      },
      // a Cost recommendation without its id cannot be tracked across imports
      { line: 8, reason: 'id is empty' },
    ]);
  });

  it('reads the az CLI shape: a bare array with the properties flattened', async () => {
    const items = [
      {
        id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1/providers/Microsoft.Advisor/recommendations/abc`,
        category: 'Cost',
        impactedField: 'Microsoft.Compute/virtualMachines',
        impactedValue: 'vm-1',
        shortDescription: {
          problem: 'Right-size or shutdown underutilized virtual machines',
          solution: 'Right-size or shutdown underutilized virtual machines',
        },
        extendedProperties: {
          annualSavingsAmount: 100,
          savingsCurrency: 'USD',
        },
        suppressionIds: ['x'],
      },
    ];
    const result = await format.parse({
      path: 'advisor.json',
      content: Buffer.from(JSON.stringify(items)),
    });
    expect(result.rejected).toEqual([]);
    expect(result.rows).toEqual([
      expect.objectContaining({
        // no resourceMetadata: the resource the id is under
        ResourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1`,
        EstimatedMonthlyCostImpact: '-8.333333',
        RecommendationStatus: 'Dismissed',
        SubAccountId: SUB,
      }),
    ]);
  });
});
