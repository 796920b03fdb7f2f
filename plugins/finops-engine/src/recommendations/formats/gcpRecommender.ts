import {
  Decimal,
  type RecommendationSubcategory,
} from '@costwise/plugin-finops-common';
import type { RecommendationFormat } from '../types';
import {
  type Checked,
  type Mapped,
  ResultCollector,
  asObject,
  at,
  baseName,
  divideExact,
  isEmptyList,
  jsonItems,
  looksLikeJson,
  needsResource,
  optionalInstant,
  parseJsonFile,
  requiredCurrency,
  textField,
  truncate,
} from './common';

/**
 * Google Cloud Recommender's list (`{"recommendations": [...],
 * "nextPageToken"?}`, or a bare array as `gcloud recommender
 * recommendations list --format=json` writes it), per `recommendation.proto`.
 *
 * Rules:
 * - only recommendations whose `primaryImpact` is COST are kept (others are
 *   skipped); the cost is the projection's Money (negative for a saving,
 *   as FOCUS), scaled from its `duration` to 30 days: exact when it
 *   terminates, else rounded half to even at 6 decimal places; a missing
 *   duration is read as 30 days;
 * - the resource is the first operation's `resource` that is not an `add`
 *   (else the first one);
 * - SUCCEEDED → Implemented, DISMISSED → Dismissed, any other state → Open.
 */

export const GCP_RECOMMENDER_FORMAT_ID = 'gcp-recommender';
const GENERATOR = 'Google Cloud Recommender';
const THIRTY_DAYS_SECONDS = 2_592_000;
const NAME =
  /^(projects|billingAccounts|folders|organizations)\/([^/]+)\/locations\/([^/]+)\/recommenders\/([^/]+)\/recommendations\/([^/]+)$/;

/** The subcategory of a recommender and subtype: idle first, then commitments, then machine types. */
export function gcpSubcategory(
  subtype: string | undefined,
  recommender: string | undefined,
): RecommendationSubcategory {
  const s = (subtype ?? '').toUpperCase();
  const r = (recommender ?? '').toLowerCase();
  if (
    r.includes('idle') ||
    s.includes('IDLE') ||
    /^(STOP|DELETE|SNAPSHOT_AND_DELETE|REMOVE)_/.test(s)
  )
    return 'Idle Resource Removal';
  if (r.includes('commitment') || s.includes('COMMITMENT'))
    return 'Commitment Purchase';
  if (
    r.includes('machinetype') ||
    r.includes('overprovisioned') ||
    r.includes('rightsiz') ||
    /CHANGE_MACHINE_TYPE|RIGHTSIZ|DOWNSIZE/.test(s)
  )
    return 'Rightsizing';
  return 'Other';
}

/** A Money `{currencyCode, units, nanos}` as an exact decimal (protobuf JSON omits zero fields). */
function moneyOf(money: unknown): Checked<Decimal> {
  const units = textField(at(money, 'units')) ?? '0';
  const nanos = textField(at(money, 'nanos')) ?? '0';
  if (!/^[+-]?\d+$/.test(units))
    return {
      ok: false,
      reason: `primaryImpact.costProjection.cost.units is not a number: '${truncate(
        units,
      )}'`,
    };
  if (!/^[+-]?\d{1,9}$/.test(nanos))
    return {
      ok: false,
      reason: `primaryImpact.costProjection.cost.nanos is not a number of nanos: '${truncate(
        nanos,
      )}'`,
    };
  const u = BigInt(units);
  const n = BigInt(nanos);
  if ((u > 0n && n < 0n) || (u < 0n && n > 0n))
    return {
      ok: false,
      reason: `primaryImpact.costProjection.cost has units (${units}) and nanos (${nanos}) of different signs`,
    };
  return { ok: true, value: Decimal.fromUnits(u * 1_000_000_000n + n, 9) };
}

/** A protobuf Duration in JSON (`"2592000s"`, `"1.5s"`) as decimal seconds. */
function secondsOf(raw: unknown): Checked<Decimal> {
  const text = textField(raw);
  if (text === undefined)
    return {
      ok: true,
      value: Decimal.fromUnits(BigInt(THIRTY_DAYS_SECONDS), 0),
    };
  const m = /^(\d+(?:\.\d+)?)s$/.exec(text);
  const seconds = m ? Decimal.tryParse(m[1]) : undefined;
  if (!seconds || seconds.isZero())
    return {
      ok: false,
      reason: `primaryImpact.costProjection.duration is not a positive duration: '${truncate(
        text,
      )}'`,
    };
  return { ok: true, value: seconds };
}

function operationsOf(item: unknown): Array<Record<string, unknown>> {
  const groups = at(item, 'content', 'operationGroups');
  if (!Array.isArray(groups)) return [];
  return groups.flatMap(group => {
    const operations = at(group, 'operations');
    return Array.isArray(operations)
      ? operations
          .map(asObject)
          .filter((o): o is Record<string, unknown> => !!o)
      : [];
  });
}

/** The operations' values by path: `test` ones are the current configuration, `replace`/`add` the recommended one. */
function configurations(operations: Array<Record<string, unknown>>): {
  current?: string;
  recommended?: string;
} {
  const current: Record<string, unknown> = {};
  const recommended: Record<string, unknown> = {};
  for (const op of operations) {
    const path = textField(op.path);
    if (!path || op.value === undefined) continue;
    const action = textField(op.action)?.toLowerCase();
    if (action === 'test') current[path] = op.value;
    else if (action === 'replace' || action === 'add')
      recommended[path] = op.value;
  }
  const text = (o: Record<string, unknown>) =>
    Object.keys(o).length > 0 ? JSON.stringify(o) : undefined;
  return { current: text(current), recommended: text(recommended) };
}

function mapItem(item: unknown): Mapped {
  if (!asObject(item)) return 'not a JSON object';
  const name = textField(at(item, 'name'));
  if (!name) return 'name is empty';
  const impact = at(item, 'primaryImpact');
  const category = textField(at(impact, 'category'));
  if (!category) return 'primaryImpact.category is empty';
  if (category.toUpperCase() !== 'COST') return null;

  const cost = at(impact, 'costProjection', 'cost');
  if (!asObject(cost)) return 'primaryImpact.costProjection.cost is missing';
  const money = moneyOf(cost);
  if (!money.ok) return money.reason;
  const currency = requiredCurrency(
    'primaryImpact.costProjection.cost.currencyCode',
    at(cost, 'currencyCode'),
  );
  if (!currency.ok) return currency.reason;
  const seconds = secondsOf(at(impact, 'costProjection', 'duration'));
  if (!seconds.ok) return seconds.reason;
  const monthly = divideExact(
    money.value.mulInt(THIRTY_DAYS_SECONDS),
    seconds.value,
    6,
  );

  const parsedName = NAME.exec(name);
  const recommender = parsedName?.[4];
  const subcategory = gcpSubcategory(
    textField(at(item, 'recommenderSubtype')),
    recommender,
  );
  const operations = operationsOf(item);
  // The resource acted on: an `add` creates a new one (a snapshot before a
  // delete, a commitment), so an operation on an existing one comes first.
  const withResource =
    operations.find(
      op =>
        textField(op.resource) && textField(op.action)?.toLowerCase() !== 'add',
    ) ?? operations.find(op => textField(op.resource));
  const targets = at(item, 'targetResources');
  const resourceId =
    textField(withResource?.resource) ??
    (Array.isArray(targets) ? textField(targets[0]) : undefined);
  if (!resourceId && needsResource(subcategory))
    return `content.operationGroups[].operations[].resource is empty (a ${subcategory} recommendation needs its resource)`;

  const lastUpdated = optionalInstant(
    'lastRefreshTime',
    at(item, 'lastRefreshTime'),
  );
  if (!lastUpdated.ok) return lastUpdated.reason;

  const state = textField(at(item, 'stateInfo', 'state'))?.toUpperCase();
  let status: 'Open' | 'Dismissed' | 'Implemented' = 'Open';
  if (state === 'SUCCEEDED') status = 'Implemented';
  else if (state === 'DISMISSED') status = 'Dismissed';

  const location = parsedName?.[3];
  const project =
    parsedName?.[1] === 'projects'
      ? parsedName[2]
      : /\/projects\/([^/]+)/.exec(resourceId ?? '')?.[1];
  const { current, recommended } = configurations(operations);

  return {
    RecommendationId: name,
    RecommendationCategory: 'Cost',
    RecommendationSubcategory: subcategory,
    RecommendationDescription: textField(at(item, 'description')) ?? '',
    RecommendationLastUpdated: lastUpdated.value,
    RecommendationStatus: status,
    EstimatedMonthlyCostImpact: monthly.toString(),
    Currency: currency.value,
    ResourceId: resourceId,
    ResourceName: resourceId?.split('/').pop(),
    ResourceType: textField(withResource?.resourceType),
    BillingAccountId:
      parsedName?.[1] === 'billingAccounts' ? parsedName[2] : undefined,
    SubAccountId: project,
    RegionId: location && location !== 'global' ? location : undefined,
    ServiceProviderName: 'Google Cloud',
    ResourceConfigurationDetailsCurrent: current,
    ResourceConfigurationDetailsRecommended: recommended,
    DataGeneratorName: GENERATOR,
  };
}

/** Google Cloud Recommender's recommendations list (REST or gcloud JSON). */
export const gcpRecommenderFormat: RecommendationFormat = {
  id: GCP_RECOMMENDER_FORMAT_ID,
  title: 'Google Cloud Recommender (REST or gcloud JSON)',
  detect(fileName, head) {
    return (
      looksLikeJson(head) &&
      (/"recommenderSubtype"\s*:/.test(head) ||
        /"primaryImpact"\s*:/.test(head) ||
        /\/recommenders\/[^/"]+\/recommendations\//.test(head) ||
        (isEmptyList(head, 'recommendations') &&
          /recommender|gcp|google/i.test(baseName(fileName))))
    );
  },
  async parse(file) {
    const items = jsonItems(
      file,
      parseJsonFile(file),
      'recommendations',
      'nextPageToken',
    );
    const out = new ResultCollector(GCP_RECOMMENDER_FORMAT_ID, 'item');
    items.forEach((item, i) => out.add(i + 1, mapItem(item)));
    return out.result();
  },
};
