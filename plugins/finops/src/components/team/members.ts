import { parseEntityRef } from '@backstage/catalog-model';
import type { CostSeries } from '@costwise/plugin-finops-common';
import { toNumber } from '../shared/format';

/** A member of the team's `child` breakdown. */
export interface MemberCost {
  /** The member's entity ref, when the series key is one. */
  entityRef?: string;
  kind?: string;
  label: string;
  total: string;
  /** Share of the team's total, for display. */
  share: number;
}

export interface TeamMembers {
  systems: MemberCost[];
  subTeams: MemberCost[];
  components: MemberCost[];
  /** Cost attributed to the team entity itself rather than to a member. */
  direct?: MemberCost;
  other: MemberCost[];
}

const COMPONENT_KINDS = new Set(['component', 'resource', 'api']);

function refOf(key: string) {
  try {
    return parseEntityRef(key);
  } catch {
    return undefined;
  }
}

/**
 * Sorts the `child` series of a Group into its systems, sub-teams and
 * components, largest first. Series keys of `child` are entity refs.
 */
export function classifyMembers(
  series: CostSeries[],
  teamRef: string,
  total: string,
): TeamMembers {
  const teamTotal = toNumber(total);
  const out: TeamMembers = {
    systems: [],
    subTeams: [],
    components: [],
    other: [],
  };
  const ranked = [...series].sort(
    (a, b) => toNumber(b.total) - toNumber(a.total),
  );
  for (const s of ranked) {
    const ref = refOf(s.key);
    const kind = ref?.kind.toLocaleLowerCase('en-US');
    const member: MemberCost = {
      entityRef: ref ? s.key : undefined,
      kind,
      label: s.label,
      total: s.total,
      share: teamTotal ? toNumber(s.total) / teamTotal : 0,
    };
    if (s.key === teamRef) out.direct = member;
    else if (kind === 'system') out.systems.push(member);
    else if (kind === 'group') out.subTeams.push(member);
    else if (kind && COMPONENT_KINDS.has(kind)) out.components.push(member);
    else out.other.push(member);
  }
  return out;
}

/**
 * The rows of a breakdown by `team` or `system`, largest first, every
 * series a row (so that they add up to the total): the team's own line and
 * the lines without a team or system named in words.
 */
export function breakdownRows(
  series: CostSeries[],
  teamRef: string,
  total: string,
  words: { self: string; none: string },
): MemberCost[] {
  const teamTotal = toNumber(total);
  return [...series]
    .sort((a, b) => toNumber(b.total) - toNumber(a.total))
    .map(s => {
      const ref = s.key.startsWith('(') ? undefined : refOf(s.key);
      let label = s.label;
      if (s.key === teamRef) label = words.self;
      else if (!ref) label = s.key === '(other)' ? 'Others' : words.none;
      return {
        entityRef: ref && s.key !== teamRef ? s.key : undefined,
        kind: ref?.kind.toLocaleLowerCase('en-US'),
        label,
        total: s.total,
        share: teamTotal ? toNumber(s.total) / teamTotal : 0,
      };
    });
}
