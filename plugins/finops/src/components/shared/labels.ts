import type {
  AttributionMethod,
  CostGroupBy,
  CostMeasure,
} from '@costwise/plugin-finops-common';

/** How each attribution method reads to someone who did not write the rule. */
export const METHOD_LABELS: Record<AttributionMethod, string> = {
  'resource-id': 'Resource id',
  override: 'Override rule',
  tags: 'Tags',
  kubernetes: 'Kubernetes',
  llm: 'LLM project',
  accounts: 'Account',
  inference: 'Inferred',
  shared: 'Shared cost',
};

export function methodLabel(method: string): string {
  return METHOD_LABELS[method as AttributionMethod] ?? method;
}

export const GROUP_BY_LABELS: Record<CostGroupBy, string> = {
  service: 'Service',
  provider: 'Provider',
  region: 'Region',
  resource: 'Resource',
  chargeCategory: 'Charge category',
  method: 'Attribution method',
  child: 'Member entity',
  team: 'Team',
  system: 'System',
};

export const MEASURE_LABELS: Record<CostMeasure, string> = {
  EffectiveCost: 'Effective cost (amortized)',
  BilledCost: 'Billed cost (invoice)',
  ListCost: 'List cost',
  ContractedCost: 'Contracted cost',
};

/** Kinds whose cost is the sum of their members, so `child` is meaningful. */
export const KINDS_WITH_CHILDREN = ['system', 'domain', 'group'];
