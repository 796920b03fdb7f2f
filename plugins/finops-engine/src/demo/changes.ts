import { dayString } from './focusCsv';
import type { Series } from './series';

/**
 * A deliberate change the demo data holds that is not an anomaly: a
 * resource rightsized on a day, for the demo's implemented recommendation
 * whose saving the cost data then verifies.
 *
 * @public
 */
export interface DemoChange {
  kind: 'rightsized';
  entity: string;
  resourceId: string;
  /** The first day at the new size, YYYY-MM-DD. */
  day: string;
  /** Days between that day and the last day of the data. */
  offset: number;
  /** Usage multiplied by this from that day on. */
  factor: number;
  description: string;
}

/**
 * Rightsizes an always-on EC2 instance (the CI runners', else the first
 * one an active entity maps) to half its size three weeks before the end.
 */
export function applyChanges(
  series: Series[],
  start: number,
  end: number,
): DemoChange[] {
  const instance = (s: Series) =>
    s.serviceName === 'Amazon Elastic Compute Cloud' &&
    s.meter.unit === 'Hours' &&
    s.resourceId !== undefined &&
    s.entity !== undefined &&
    s.origin !== 'unattributed' &&
    s.spike === undefined &&
    s.firstDay === undefined;
  const chosen =
    series.find(
      s => instance(s) && s.entity === 'component:default/ci-runners',
    ) ?? series.find(s => instance(s) && !s.entity!.includes('legacy'));
  const day = end - 21;
  if (!chosen || day < start) return [];
  const factor = 0.5;
  for (const s of series)
    if (s.resourceId === chosen.resourceId) s.resize = { day, factor };
  return [
    {
      kind: 'rightsized',
      entity: chosen.entity!,
      resourceId: chosen.resourceId!,
      day: dayString(day),
      offset: end - day,
      factor,
      description: `${
        chosen.resourceName ?? chosen.resourceId
      } rightsized to half its size`,
    },
  ];
}
