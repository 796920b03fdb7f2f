import type { RecommendationSubcategory } from '@costwise/plugin-finops-common';
import type { RecommendationFormat, RecommendationParseResult } from '../types';
import {
  type Mapped,
  type RecommendationFile,
  Columns,
  ResultCollector,
  arnParts,
  asObject,
  baseName,
  configurationText,
  effortOf,
  headerColumns,
  impactOfSaving,
  isEmptyList,
  isJsonContent,
  jsonItems,
  looksLikeJson,
  needsResource,
  optionalInstant,
  parseJsonFile,
  readTable,
  requiredAmount,
  requiredCurrency,
  tagsOf,
  textField,
  widthProblem,
} from './common';

/**
 * AWS Cost Optimization Hub, in either of its shapes:
 * - the BCM Data Exports table `COST_OPTIMIZATION_RECOMMENDATIONS` (CSV,
 *   gzip or not, or Parquet), snake_case columns;
 * - the `ListRecommendations` response (`{"items": [...], "nextToken"?}`, as
 *   the SDK or `aws cost-optimization-hub list-recommendations` writes it,
 *   or a bare array of items), camelCase fields.
 *
 * The saving is the after-discount one where both exist; the impact is its
 * negation.
 */

export const AWS_COH_FORMAT_ID = 'aws-cost-optimization-hub';
const GENERATOR = 'AWS Cost Optimization Hub';
const CONSOLE_LINK =
  'https://console.aws.amazon.com/costmanagement/home#/cost-optimization-hub/recommendations/';

/** The export table's columns (25 and `account_name`). */
export const AWS_COH_EXPORT_COLUMNS = [
  'account_id',
  'account_name',
  'action_type',
  'currency_code',
  'current_resource_details',
  'current_resource_summary',
  'current_resource_type',
  'estimated_monthly_cost_after_discount',
  'estimated_monthly_cost_before_discount',
  'estimated_monthly_savings_after_discount',
  'estimated_monthly_savings_before_discount',
  'estimated_savings_percentage_after_discount',
  'estimated_savings_percentage_before_discount',
  'implementation_effort',
  'last_refresh_timestamp',
  'recommendation_id',
  'recommendation_lookback_period_in_days',
  'recommendation_source',
  'recommended_resource_details',
  'recommended_resource_summary',
  'recommended_resource_type',
  'region',
  'resource_arn',
  'restart_needed',
  'rollback_possible',
  'tags',
];

const ACTION_SUBCATEGORY: Record<string, RecommendationSubcategory> = {
  rightsize: 'Rightsizing',
  delete: 'Idle Resource Removal',
  stop: 'Idle Resource Removal',
  purchasereservedinstances: 'Commitment Purchase',
  purchasesavingsplans: 'Commitment Purchase',
  scalein: 'Scaling',
  migratetograviton: 'Modernization',
  upgrade: 'Modernization',
};

const ACTION_WORDS: Record<string, string> = {
  rightsize: 'Rightsize',
  delete: 'Delete',
  stop: 'Stop',
  purchasereservedinstances: 'Purchase Reserved Instances',
  purchasesavingsplans: 'Purchase Savings Plans',
  scalein: 'Scale in',
  migratetograviton: 'Migrate to Graviton',
  upgrade: 'Upgrade',
};

function actionKey(actionType: string | undefined): string {
  return (actionType ?? '').toLowerCase().replace(/[^a-z]/g, '');
}

/** The subcategory of an `actionType`; any other purchase is a commitment, anything else Other. */
export function cohSubcategory(
  actionType: string | undefined,
): RecommendationSubcategory {
  const key = actionKey(actionType);
  return (
    ACTION_SUBCATEGORY[key] ??
    (key.startsWith('purchase') ? 'Commitment Purchase' : 'Other')
  );
}

/** One recommendation's fields, read from either shape. */
interface CohFields {
  /** The raw value of a field by its camelCase (API) name. */
  get(name: string): unknown;
  /** The field's name in the file, for messages. */
  column(name: string): string;
  /** The saving (after discount first) and the column it came from. */
  saving(): { column: string; raw: unknown };
}

function describe(
  actionType: string | undefined,
  resourceType: string | undefined,
  resource: string | undefined,
  current: string | undefined,
  recommended: string | undefined,
): string {
  const key = actionKey(actionType);
  const action =
    ACTION_WORDS[key] ??
    (actionType ? actionType.replace(/([a-z])([A-Z])/g, '$1 $2') : 'Optimize');
  const shortResource = resource?.split(/[/:]/).pop();
  let text = [action, resourceType, shortResource].filter(Boolean).join(' ');
  if (current && recommended) text += `: ${current} → ${recommended}`;
  else if (recommended) text += `: ${recommended}`;
  return text;
}

function mapRecommendation(f: CohFields): Mapped {
  const text = (name: string) => textField(f.get(name));
  const recommendationId = text('recommendationId');
  if (!recommendationId) return `${f.column('recommendationId')} is empty`;

  const saving = f.saving();
  const amount = requiredAmount(saving.column, saving.raw);
  if (!amount.ok) return amount.reason;
  const currency = requiredCurrency(
    f.column('currencyCode'),
    f.get('currencyCode'),
  );
  if (!currency.ok) return currency.reason;

  const actionType = text('actionType');
  const subcategory = cohSubcategory(actionType);
  const resourceArn = text('resourceArn');
  const resourceId = resourceArn ?? text('resourceId');
  if (!resourceId && needsResource(subcategory))
    return `${f.column(
      'resourceArn',
    )} is empty (a ${subcategory} recommendation needs its resource)`;

  const refreshed = optionalInstant(
    f.column('lastRefreshTimestamp'),
    f.get('lastRefreshTimestamp'),
  );
  if (!refreshed.ok) return refreshed.reason;

  const currentType = text('currentResourceType');
  const recommendedType = text('recommendedResourceType');
  const currentSummary = text('currentResourceSummary');
  const recommendedSummary = text('recommendedResourceSummary');
  const summaryConfig = (type?: string, summary?: string) =>
    type || summary ? JSON.stringify({ type, summary }) : undefined;

  return {
    RecommendationId: recommendationId,
    RecommendationCategory: 'Cost',
    RecommendationSubcategory: subcategory,
    RecommendationDescription: describe(
      actionType,
      currentType,
      text('resourceId') ?? resourceArn,
      currentSummary,
      recommendedSummary,
    ),
    RecommendationLastUpdated: refreshed.value,
    EstimatedMonthlyCostImpact: impactOfSaving(amount.value),
    Currency: currency.value,
    ResourceId: resourceId,
    ResourceType: currentType,
    SubAccountId: text('accountId') ?? arnParts(resourceArn)?.account,
    RegionId: text('region') ?? (arnParts(resourceArn)?.region || undefined),
    ServiceProviderName: 'AWS',
    ImplementationEffort: effortOf(f.get('implementationEffort')),
    ResourceConfigurationDetailsCurrent:
      configurationText(f.get('currentResourceDetails')) ??
      summaryConfig(currentType, currentSummary),
    ResourceConfigurationDetailsRecommended:
      configurationText(f.get('recommendedResourceDetails')) ??
      summaryConfig(recommendedType, recommendedSummary),
    DataGeneratorName: GENERATOR,
    x_Tags: tagsOf(f.get('tags')),
    x_Link: `${CONSOLE_LINK}${encodeURIComponent(recommendationId)}`,
  };
}

const snake = (name: string) =>
  name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);

async function parseExport(
  file: RecommendationFile,
): Promise<RecommendationParseResult> {
  const table = await readTable(file);
  const columns = new Columns(table.header);
  const out = new ResultCollector(AWS_COH_FORMAT_ID, 'line');
  for (const record of table.records) {
    if ('error' in record) {
      out.reject(record.line, record.error);
      continue;
    }
    const width = widthProblem(record, table.header);
    if (width) {
      out.reject(record.line, width);
      continue;
    }
    const { fields } = record;
    out.add(
      record.line,
      mapRecommendation({
        get: name => columns.get(fields, snake(name)),
        column: name => columns.name(snake(name)),
        saving: () => {
          const found = columns.first(fields, [
            'estimated_monthly_savings_after_discount',
            'estimated_monthly_savings_before_discount',
          ]);
          return found
            ? { column: found.column, raw: found.value }
            : {
                column:
                  columns.present([
                    'estimated_monthly_savings_after_discount',
                    'estimated_monthly_savings_before_discount',
                  ]) ?? 'estimated_monthly_savings_after_discount',
                raw: undefined,
              };
        },
      }),
    );
  }
  return out.result();
}

function parseListResponse(
  file: RecommendationFile,
): RecommendationParseResult {
  const items = jsonItems(file, parseJsonFile(file), 'items', 'nextToken');
  const out = new ResultCollector(AWS_COH_FORMAT_ID, 'item');
  items.forEach((item, i) => {
    const object = asObject(item);
    if (!object) {
      out.reject(i + 1, 'not a JSON object');
      return;
    }
    out.add(
      i + 1,
      mapRecommendation({
        get: name => object[name],
        column: name => name,
        // GetRecommendation's shape names the after-discount saving the same.
        saving: () => ({
          column: 'estimatedMonthlySavings',
          raw: object.estimatedMonthlySavings,
        }),
      }),
    );
  });
  return out.result();
}

/** AWS Cost Optimization Hub: the data export (CSV or Parquet) and the ListRecommendations JSON. */
export const awsCostOptimizationHubFormat: RecommendationFormat = {
  id: AWS_COH_FORMAT_ID,
  title:
    'AWS Cost Optimization Hub (data export CSV/Parquet, or ListRecommendations JSON)',
  detect(fileName, head) {
    if (looksLikeJson(head))
      return (
        (/"recommendationId"\s*:/.test(head) &&
          /"(actionType|estimatedMonthlySavings|currentResourceType)"\s*:/.test(
            head,
          )) ||
        (isEmptyList(head, 'items') &&
          /cost-?optimi[sz]ation-?hub|(^|[^a-z])coh([^a-z]|$)/i.test(
            baseName(fileName),
          ))
      );
    const columns = headerColumns(head);
    return (
      columns.has('recommendation_id') &&
      columns.has('action_type') &&
      (columns.has('estimated_monthly_savings_after_discount') ||
        columns.has('estimated_monthly_savings_before_discount'))
    );
  },
  async parse(file) {
    return isJsonContent(file) ? parseListResponse(file) : parseExport(file);
  },
};
