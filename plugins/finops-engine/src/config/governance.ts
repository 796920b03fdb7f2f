import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '../model/entityRefs';
import { targetProblem } from '../model/kpis';

/**
 * KPI targets and the FinOps function's own cost (`finops.governance`).
 *
 * @public
 */
export interface GovernanceConfig {
  /** Organization targets by KPI id. */
  targets: Record<string, number | null>;
  /** Team overrides. */
  teamTargets: Array<{ team: string; kpi: string; target: number | null }>;
  /** The FinOps function's monthly cost, from a month on. */
  overhead: Array<{
    from: string;
    monthly?: string;
    people?: string;
    tooling?: string;
  }>;
}

/** A target as written: a number, or null (no target). */
function readTarget(config: Config, key: string, at: string): number | null {
  const value = config.getOptional(key);
  if (value === undefined) return null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()))
    return Number(value);
  if (typeof value !== 'number')
    throw new InputError(
      `${at} must be a number (a share such as 0.95 for 95%), got '${String(
        value,
      )}'`,
    );
  return value;
}

/** Refuses an unknown KPI or a target out of its range, naming the key. */
function checkTarget(at: string, kpi: string, target: number | null) {
  const problem = targetProblem(kpi, target);
  if (problem) throw new InputError(`${at}: ${problem}`);
}

/** Reads `finops.governance`, refusing unknown KPIs and targets out of range. */
export function readGovernanceConfig(
  finops: Config | undefined,
): GovernanceConfig {
  const gov = finops?.getOptionalConfig('governance');
  const targetsConfig = gov?.getOptionalConfig('targets');
  const targets: GovernanceConfig['targets'] = {};
  for (const kpi of targetsConfig?.keys() ?? []) {
    const at = `finops.governance.targets.${kpi}`;
    const target = readTarget(targetsConfig!, kpi, at);
    checkTarget(at, kpi, target);
    targets[kpi] = target;
  }
  const teamTargets = (gov?.getOptionalConfigArray('teamTargets') ?? []).map(
    (t, i) => {
      const at = `finops.governance.teamTargets[${i}]`;
      const teamText = t.getString('team');
      const team = normalizeEntityRef(teamText, 'group');
      if (!team?.startsWith('group:'))
        throw new InputError(
          `${at}.team must be a group ref such as group:default/platform-team, got '${teamText}'`,
        );
      const kpi = t.getString('kpi');
      const target = readTarget(t, 'target', `${at}.target`);
      checkTarget(`${at} (${team})`, kpi, target);
      return { team, kpi, target };
    },
  );
  const overhead = (gov?.getOptionalConfigArray('overhead') ?? []).map(o => {
    const from = o.getString('from');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(from))
      throw new InputError(
        `finops.governance.overhead: 'from' must be a month YYYY-MM, got '${from}'`,
      );
    const amount = (key: string) => {
      const v = o.getOptional(key);
      if (v === undefined) return undefined;
      const text = String(v);
      if (!/^\d+(\.\d+)?$/.test(text))
        throw new InputError(
          `finops.governance.overhead (${from}): ${key} must be an amount such as 42000 or 1250.50, got '${text}'`,
        );
      return text;
    };
    const entry = {
      from,
      monthly: amount('monthly'),
      people: amount('people'),
      tooling: amount('tooling'),
    };
    if (!entry.monthly && !entry.people && !entry.tooling)
      throw new InputError(
        `finops.governance.overhead (${from}): give monthly, or people and tooling`,
      );
    return entry;
  });
  return { targets, teamTargets, overhead };
}
