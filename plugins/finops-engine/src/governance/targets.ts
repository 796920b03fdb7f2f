import { KpiId, KpiTarget, KpiValue } from '@costwise/plugin-finops-common';
import { KPI_DEFINITIONS } from '../model/kpis';
import type { GovernanceOptions } from './types';

/** The target in force of a KPI, for a team or the organization. */
export type TargetOf = (
  kpi: KpiId,
  team?: string,
) => { target: number | null; source: KpiValue['targetSource'] };

/** The targets in force: stored (admins'), else config, else the defaults. */
export function targetsInForce(
  stored: KpiTarget[],
  options: Pick<GovernanceOptions, 'targets' | 'teamTargets'>,
): TargetOf {
  const { targets, teamTargets } = options;
  return (kpi, team) => {
    if (team) {
      const s = stored.find(t => t.kpi === kpi && t.team === team);
      if (s) return { target: s.target, source: 'team' };
      const c = teamTargets.find(t => t.kpi === kpi && t.team === team);
      if (c) return { target: c.target, source: 'team' };
    }
    const s = stored.find(t => t.kpi === kpi && !t.team);
    if (s) return { target: s.target, source: 'organization' };
    if (kpi in targets)
      return { target: targets[kpi] ?? null, source: 'organization' };
    const d = KPI_DEFINITIONS[kpi].defaultTarget;
    return { target: d, source: d === null ? 'none' : 'default' };
  };
}

/** Met, at risk (within a tenth of the target; of a zero one, a day or 5 points) or missed. @public */
export function statusOf(
  value: number | null,
  target: number | null,
  better: 'higher' | 'lower',
  unit: string,
): KpiValue['status'] {
  if (value === null) return 'not-measured';
  if (target === null) return 'met';
  // a zero target gets a band of its own: a day, or 5 points of a share
  const zeroBand = unit === 'days' ? 1 : 0.05;
  const band = target === 0 ? zeroBand : Math.abs(target) * 0.1;
  if (better === 'higher') {
    if (value >= target) return 'met';
    return value >= target - band ? 'at-risk' : 'missed';
  }
  if (value <= target) return 'met';
  return value <= target + band ? 'at-risk' : 'missed';
}

/** Up, down or flat against the month before (half a point of a share, else 1%). */
export function directionOf(
  now: number | null,
  before: number | null,
  unit: string,
): KpiValue['direction'] {
  if (now === null || before === null) return null;
  const flat =
    unit === 'ratio' || unit === 'change'
      ? Math.abs(now - before) < 0.005
      : Math.abs(now - before) <= Math.abs(before) * 0.01;
  if (flat) return 'flat';
  return now > before ? 'up' : 'down';
}
