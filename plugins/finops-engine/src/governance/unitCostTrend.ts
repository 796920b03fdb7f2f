import type { Entity } from '@backstage/catalog-model';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import type { UnitCostService } from '../queries';
import { quantile } from '../queries/unitEconomics/stats';
import { Detail, Figure, measured, monthsBack } from './types';

/**
 * A team's unit cost trend: the change of the least-squares line over the
 * 3 months up to the month, from its `costwise.dev/unit-metric`, with the
 * 6- and 12-month ones beside it (they say whether it lasts).
 */
export async function unitCostTrend(
  unitCosts: UnitCostService,
  team: Entity,
  month: string,
  to: string,
  measure: CostMeasure,
): Promise<Figure> {
  if (!team.metadata.annotations?.['costwise.dev/unit-metric'])
    return {
      value: null,
      message: 'not measured: the team has no costwise.dev/unit-metric',
      detail: {},
    };
  let trend: number | null = null;
  const detail: Detail = {};
  for (const months of [3, 6, 12]) {
    const unit = await unitCosts.unitCost(team, {
      from: `${monthsBack(month, months - 1)}-01`,
      to,
      granularity: 'month',
      measure,
    });
    detail[`change${months}m`] = unit.trend?.ratio ?? null;
    detail[`slope${months}m`] = unit.trend?.periods ? unit.trend.slope : null;
    if (months === 3) trend = unit.trend?.ratio ?? null;
  }
  return measured(trend, 'fewer than two whole months with usage', detail);
}

/** The organization's unit cost trend: the median of its teams'. */
export function organizationTrend(trends: number[]): Figure {
  const sorted = [...trends].sort((a, b) => a - b);
  return measured(
    sorted.length ? quantile(sorted, 0.5) : null,
    'no team has a unit cost trend',
    { teams: sorted.length },
  );
}
