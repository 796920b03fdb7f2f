import { awsRegion } from './aws';
import {
  csv,
  DemoRecommendationResources,
  digest,
  lastSegment,
  pick,
} from './shared';

// Demo data: a FOCUS recommendations CSV.

const FOCUS_HEADER = [
  'RecommendationId',
  'RecommendationCategory',
  'RecommendationSubcategory',
  'RecommendationDescription',
  'RecommendationLastUpdated',
  'RecommendationStatus',
  'EstimatedMonthlyCostImpact',
  'Currency',
  'ResourceId',
  'ResourceName',
  'SubAccountId',
  'RegionId',
  'ServiceProviderName',
  'ImplementationEffort',
  'DataGeneratorName',
];

export function focusCsv(
  resources: DemoRecommendationResources,
  refreshedAt: string | undefined,
): string {
  const rows: Array<Record<string, string>> = [];
  const common = (resourceId: string, provider: string) => ({
    RecommendationId: `focus-${digest(`focus|${resourceId}`, 20)}`,
    RecommendationCategory: 'Cost',
    RecommendationLastUpdated: refreshedAt ?? '',
    RecommendationStatus: 'Open',
    Currency: 'USD',
    ResourceId: resourceId,
    ResourceName: lastSegment(resourceId),
    ServiceProviderName: provider,
    DataGeneratorName: 'Demo FinOps tool (FOCUS recommendations)',
  });
  for (const id of pick(resources.aws, 5, 1))
    rows.push({
      ...common(id, 'AWS'),
      RecommendationSubcategory: 'Scaling',
      RecommendationDescription:
        'Scale in: capacity is above peak demand outside business hours',
      EstimatedMonthlyCostImpact: '-52.2',
      SubAccountId: id.split(':')[4] || resources.awsAccount,
      RegionId: awsRegion(id),
      ImplementationEffort: 'Low',
    });
  for (const id of pick(resources.azure, 2, 1))
    rows.push({
      ...common(id, 'Microsoft'),
      RecommendationSubcategory: 'Modernization',
      RecommendationDescription: 'Move to a newer, cheaper SKU generation',
      EstimatedMonthlyCostImpact: '-33.75',
      SubAccountId:
        /\/subscriptions\/([^/]+)/i.exec(id)?.[1] ??
        resources.azureSubscription,
      RegionId: 'westeurope',
      ImplementationEffort: 'Medium',
    });
  for (const id of pick(resources.gcp, 2, 1))
    rows.push({
      ...common(id, 'Google Cloud'),
      RecommendationSubcategory: 'Rightsizing',
      RecommendationDescription: 'Reduce provisioned capacity to match use',
      EstimatedMonthlyCostImpact: '-18.9',
      SubAccountId:
        /\/projects\/([^/_][^/]*)/.exec(id)?.[1] ?? resources.gcpProject,
      RegionId: 'europe-west1',
      ImplementationEffort: 'Low',
    });
  return csv(FOCUS_HEADER, rows);
}
