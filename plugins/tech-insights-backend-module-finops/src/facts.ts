import type { Entity } from '@backstage/catalog-model';
import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import {
  ANNOTATION_COST_VISIBILITY,
  ANNOTATION_SHARED_COST,
  ANNOTATION_UNIT_METRIC,
  COST_MAPPING_ANNOTATIONS,
  type EntityCostSummary,
  type EntityRecommendations,
  type KpiId,
  type TeamScorecard,
  type UnitCostResponse,
} from '@costwise/plugin-finops-common';

/**
 * The facts the Costwise fact retriever stores per entity. Figures the
 * Costwise API has no value for are left out, and a check that reads a
 * missing fact is not evaluated for the entity.
 *
 * @public
 */
export interface CostwiseFacts {
  /** A Costwise annotation maps cost to the entity itself. */
  hasCostMapping: boolean;
  /** The entity declares a unit metric that Costwise can read. */
  hasUnitMetric: boolean;
  /** Share 0..1 of the entity's cost attributed by explicit rules. */
  explicitCoverage?: number;
  /** Change of the unit cost over 3 months, as a ratio (−0.05 is 5% down). */
  unitCostTrend?: number;
  /** Recommendations open now (open, acknowledged, deferred). */
  openRecommendations?: number;
  /** Their estimated monthly savings, in the Costwise currency. */
  openRecommendationSavings?: number;
  /** Share 0..1 of the recommendations of the last 12 months implemented. */
  recommendationsActioned?: number;
}

/**
 * The schema of {@link CostwiseFacts}, as the Tech Insights backend stores it.
 *
 * @public
 */
export const costwiseFactSchema: FactSchema = {
  hasCostMapping: {
    type: 'boolean',
    description:
      'A Costwise annotation (costwise.dev/resource-ids, tags, accounts, llm, shared-cost, or the Kubernetes and AWS cost insights annotations Costwise reads) maps cost to the entity',
  },
  hasUnitMetric: {
    type: 'boolean',
    description:
      'The entity declares a valid costwise.dev/unit-metric, the denominator of its unit cost',
  },
  explicitCoverage: {
    type: 'float',
    description:
      "Share 0..1 of the entity's cost attributed by explicit rules rather than inference (the last 30 days; a team's: its scorecard month). Absent without cost",
  },
  unitCostTrend: {
    type: 'float',
    description:
      'Change of the unit cost over the 3 months up to the last day with data, over its first value (-0.05 is 5% down). Absent with fewer than two whole months of usage',
  },
  openRecommendations: {
    type: 'integer',
    description:
      "Cost recommendations open now (open, acknowledged or deferred), the entity's and its members'",
  },
  openRecommendationSavings: {
    type: 'float',
    description:
      'Estimated monthly savings of the open recommendations, in the Costwise currency',
  },
  recommendationsActioned: {
    type: 'float',
    description:
      'Share 0..1 of the recommendations first seen in the last 12 months, not expired, that were implemented. Absent without any',
  },
};

/** Whether the annotation has a value. */
function annotated(entity: Entity, annotation: string): boolean {
  return !!entity.metadata.annotations?.[annotation]?.trim();
}

/**
 * Whether a Costwise annotation maps cost to the entity: the annotations
 * the attribution reads (`HAS_COST_MAPPING`'s) and a shared-cost policy.
 */
export function hasCostMapping(entity: Entity): boolean {
  return [...COST_MAPPING_ANNOTATIONS, ANNOTATION_SHARED_COST].some(a =>
    annotated(entity, a),
  );
}

/**
 * Whether the entity's owners restricted who may read its cost
 * (`costwise.dev/cost-visibility: owners`).
 */
export function isCostRestricted(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.[
      ANNOTATION_COST_VISIBILITY
    ]?.trim().toLowerCase() === 'owners'
  );
}

/**
 * The facts of an entity whose cost figures are not published (its cost is
 * restricted to its owners): only what its annotations say.
 */
export function annotationFacts(entity: Entity): CostwiseFacts {
  return {
    hasCostMapping: hasCostMapping(entity),
    hasUnitMetric: annotated(entity, ANNOTATION_UNIT_METRIC),
  };
}

/** What the Costwise API answered for an entity. */
export interface CostwiseEntityFigures {
  summary: EntityCostSummary;
  unitCost: UnitCostResponse;
  recommendations: EntityRecommendations;
  /** A Group's scorecard; undefined for other kinds. */
  scorecard?: TeamScorecard;
}

/** Drops the keys whose value is null or undefined. */
function defined(facts: CostwiseFacts): CostwiseFacts {
  return Object.fromEntries(
    Object.entries(facts).filter(([, v]) => v !== null && v !== undefined),
  ) as CostwiseFacts;
}

/**
 * The facts of an entity from the Costwise API's figures. A Group's
 * coverage, trend and actioned share are its scorecard's KPIs (the figures
 * the governance page holds teams to); other kinds' come from their summary,
 * unit cost and recommendations.
 */
export function factsFromFigures(
  entity: Entity,
  figures: CostwiseEntityFigures,
): CostwiseFacts {
  const { summary, unitCost, recommendations, scorecard } = figures;
  const common = {
    hasCostMapping: hasCostMapping(entity),
    hasUnitMetric: unitCost.unitMetric !== null,
    openRecommendations: recommendations.open.count,
    openRecommendationSavings: Number(recommendations.open.monthlySavings),
  };
  if (scorecard) {
    const kpi = (id: KpiId) =>
      scorecard.kpis.find(k => k.id === id)?.value ?? undefined;
    return defined({
      ...common,
      explicitCoverage: kpi('explicit-coverage'),
      unitCostTrend: kpi('unit-cost-trend'),
      recommendationsActioned: kpi('recommendations-actioned'),
    });
  }
  // without cost of its own (none at all, or a shared resource that passes
  // it all on) the API's explicitShare is 0: there is nothing to cover
  const hadCost = Object.keys(summary.confidence.byMethod).length > 0;
  return defined({
    ...common,
    explicitCoverage: hadCost ? summary.confidence.explicitShare : undefined,
    unitCostTrend: unitCost.trend.ratio ?? undefined,
    recommendationsActioned: recommendations.kpis.actionedRate ?? undefined,
  });
}
