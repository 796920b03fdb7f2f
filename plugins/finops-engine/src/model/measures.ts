import type { CostMeasure } from '@costwise/plugin-finops-common';

/** The database column of each cost measure (facts and allocations alike). */
export const MEASURE_COLUMNS: Record<CostMeasure, string> = {
  BilledCost: 'billed_cost',
  EffectiveCost: 'effective_cost',
  ListCost: 'list_cost',
  ContractedCost: 'contracted_cost',
};

/** The field of each cost measure on fact and allocation rows read by the stores. */
export const MEASURE_FIELDS = {
  BilledCost: 'billedCost',
  EffectiveCost: 'effectiveCost',
  ListCost: 'listCost',
  ContractedCost: 'contractedCost',
} as const satisfies Record<CostMeasure, string>;
