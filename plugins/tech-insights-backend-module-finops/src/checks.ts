import { COSTWISE_FACT_RETRIEVER_ID } from './costwiseFactRetriever';
import type { CostwiseFacts } from './facts';

/**
 * A `json-rules-engine` check on the Costwise facts, in the shape the
 * JSON rules engine fact checker
 * (`@backstage-community/plugin-tech-insights-backend-module-jsonfc`) reads.
 *
 * @public
 */
export interface CostwiseCheck {
  /** The check's id: its key in `techInsights.factChecker.checks`. */
  id: string;
  /** The fact checker that runs it. */
  type: 'json-rules-engine';
  /** Its title on a scorecard. */
  name: string;
  /** What passing means, on a scorecard. */
  description: string;
  /** The retrievers whose facts it reads: the Costwise one. */
  factIds: string[];
  /**
   * Which entities the check applies to (an entity field by dot path, and
   * the value or any of the values it must have); every entity the
   * retriever covers without it. One object: the fact checker's config
   * reader does not accept a list of filters.
   */
  filter?: Record<string, string | string[]>;
  /** The condition on the facts that passes the check. */
  rule: {
    conditions: {
      all: Array<{
        fact: keyof CostwiseFacts;
        operator: 'equal' | 'greaterThanInclusive' | 'lessThanInclusive';
        value: boolean | number;
      }>;
    };
  };
}

const check = (
  id: string,
  text: { name: string; description: string },
  condition: CostwiseCheck['rule']['conditions']['all'][number],
  filter?: CostwiseCheck['filter'],
): CostwiseCheck => ({
  id,
  type: 'json-rules-engine',
  ...text,
  factIds: [COSTWISE_FACT_RETRIEVER_ID],
  ...(filter ? { filter } : {}),
  rule: { conditions: { all: [condition] } },
});

/**
 * The Costwise scorecard checks, at the default targets of the Costwise
 * KPIs (explicit attribution 90%, recommendations actioned 50%, unit cost
 * not rising). A check whose fact an entity has no value for (no cost, no
 * recommendations, too short a unit-cost history) is not evaluated for it.
 *
 * @public
 */
export const costwiseChecks: CostwiseCheck[] = [
  check(
    'costwise-has-cost-mapping',
    {
      name: 'Cost is mapped',
      description:
        'A Costwise annotation (costwise.dev/resource-ids, tags, accounts, llm or shared-cost) maps cloud cost to the component or resource',
    },
    { fact: 'hasCostMapping', operator: 'equal', value: true },
    { kind: ['component', 'resource'] },
  ),
  check(
    'costwise-has-unit-metric',
    {
      name: 'Unit metric declared',
      description:
        'The system declares the business metric its unit cost is measured by (costwise.dev/unit-metric)',
    },
    { fact: 'hasUnitMetric', operator: 'equal', value: true },
    { kind: 'system' },
  ),
  check(
    'costwise-explicit-coverage',
    {
      name: 'Cost attributed explicitly',
      description:
        'At least 90% of the cost is attributed by explicit rules (annotations, overrides, shared-cost policies) rather than inferred',
    },
    { fact: 'explicitCoverage', operator: 'greaterThanInclusive', value: 0.9 },
  ),
  check(
    'costwise-recommendations-actioned',
    {
      name: 'Recommendations actioned',
      description:
        'At least half of the cost recommendations of the last 12 months were implemented',
    },
    {
      fact: 'recommendationsActioned',
      operator: 'greaterThanInclusive',
      value: 0.5,
    },
  ),
  check(
    'costwise-unit-cost-trend',
    {
      name: 'Unit cost not rising',
      description:
        'The unit cost did not rise over the last 3 months (its trend is at most 0)',
    },
    { fact: 'unitCostTrend', operator: 'lessThanInclusive', value: 0 },
  ),
];

/**
 * {@link costwiseChecks} as the value of `techInsights.factChecker.checks`
 * (keyed by check id), for a config file or a config loaded in code.
 *
 * @public
 */
export function costwiseChecksConfig(): Record<
  string,
  Omit<CostwiseCheck, 'id'>
> {
  return Object.fromEntries(costwiseChecks.map(({ id, ...c }) => [id, c]));
}
