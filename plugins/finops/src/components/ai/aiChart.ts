import type {
  AiUsageResponse,
  CostPoint,
  CostSeries,
} from '@costwise/plugin-finops-common';

/** The AI spend per day as the cost chart draws it: one series per model. */
export function aiSeries(value: AiUsageResponse): {
  series: CostSeries[];
  totals: CostPoint[];
} {
  const series = value.models.map(m => ({
    key: m.key,
    label: m.key,
    total: m.cost,
    points: value.daily
      .filter(d => d.byModel[m.key] !== undefined)
      .map(d => ({ date: d.date, amount: d.byModel[m.key] })),
  }));
  return {
    series,
    totals: value.daily.map(d => ({ date: d.date, amount: d.cost })),
  };
}
