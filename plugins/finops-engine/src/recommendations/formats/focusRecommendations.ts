import {
  RECOMMENDATION_SUBCATEGORIES,
  type RecommendationRow,
  type RecommendationSubcategory,
} from '@costwise/plugin-finops-common';
import type { RecommendationFormat } from '../types';
import {
  type Mapped,
  Columns,
  ResultCollector,
  effortOf,
  headerColumns,
  needsResource,
  optionalInstant,
  readTable,
  requiredAmount,
  requiredCurrency,
  tagsOf,
  truncate,
  widthProblem,
} from './common';

/**
 * A recommendation dataset with the FOCUS draft's column names (CSV, gzip
 * or not, or Parquet), read as is: the impact is already negative for a
 * saving.
 *
 * Rules:
 * - rows whose RecommendationCategory is set and is not Cost are skipped,
 *   and so are Expired ones (no longer reported);
 * - a subcategory outside the draft's values (or none) is Other;
 * - a RecommendationStatus outside Open, Deferred, Dismissed, Implemented
 *   and Expired is rejected.
 */

export const FOCUS_RECOMMENDATIONS_FORMAT_ID = 'focus-recommendations';
const DEFAULT_GENERATOR = 'FOCUS recommendation dataset';

const STATUSES: Record<string, RecommendationRow['RecommendationStatus']> = {
  open: 'Open',
  deferred: 'Deferred',
  dismissed: 'Dismissed',
  implemented: 'Implemented',
};

const SUBCATEGORIES = new Map<string, RecommendationSubcategory>(
  RECOMMENDATION_SUBCATEGORIES.map(s => [
    s.toLowerCase().replace(/[^a-z]/g, ''),
    s,
  ]),
);

function mapRow(columns: Columns, fields: string[]): Mapped {
  const get = (name: string) => columns.get(fields, name);
  const category = get('RecommendationCategory');
  if (category !== undefined && category.toLowerCase() !== 'cost') return null;

  const recommendationId = get('RecommendationId');
  if (!recommendationId) return `${columns.name('RecommendationId')} is empty`;

  const statusText = get('RecommendationStatus');
  let status: RecommendationRow['RecommendationStatus'];
  if (statusText !== undefined) {
    if (statusText.toLowerCase() === 'expired') return null;
    status = STATUSES[statusText.toLowerCase()];
    if (!status)
      return `RecommendationStatus '${truncate(
        statusText,
      )}' is not one of Open, Deferred, Dismissed, Implemented, Expired`;
  }

  const impactColumn = columns.name('EstimatedMonthlyCostImpact');
  const impact = requiredAmount(
    impactColumn,
    get('EstimatedMonthlyCostImpact'),
  );
  if (!impact.ok) return impact.reason;
  const currencyColumn =
    columns.present(['Currency', 'BillingCurrency']) ?? 'Currency';
  const currency = requiredCurrency(
    currencyColumn,
    get('Currency') ?? get('BillingCurrency'),
  );
  if (!currency.ok) return currency.reason;

  const subcategoryText = get('RecommendationSubcategory');
  const subcategory =
    SUBCATEGORIES.get(
      (subcategoryText ?? '').toLowerCase().replace(/[^a-z]/g, ''),
    ) ?? 'Other';
  const resourceId = get('ResourceId');
  if (!resourceId && needsResource(subcategory))
    return `${columns.name(
      'ResourceId',
    )} is empty (a ${subcategory} recommendation needs its resource)`;

  const created = optionalInstant(
    columns.name('RecommendationCreated'),
    get('RecommendationCreated'),
  );
  if (!created.ok) return created.reason;
  const updated = optionalInstant(
    columns.name('RecommendationLastUpdated'),
    get('RecommendationLastUpdated'),
  );
  if (!updated.ok) return updated.reason;

  return {
    RecommendationId: recommendationId,
    RecommendationCategory: 'Cost',
    RecommendationSubcategory: subcategory,
    RecommendationDescription: get('RecommendationDescription') ?? '',
    RecommendationCreated: created.value,
    RecommendationLastUpdated: updated.value,
    RecommendationStatus: status,
    EstimatedMonthlyCostImpact: impact.value.toString(),
    Currency: currency.value,
    ResourceId: resourceId,
    ResourceName: get('ResourceName'),
    ResourceType: get('ResourceType'),
    BillingAccountId: get('BillingAccountId'),
    SubAccountId: get('SubAccountId'),
    RegionId: get('RegionId'),
    ServiceName: get('ServiceName'),
    ServiceProviderName: get('ServiceProviderName') ?? get('ProviderName'),
    ImplementationEffort: effortOf(get('ImplementationEffort')),
    ResourceConfigurationDetailsCurrent: get(
      'ResourceConfigurationDetailsCurrent',
    ),
    ResourceConfigurationDetailsRecommended: get(
      'ResourceConfigurationDetailsRecommended',
    ),
    DataGeneratorName: get('DataGeneratorName') ?? DEFAULT_GENERATOR,
    x_Tags: tagsOf(get('x_Tags') ?? get('Tags')),
    x_Link: get('x_Link'),
  };
}

/** A recommendation dataset in the FOCUS draft's columns. */
export const focusRecommendationsFormat: RecommendationFormat = {
  id: FOCUS_RECOMMENDATIONS_FORMAT_ID,
  title: 'FOCUS Recommendation dataset (draft columns, CSV or Parquet)',
  detect(_fileName, head) {
    const columns = headerColumns(head);
    return (
      columns.has('recommendationid') &&
      columns.has('estimatedmonthlycostimpact')
    );
  },
  async parse(file) {
    const table = await readTable(file);
    const columns = new Columns(table.header);
    const out = new ResultCollector(FOCUS_RECOMMENDATIONS_FORMAT_ID, 'line');
    for (const record of table.records) {
      if ('error' in record) {
        out.reject(record.line, record.error);
        continue;
      }
      const width = widthProblem(record, table.header);
      out.add(record.line, width ?? mapRow(columns, record.fields));
    }
    return out.result();
  },
};
