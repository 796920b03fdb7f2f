import { KPI_IDS, KpiId, KpiUnit } from '@costwise/plugin-finops-common';

/** What a KPI is and its default target. @public */
export interface KpiDefinition {
  id: KpiId;
  title: string;
  description: string;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  /** The target when config and admins set none. */
  defaultTarget: number | null;
}

/** Every KPI's definition. @public */
export const KPI_DEFINITIONS: Record<KpiId, KpiDefinition> = {
  'attribution-coverage': {
    id: 'attribution-coverage',
    title: 'Attribution coverage',
    description:
      "Share of the month's cost attributed to a catalog entity by any rule (for a team: of the cost in the accounts it owns).",
    unit: 'ratio',
    better: 'higher',
    defaultTarget: 0.95,
  },
  'explicit-coverage': {
    id: 'explicit-coverage',
    title: 'Explicit attribution',
    description:
      "Share of the month's cost attributed by explicit rules (annotations, overrides, shared-cost policies), not by inference (for a team: of its own cost).",
    unit: 'ratio',
    better: 'higher',
    defaultTarget: 0.9,
  },
  'recommendations-actioned': {
    id: 'recommendations-actioned',
    title: 'Recommendations actioned',
    description:
      'Of the recommendations first seen in the 12 months up to the month that did not expire, the share implemented.',
    unit: 'ratio',
    better: 'higher',
    defaultTarget: 0.5,
  },
  'time-to-action': {
    id: 'time-to-action',
    title: 'Time from insight to action',
    description:
      'Median days from a recommendation first seen to implemented, over the 12 months up to the month.',
    unit: 'days',
    better: 'lower',
    defaultTarget: 30,
  },
  'unit-cost-trend': {
    id: 'unit-cost-trend',
    title: 'Unit cost trend',
    description:
      "Change of the unit cost over the 3 months up to the month (the least-squares line's change over its first value); the organization's is the median of its teams'.",
    unit: 'change',
    better: 'lower',
    defaultTarget: 0,
  },
  'finops-overhead': {
    id: 'finops-overhead',
    title: 'FinOps overhead per $1M',
    description:
      "The FinOps function's own cost of the month (finops.governance.overhead) per 1,000,000 of cloud spend.",
    unit: 'per-million',
    better: 'lower',
    defaultTarget: 20_000,
  },
  'commitment-coverage': {
    id: 'commitment-coverage',
    title: 'Commitment coverage',
    description:
      'Share of the on-demand-equivalent (list) cost of usage eligible for commitments that commitments covered.',
    unit: 'ratio',
    better: 'higher',
    defaultTarget: 0.7,
  },
  'commitment-utilization': {
    id: 'commitment-utilization',
    title: 'Commitment utilization',
    description:
      'Share of the commitments’ cost that was used (FOCUS CommitmentDiscountStatus Used against Unused).',
    unit: 'ratio',
    better: 'higher',
    defaultTarget: 0.95,
  },
  'budget-adherence': {
    id: 'budget-adherence',
    title: 'Budget adherence',
    description: 'Share of budgets on track.',
    unit: 'ratio',
    better: 'higher',
    defaultTarget: 0.9,
  },
  'anomaly-response': {
    id: 'anomaly-response',
    title: 'Anomaly response',
    description: 'Median days from an anomaly detected to its first response.',
    unit: 'days',
    better: 'lower',
    defaultTarget: 2,
  },
};

/**
 * Why a KPI id or a target for it is refused (an unknown KPI, a share
 * outside 0 to 1, a negative count of days or amount), or undefined.
 */
export function targetProblem(
  kpi: string,
  target: unknown,
): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(KPI_DEFINITIONS, kpi))
    return `Unknown KPI '${kpi}': use ${KPI_IDS.join(', ')}`;
  const def = KPI_DEFINITIONS[kpi as KpiId];
  if (target === null) return undefined;
  if (typeof target !== 'number' || !Number.isFinite(target))
    return 'The target must be a number, or null to remove it';
  if (def.unit === 'ratio' && (target < 0 || target > 1))
    return `${def.title} is a share: its target must be from 0 to 1 (0.95 is 95%), got ${target}`;
  if ((def.unit === 'days' || def.unit === 'per-million') && target < 0)
    return `${def.title}'s target cannot be negative, got ${target}`;
  return undefined;
}
