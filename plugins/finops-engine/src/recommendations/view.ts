import { Decimal, Recommendation } from '@costwise/plugin-finops-common';
import type { StoredRecommendation } from '../stores';

/** A stored recommendation as the API shows it. @public */
export function recommendationView(rec: StoredRecommendation): Recommendation {
  const row = rec.row;
  const impact = Decimal.parse(row.EstimatedMonthlyCostImpact);
  return {
    id: rec.id,
    source: rec.source,
    format: rec.format,
    recommendationId: rec.recommendationId,
    generator: row.DataGeneratorName,
    subcategory: rec.subcategory,
    description: row.RecommendationDescription,
    ...(row.x_Link ? { link: row.x_Link } : {}),
    resourceId: rec.resourceId,
    ...(row.ResourceName ? { resourceName: row.ResourceName } : {}),
    ...(row.ResourceType ? { resourceType: row.ResourceType } : {}),
    ...(row.ServiceProviderName ? { provider: row.ServiceProviderName } : {}),
    ...(row.SubAccountId ? { subAccountId: row.SubAccountId } : {}),
    ...(row.RegionId ? { region: row.RegionId } : {}),
    ...(row.ImplementationEffort ? { effort: row.ImplementationEffort } : {}),
    estimatedMonthlyCostImpact: impact.toString(),
    estimatedMonthlySavings: rec.estimatedMonthlySavings,
    currency: rec.currency,
    owner: rec.ownerRef,
    ...(rec.ownerEvidence ? { ownerEvidence: rec.ownerEvidence } : {}),
    sharedWith: rec.sharedWith,
    status: rec.status,
    ...(rec.deferredUntil ? { deferredUntil: rec.deferredUntil } : {}),
    ...(rec.dismissReason ? { dismissReason: rec.dismissReason } : {}),
    ...(rec.statusNote ? { statusNote: rec.statusNote } : {}),
    firstSeen: rec.firstSeen,
    lastSeen: rec.lastSeen,
    ...(row.RecommendationLastUpdated
      ? { lastUpdated: row.RecommendationLastUpdated }
      : {}),
    statusChangedAt: rec.statusChangedAt,
    ...(row.x_Evidence ? { evidence: row.x_Evidence } : {}),
    ...(rec.verification ? { verification: rec.verification } : {}),
    ...(row.ResourceConfigurationDetailsCurrent
      ? { currentConfiguration: row.ResourceConfigurationDetailsCurrent }
      : {}),
    ...(row.ResourceConfigurationDetailsRecommended
      ? {
          recommendedConfiguration: row.ResourceConfigurationDetailsRecommended,
        }
      : {}),
  };
}
