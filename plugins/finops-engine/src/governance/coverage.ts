import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_ACCOUNTS, Decimal } from '@costwise/plugin-finops-common';
import { entityRefOf, normalizeEntityRef } from '../attribution';
import { parseIdPatterns } from '../attribution/annotations';
import { accountIdsOf, normalizeAccountOwners } from '../attribution/normalize';
import { PatternIndex } from '../attribution/patterns';
import type { GroupDetails } from '../stores';
import type { MonthData } from './monthData';
import { addTo, Detail, Figure, Figures, measured, ratio } from './types';

/** Where a team's accounts come from, for the message of a team without any. */
export const TEAM_ACCOUNT_SOURCES =
  'finops.attribution.accountOwners, or costwise.dev/accounts on the Group or on the Systems and Groups it owns';

/** Per provider, `part / whole` of the fact groups' amounts, as detail keys `provider:<name>`. */
function byProvider(
  data: MonthData,
  part: Map<string, Decimal>,
): Record<string, number | null> {
  const perProvider = new Map<string, [Decimal, Decimal]>();
  for (const [groupId, amount] of data.totalByGroup) {
    const provider = data.groups.get(groupId)?.provider ?? '(unknown)';
    const [t, p] = perProvider.get(provider) ?? [Decimal.ZERO, Decimal.ZERO];
    perProvider.set(provider, [
      t.add(amount),
      p.add(part.get(groupId) ?? Decimal.ZERO),
    ]);
  }
  return Object.fromEntries(
    [...perProvider]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([provider, [t, p]]) => [`provider:${provider}`, ratio(p, t)]),
  );
}

/** The organization's coverage by any rule and by explicit rules, each with its per-provider shares. */
export function organizationCoverage(data: MonthData, org: Figures): void {
  const sum = (m: Map<string, Decimal>) => Decimal.sum([...m.values()]);
  const attributed = sum(data.attributedByGroup);
  const explicit = sum(data.explicitByGroup);
  const { total, currency } = data;
  org.set(
    'attribution-coverage',
    measured(ratio(attributed, total), 'no cost in the month', {
      total: total.toString(),
      attributed: attributed.toString(),
      currency,
      ...byProvider(data, data.attributedByGroup),
    }),
  );
  org.set(
    'explicit-coverage',
    measured(ratio(explicit, total), 'no cost in the month', {
      total: total.toString(),
      explicit: explicit.toString(),
      currency,
      ...byProvider(data, data.explicitByGroup),
    }),
  );
}

/**
 * The accounts each team owns: those `finops.attribution.accountOwners`
 * gives it, and those named (with `*` wildcards) in `costwise.dev/accounts`
 * on the Group and on the Systems and Groups whose `spec.owner` it is. A
 * fact group is in an account when its sub-account id (or an Azure
 * subscription path's last segment) or billing account id is one of them.
 */
export class TeamAccounts {
  private readonly exact = new Map<string, Set<string>>();
  private readonly patterns = new PatternIndex<string>();
  private readonly teams = new Set<string>();

  constructor(entities: Entity[], accountOwners: Record<string, string>) {
    for (const [id, ref] of normalizeAccountOwners(accountOwners)) {
      const set = this.exact.get(id) ?? new Set<string>();
      set.add(ref);
      this.exact.set(id, set);
      this.teams.add(ref);
    }
    for (const entity of entities) {
      const text = entity.metadata.annotations?.[ANNOTATION_ACCOUNTS];
      if (text === undefined) continue;
      const kind = entity.kind.toLowerCase();
      if (kind !== 'group' && kind !== 'system') continue;
      const ref = entityRefOf(entity);
      const owners = new Set<string>();
      if (kind === 'group') owners.add(ref);
      const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
      const ownerRef =
        typeof owner === 'string'
          ? normalizeEntityRef(owner, 'group', entity.metadata.namespace)
          : undefined;
      if (ownerRef?.startsWith('group:')) owners.add(ownerRef);
      if (owners.size === 0) continue;
      const parsed = parseIdPatterns(ref, ANNOTATION_ACCOUNTS, text);
      if (!('value' in parsed)) continue;
      for (const pattern of parsed.value)
        for (const team of owners) {
          this.patterns.add(pattern, team);
          this.teams.add(team);
        }
    }
  }

  /** Whether the team owns any account. */
  has(team: string): boolean {
    return this.teams.has(team);
  }

  /** The teams that own the fact group's account. */
  owners(group: GroupDetails | undefined): Set<string> {
    const out = new Set<string>();
    if (!group) return out;
    for (const { id } of accountIdsOf(group)) {
      for (const team of this.exact.get(id.toLowerCase()) ?? []) out.add(team);
      for (const { value } of this.patterns.match(id)) out.add(value);
    }
    return out;
  }
}

/**
 * Each team's coverage: of the cost in the accounts it owns, the share
 * attributed by any rule (to anyone). Teams without accounts are not measured.
 */
export function teamCoverage(
  data: MonthData,
  accounts: TeamAccounts,
  teams: string[],
): Map<string, Figure> {
  const inAccounts = new Map<string, Decimal>();
  const attributed = new Map<string, Decimal>();
  for (const [groupId, amount] of data.totalByGroup)
    for (const team of accounts.owners(data.groups.get(groupId))) {
      addTo(inAccounts, team, amount);
      addTo(
        attributed,
        team,
        data.attributedByGroup.get(groupId) ?? Decimal.ZERO,
      );
    }
  const out = new Map<string, Figure>();
  for (const team of teams) {
    if (!accounts.has(team)) {
      out.set(team, {
        value: null,
        message: `not measured: the team owns no accounts (${TEAM_ACCOUNT_SOURCES})`,
      });
      continue;
    }
    const total = inAccounts.get(team) ?? Decimal.ZERO;
    const covered = attributed.get(team) ?? Decimal.ZERO;
    const detail: Detail = {
      total: total.toString(),
      attributed: covered.toString(),
      currency: data.currency,
    };
    out.set(
      team,
      measured(
        ratio(covered, total),
        'no cost in its accounts in the month',
        detail,
      ),
    );
  }
  return out;
}
