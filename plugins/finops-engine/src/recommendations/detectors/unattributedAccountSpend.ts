import type { Knex } from 'knex';
import { Decimal, RecommendationRow } from '@costwise/plugin-finops-common';
import type { RecommendationProvider } from '@costwise/plugin-finops-node';
import { AttributionRunReport, normalizeEntityRef } from '../../attribution';
import { lastSegment } from '../../attribution/normalize';
import type { DetectorConfig } from './config';
import {
  chunked,
  daysText,
  DayWindow,
  detectorRow,
  DetectorGroup,
  factsOf,
  findingId,
  GROUP_COLUMNS,
  groupIdsFigure,
  groupOf,
  measureColumn,
  perThirtyDays,
  shownAmount,
  sortRows,
  SumsByKey,
  windowOf,
} from './shared';

/** The coverage view that lists unattributed cost and suggestions. */
export const COVERAGE_API = 'GET /api/finops/coverage';

/**
 * The configured account a group's cost is in, as attribution's claim
 * guard finds it: its sub account, the last segment of a sub account
 * path (an Azure subscription), then its billing account.
 */
function accountOf(
  owners: Map<string, string>,
  billingAccountId: string,
  subAccountId: string | undefined,
): string | undefined {
  for (const id of [
    subAccountId,
    subAccountId?.includes('/') ? lastSegment(subAccountId) : undefined,
    billingAccountId,
  ]) {
    const key = id?.toLowerCase();
    if (key && owners.has(key)) return key;
  }
  return undefined;
}

/** The groups in the configured accounts, with the account of each. */
async function groupsInAccounts(
  knex: Knex,
  owners: Map<string, string>,
): Promise<Map<string, { group: DetectorGroup; account: string }>> {
  const pairs = await knex('finops_fact_groups').distinct(
    'billing_account_id',
    'sub_account_id',
  );
  const accountOfPair = new Map<string, string>();
  for (const p of pairs) {
    const sub =
      p.sub_account_id === null || p.sub_account_id === undefined
        ? undefined
        : String(p.sub_account_id);
    const account = accountOf(owners, String(p.billing_account_id), sub);
    if (account)
      accountOfPair.set(`${p.billing_account_id}\u0000${sub ?? ''}`, account);
  }
  const billing = [
    ...new Set([...accountOfPair.keys()].map(k => k.split('\u0000')[0])),
  ].sort();
  const out = new Map<string, { group: DetectorGroup; account: string }>();
  for (const slice of chunked(billing)) {
    const rows = await knex('finops_fact_groups')
      .whereIn('billing_account_id', slice)
      .select(GROUP_COLUMNS);
    for (const group of rows.map(groupOf)) {
      const account = accountOfPair.get(
        `${group.billingAccountId}\u0000${group.subAccountId ?? ''}`,
      );
      if (account) out.set(group.id, { group, account });
    }
  }
  return out;
}

/** The attributed cost of each group within the window. */
async function attributedByGroup(
  knex: Knex,
  groupIds: string[],
  window: DayWindow,
  column: string,
): Promise<SumsByKey<string>> {
  const sums = new SumsByKey<string>();
  for (const slice of chunked(groupIds)) {
    const rows = await knex('finops_allocations')
      .whereIn('group_id', slice.map(Number))
      .where('day', '>=', window.from)
      .where('day', '<=', window.to)
      .select('group_id', `${column} as cost`);
    for (const r of rows) sums.add(String(r.group_id), r.cost);
  }
  return sums;
}

/** The suggestions of the latest succeeded attribution run. */
async function latestSuggestions(
  knex: Knex,
): Promise<AttributionRunReport['suggestions']> {
  const run = await knex('finops_attribution_runs')
    .where({ status: 'succeeded' })
    .orderBy('started_at', 'desc')
    .first('report');
  if (!run) return [];
  try {
    const report = JSON.parse(String(run.report)) as AttributionRunReport;
    return Array.isArray(report.suggestions) ? report.suggestions : [];
  } catch {
    return [];
  }
}

interface AccountSums {
  account: string;
  currency: string;
  groups: DetectorGroup[];
  /** Groups with cost attributed to no entity. */
  unattributedGroups: string[];
  total: Decimal;
  attributed: Decimal;
  byService: Map<string, Decimal>;
}

/**
 * Spend in the accounts of `finops.attribution.accountOwners` that
 * attribution gave to no entity, over the last days (30 by default), above
 * a floor per 30 days. A governance finding: the estimate is 0, the
 * description points to the coverage view's unattributed cost and
 * suggestions, and the evidence names the group that owns the account.
 */
export function unattributedAccountSpendDetector(
  knex: Knex,
  config: DetectorConfig,
  accountOwners: Record<string, string>,
): RecommendationProvider {
  const settings = config.unattributed;
  const owners = new Map<string, string>();
  for (const [account, owner] of Object.entries(accountOwners)) {
    const ref = normalizeEntityRef(owner, 'group', 'default');
    if (ref) owners.set(account.trim().toLowerCase(), ref);
  }
  return {
    id: 'unattributed-account-spend',
    title: 'Unattributed spend in owned accounts',
    async run({ asOf, currency: configured }) {
      if (owners.size === 0) return { rows: [] };
      const window = windowOf(asOf, settings.days);
      const inAccounts = await groupsInAccounts(knex, owners);
      const ids = [...inAccounts.keys()];
      const facts = new SumsByKey<string>();
      for (const f of await factsOf(knex, ids, window, config.measure))
        facts.add(f.groupId, f.cost);
      const attributed = await attributedByGroup(
        knex,
        ids,
        window,
        measureColumn(config.measure),
      );
      const accounts = new Map<string, AccountSums>();
      for (const [id, { group, account }] of inAccounts) {
        const total = facts.get(id);
        const given = attributed.get(id);
        if (total.isZero() && given.isZero()) continue;
        const key = `${group.currency}\u0000${account}`;
        let a = accounts.get(key);
        if (!a)
          accounts.set(
            key,
            (a = {
              account,
              currency: group.currency,
              groups: [],
              unattributedGroups: [],
              total: Decimal.ZERO,
              attributed: Decimal.ZERO,
              byService: new Map(),
            }),
          );
        a.groups.push(group);
        if (total.sub(given).compare(Decimal.ZERO) > 0)
          a.unattributedGroups.push(id);
        a.total = a.total.add(total);
        a.attributed = a.attributed.add(given);
        a.byService.set(
          group.serviceName,
          (a.byService.get(group.serviceName) ?? Decimal.ZERO).add(
            total.sub(given),
          ),
        );
      }
      const floor = Decimal.parse(settings.minMonthlyCost);
      const suggestions =
        accounts.size > 0 ? await latestSuggestions(knex) : [];
      const rows: RecommendationRow[] = [];
      for (const a of accounts.values()) {
        const unattributed = a.total.sub(a.attributed);
        if (unattributed.compare(Decimal.ZERO) <= 0) continue;
        const monthly = perThirtyDays(unattributed, window.days);
        if (monthly.compare(floor) < 0) continue;
        const owner = owners.get(a.account)!;
        const groupIds = new Set(a.groups.map(g => g.id));
        const found = suggestions.filter(
          s => groupIds.has(String(s.groupId)) && s.currency === a.currency,
        );
        const suggested = [...new Set(found.map(s => s.entity))].sort();
        const services = [...a.byService]
          .filter(([, v]) => v.compare(Decimal.ZERO) > 0)
          .sort((x, y) => y[1].compare(x[1]) || (x[0] < y[0] ? -1 : 1));
        const top = services
          .slice(0, 3)
          .map(([s, v]) => `${s} ${shownAmount(v, a.currency)}`);
        const sorted = [...a.groups].sort(
          (x, y) => Number(x.id) - Number(y.id),
        );
        const first = sorted[0];
        const name = sorted.find(g => g.subAccountName)?.subAccountName;
        const amount = shownAmount(unattributed, a.currency);
        rows.push(
          detectorRow({
            id: findingId(a.account, a.currency, configured),
            detector: 'unattributed-account-spend',
            subcategory: 'Other',
            description: `${amount} of the spend in account ${a.account}${
              name && name.toLowerCase() !== a.account ? ` (${name})` : ''
            }, which ${owner} owns, was attributed to no entity over the last ${daysText(
              window.days,
            )} (of ${shownAmount(
              a.total,
              a.currency,
            )} in all; most of it: ${top.join(', ')}). ${
              suggested.length > 0
                ? `Attribution suggests ${suggested.slice(0, 3).join(', ')}${
                    suggested.length > 3 ? ' and others' : ''
                  } for some of it: confirm a suggestion (POST /api/finops/suggestions/confirm), `
                : 'Annotate the entities that own it, '
            }add an override (POST /api/finops/overrides) or see it by service in ${COVERAGE_API} (unattributedByAccountAndService, suggestions).`,
            saving: Decimal.ZERO,
            currency: a.currency,
            effort: 'Low',
            resourceId: a.account,
            columns: {
              BillingAccountId: first.billingAccountId,
              ...(first.subAccountId
                ? { SubAccountId: first.subAccountId }
                : {}),
              ServiceProviderName: first.provider,
            },
            evidence: {
              summary: `${amount} of ${shownAmount(
                a.total,
                a.currency,
              )} in the account attributed to no entity over ${daysText(
                window.days,
              )}`,
              from: window.from,
              to: window.to,
              days: window.days,
              amount: unattributed.toString(),
              figures: {
                measure: config.measure,
                accountOwner: owner,
                total: a.total.toString(),
                attributed: a.attributed.toString(),
                unattributedPer30Days: monthly.toString(),
                services: services
                  .map(([s, v]) => `${s}=${v.toString()}`)
                  .join(';'),
                suggestions: String(found.length),
                ...(suggested.length > 0
                  ? { suggestedEntities: suggested.join(',') }
                  : {}),
                factGroups: groupIdsFigure(a.unattributedGroups),
              },
            },
          }),
        );
      }
      return { rows: sortRows(rows) };
    },
  };
}
