import { Decimal } from '@costwise/plugin-finops-common';
import type { RecommendationFormat } from '../types';
import {
  type Mapped,
  ResultCollector,
  asObject,
  at,
  baseName,
  divideExact,
  impactOfSaving,
  isEmptyList,
  jsonItems,
  looksLikeJson,
  needsResource,
  optionalAmount,
  optionalInstant,
  parseJsonFile,
  requiredCurrency,
  subcategoryFromText,
  textField,
} from './common';

/**
 * Azure Advisor's REST list (`{"value": [...], "nextLink"?}`), or a bare
 * array of recommendations (`az advisor recommendation list`, which may
 * flatten `properties` into the item).
 *
 * Rules:
 * - only `properties.category` Cost is kept; other categories are skipped;
 * - the saving is `extendedProperties.savingsAmount` (monthly), else
 *   `annualSavingsAmount` / 12 (exact when it terminates, else rounded half
 *   to even at 6 decimal places); in `savingsCurrency`;
 * - the subcategory comes from `recommendationSubCategory`, else from the
 *   problem and solution text;
 * - a suppressed recommendation (`suppressionIds`) is Dismissed.
 */

export const AZURE_ADVISOR_FORMAT_ID = 'azure-advisor';
const GENERATOR = 'Azure Advisor';
const TWELVE = Decimal.parse('12');
const ADVISOR_SUFFIX =
  /\/providers\/Microsoft\.Advisor\/recommendations\/[^/]+$/i;

function mapItem(item: unknown): Mapped {
  if (!asObject(item)) return 'not a JSON object';
  // The REST shape nests the fields in `properties`; the az CLI flattens them.
  const properties = asObject(at(item, 'properties')) ?? asObject(item);
  const category = textField(properties?.category);
  if (!category) return 'properties.category is empty';
  if (category.toLowerCase() !== 'cost') return null;

  const id = textField(at(item, 'id'));
  if (!id) return 'id is empty';

  const extended = asObject(properties?.extendedProperties) ?? {};
  let saving: Decimal;
  const monthly = optionalAmount(
    'extendedProperties.savingsAmount',
    extended.savingsAmount,
  );
  if (!monthly.ok) return monthly.reason;
  if (monthly.value !== undefined) {
    saving = monthly.value;
  } else {
    const annual = optionalAmount(
      'extendedProperties.annualSavingsAmount',
      extended.annualSavingsAmount,
    );
    if (!annual.ok) return annual.reason;
    if (annual.value === undefined)
      return 'extendedProperties has neither savingsAmount nor annualSavingsAmount';
    saving = divideExact(annual.value, TWELVE, 6);
  }
  const currency = requiredCurrency(
    'extendedProperties.savingsCurrency',
    extended.savingsCurrency,
  );
  if (!currency.ok) return currency.reason;

  const problem = textField(at(properties, 'shortDescription', 'problem'));
  const solution = textField(at(properties, 'shortDescription', 'solution'));
  const description =
    problem && solution && problem !== solution
      ? `${problem}: ${solution}`
      : problem ?? solution ?? textField(properties?.description) ?? '';
  const namedSubcategory = textField(extended.recommendationSubCategory);
  let subcategory = namedSubcategory
    ? subcategoryFromText(namedSubcategory)
    : 'Other';
  if (subcategory === 'Other')
    subcategory = subcategoryFromText(`${problem ?? ''} ${solution ?? ''}`);

  const resourceId =
    textField(at(properties, 'resourceMetadata', 'resourceId')) ??
    (ADVISOR_SUFFIX.test(id) ? id.replace(ADVISOR_SUFFIX, '') : undefined);
  if (!resourceId && needsResource(subcategory))
    return `properties.resourceMetadata.resourceId is empty (a ${subcategory} recommendation needs its resource)`;
  const subscription = /\/subscriptions\/([^/]+)/i.exec(
    id.startsWith('/subscriptions/') ? id : resourceId ?? '',
  )?.[1];

  const lastUpdated = optionalInstant(
    'properties.lastUpdated',
    properties?.lastUpdated,
  );
  if (!lastUpdated.ok) return lastUpdated.reason;

  const suppressions = properties?.suppressionIds;
  const suppressed = Array.isArray(suppressions) && suppressions.length > 0;
  const currentSku = textField(extended.currentSku);
  const targetSku = textField(extended.targetSku);

  return {
    RecommendationId: id,
    RecommendationCategory: 'Cost',
    RecommendationSubcategory: subcategory,
    RecommendationDescription: description,
    RecommendationLastUpdated: lastUpdated.value,
    RecommendationStatus: suppressed ? 'Dismissed' : 'Open',
    EstimatedMonthlyCostImpact: impactOfSaving(saving),
    Currency: currency.value,
    ResourceId: resourceId,
    ResourceName: textField(properties?.impactedValue),
    ResourceType: textField(properties?.impactedField),
    SubAccountId: subscription,
    RegionId:
      textField(extended.region) ??
      textField(extended.regionId) ??
      textField(extended.location),
    ServiceProviderName: 'Microsoft',
    ResourceConfigurationDetailsCurrent: currentSku
      ? JSON.stringify({ sku: currentSku })
      : undefined,
    ResourceConfigurationDetailsRecommended: targetSku
      ? JSON.stringify({ sku: targetSku })
      : undefined,
    DataGeneratorName: GENERATOR,
    x_Link: textField(properties?.learnMoreLink),
  };
}

/** Azure Advisor's recommendations list (REST or az CLI JSON). */
export const azureAdvisorFormat: RecommendationFormat = {
  id: AZURE_ADVISOR_FORMAT_ID,
  title: 'Azure Advisor (REST or az CLI JSON)',
  detect(fileName, head) {
    return (
      looksLikeJson(head) &&
      (/Microsoft\.Advisor\/recommendations/i.test(head) ||
        (/"shortDescription"\s*:/.test(head) &&
          /"(impactedField|extendedProperties)"\s*:/.test(head)) ||
        (isEmptyList(head, 'value') && /advisor/i.test(baseName(fileName))))
    );
  },
  async parse(file) {
    const items = jsonItems(file, parseJsonFile(file), 'value', 'nextLink');
    const out = new ResultCollector(AZURE_ADVISOR_FORMAT_ID, 'item');
    items.forEach((item, i) => out.add(i + 1, mapItem(item)));
    return out.result();
  },
};
