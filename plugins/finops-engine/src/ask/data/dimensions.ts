import type { AskDimension, AskFilter } from '@costwise/plugin-finops-common';
import type { GroupDetails } from '../../stores';

/** A fact group with every dimension a question may name. */
export interface AskGroup extends GroupDetails {
  subAccountName?: string;
  resourceType?: string;
}

/** Tag keys that name an LLM's model (compared in lower case). */
export const DEFAULT_MODEL_TAG_KEYS = ['x_modelid', 'x_model', 'model'];
/** Tag keys that name the product feature that spent the cost. */
export const FEATURE_TAG_KEYS = ['x_feature', 'x_featureid', 'feature'];

function tagValue(
  tags: Record<string, string>,
  keys: string[],
): string | undefined {
  const wanted = keys.map(k => k.toLowerCase());
  for (const [key, value] of Object.entries(tags)) {
    const k = key.trim().toLowerCase();
    if (wanted.includes(k) && String(value).trim()) return String(value).trim();
  }
  return undefined;
}

/**
 * The model a fact group's cost was spent on: a model tag (`x_ModelId`,
 * `x_Model`, `model`), else the SKU of token-priced usage (how the OpenAI
 * and Anthropic cost reports and their FOCUS forms name it).
 */
export function modelOf(
  group: Pick<GroupDetails, 'tags' | 'skuId' | 'consumedUnit'>,
  modelTagKeys: string[] = DEFAULT_MODEL_TAG_KEYS,
): string | undefined {
  const tagged = tagValue(group.tags, modelTagKeys);
  if (tagged) return tagged;
  if (group.skuId && /token/i.test(group.consumedUnit ?? ''))
    return group.skuId;
  return undefined;
}

/** Whether a fact group is AI spend: a model named, or an AI and ML service. */
export function isAiSpend(
  group: AskGroup,
  modelTagKeys: string[] = DEFAULT_MODEL_TAG_KEYS,
): boolean {
  return (
    modelOf(group, modelTagKeys) !== undefined ||
    /^ai and machine learning$/i.test(group.serviceCategory ?? '')
  );
}

/** The account a fact group's cost is in: its sub account, else its billing account. */
export function accountOf(group: AskGroup): string {
  return group.subAccountId ?? group.billingAccountId;
}

/** A row's key and its label in one dimension. */
export interface DimensionKey {
  key: string;
  label: string;
}

/** What a row of cost is, for its key in a dimension. */
export interface KeyedRow {
  group: AskGroup;
  /** The entity the cost is attributed to; null for unattributed cost. */
  entityRef: string | null;
}

/** Labels of entities (their titles) and rollup children, for keys by entity. */
export interface EntityLabels {
  label(ref: string): string;
  /** The direct child of the entity in scope a member rolls up through. */
  childOf?(ref: string): string;
}

export const UNATTRIBUTED = '(unattributed)';

/** The key of a row of cost in a dimension. */
export function keyOf(
  dimension: AskDimension,
  row: KeyedRow,
  labels: EntityLabels,
  modelTagKeys: string[] = DEFAULT_MODEL_TAG_KEYS,
): DimensionKey {
  const g = row.group;
  switch (dimension) {
    case 'service':
      return { key: g.serviceName, label: g.serviceName };
    case 'resource': {
      const key = g.resourceId ?? g.resourceName;
      if (!key)
        return {
          key: `(no resource) ${g.serviceName}`,
          label: `${g.serviceName} (no resource id)`,
        };
      return { key, label: g.resourceName ?? key };
    }
    case 'region':
      return {
        key: g.region ?? '(no region)',
        label: g.region ?? '(no region)',
      };
    case 'sku':
      return {
        key: g.skuId ?? `(no SKU) ${g.serviceName}`,
        label: g.skuId ?? `${g.serviceName} (no SKU)`,
      };
    case 'chargeCategory':
      return {
        key: g.chargeCategory ?? 'Usage',
        label: g.chargeCategory ?? 'Usage',
      };
    case 'provider':
      return { key: g.provider, label: g.provider };
    case 'account': {
      const key = accountOf(g);
      return {
        key,
        label:
          g.subAccountName && g.subAccountName !== key
            ? `${g.subAccountName} (${key})`
            : key,
      };
    }
    case 'model': {
      const model = modelOf(g, modelTagKeys) ?? '(no model)';
      return { key: model, label: model };
    }
    case 'feature': {
      const feature = tagValue(g.tags, FEATURE_TAG_KEYS);
      if (feature) return { key: `feature:${feature}`, label: feature };
      if (!row.entityRef) return { key: UNATTRIBUTED, label: UNATTRIBUTED };
      return { key: row.entityRef, label: labels.label(row.entityRef) };
    }
    case 'child': {
      if (!row.entityRef) return { key: UNATTRIBUTED, label: UNATTRIBUTED };
      const child = labels.childOf?.(row.entityRef) ?? row.entityRef;
      return { key: child, label: labels.label(child) };
    }
    case 'entity':
    default:
      if (!row.entityRef) return { key: UNATTRIBUTED, label: UNATTRIBUTED };
      return { key: row.entityRef, label: labels.label(row.entityRef) };
  }
}

const same = (a: string | undefined, b: string) =>
  a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether a fact group meets every condition of a filter. */
export function matchesFilter(
  group: AskGroup,
  filter: AskFilter | undefined,
  modelTagKeys: string[] = DEFAULT_MODEL_TAG_KEYS,
): boolean {
  if (!filter) return true;
  if (filter.provider && !same(group.provider, filter.provider)) return false;
  if (filter.service && !same(group.serviceName, filter.service)) return false;
  if (filter.region && !same(group.region, filter.region)) return false;
  if (
    filter.chargeCategory &&
    !same(group.chargeCategory ?? 'Usage', filter.chargeCategory)
  )
    return false;
  if (
    filter.account &&
    !same(group.subAccountId, filter.account) &&
    !same(group.billingAccountId, filter.account) &&
    !same(group.subAccountName, filter.account)
  )
    return false;
  if (filter.model && !same(modelOf(group, modelTagKeys), filter.model))
    return false;
  if (
    filter.resource &&
    !same(group.resourceId, filter.resource) &&
    !same(group.resourceName, filter.resource)
  )
    return false;
  return true;
}
