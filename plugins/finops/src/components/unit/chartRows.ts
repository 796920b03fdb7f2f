import type { UnitCostPoint } from '@costwise/plugin-finops-common';
import { toNumber } from '../shared/format';

/** One period as drawn. Numbers only draw; text comes from the exact strings. */
export interface UnitCostRow {
  date: string;
  cost: number;
  /** Absent on a period without a recorded value. */
  metric?: number;
  /** Absent on a period without usage, which leaves a gap in the line. */
  unitCost?: number;
  point: UnitCostPoint;
}

/** Whether a period had usage: a unit cost exists only when it did. */
export function hasUsage(point: UnitCostPoint): boolean {
  return point.unitCost !== null && !!point.metric;
}

export function toRows(series: UnitCostPoint[]): UnitCostRow[] {
  return [...series]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(point => ({
      date: point.date,
      cost: toNumber(point.cost),
      metric: point.metric ?? undefined,
      unitCost: hasUsage(point) ? toNumber(point.unitCost!) : undefined,
      point,
    }));
}
