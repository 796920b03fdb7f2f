import { Decimal } from '@costwise/plugin-finops-common';
import type { AttributionRunReport } from '../../attribution';
import { monthEnd } from '../../model';
import { MEASURE_FIELDS } from '../../model/measures';
import type { AttributionStore } from '../../stores';

/** @public */
export type CoverageBreakdown = Record<
  string,
  { total: string; attributed: string; unattributed: string; coverage: number }
>;

function add(
  map: Map<string, Decimal[]>,
  key: string,
  total: Decimal,
  attributed: Decimal,
) {
  const known = map.get(key) ?? [Decimal.ZERO, Decimal.ZERO];
  map.set(key, [known[0].add(total), known[1].add(attributed)]);
}

function toBreakdown(map: Map<string, Decimal[]>): CoverageBreakdown {
  const out: CoverageBreakdown = {};
  for (const [key, [total, attributed]] of [...map].sort((a, b) =>
    b[1][0].sub(b[1][1]).compare(a[1][0].sub(a[1][1])),
  )) {
    out[key] = {
      total: total.toString(),
      attributed: attributed.toString(),
      unattributed: total.sub(attributed).toString(),
      coverage: total.isZero() ? 1 : attributed.toNumber() / total.toNumber(),
    };
  }
  return out;
}

/** A finding of the run on a fact group, in a currency. */
type Finding = { groupId: string; currency: string; amount: string };

/**
 * The run's findings restricted to the facts read: each one's amount is its
 * fact group's cost in them (a finding holds for every day of its group),
 * and the groups without cost in them are left out.
 */
function findingsIn<T extends Finding>(
  findings: T[],
  groupTotals: Map<string, Decimal>,
): T[] {
  return findings.flatMap(f => {
    const amount = groupTotals.get(`${f.currency}|${f.groupId}`);
    return amount && !amount.isZero()
      ? [{ ...f, amount: amount.toString() }]
      : [];
  });
}

/**
 * Attribution coverage in the default measure: attributed share of the
 * total per currency and billing period, provider and account, the
 * unattributed amount by account and service, per-owner totals, and the
 * suggestions, contested claims and conflicts of the latest run.
 *
 * @public
 */
export class CoverageService {
  constructor(private readonly store: AttributionStore) {}

  /**
   * Over all the data, or with `month` (`YYYY-MM`) over the cost charged on
   * the days of that month, as the governance KPIs read a month: the totals,
   * breakdowns and the findings' amounts are then that month's.
   */
  async coverage(options: { month?: string } = {}) {
    const { month } = options;
    const range = month
      ? { from: `${month}-01`, to: monthEnd(`${month}-01`) }
      : {};
    const latest = await this.store.latestRun();
    const report = latest?.report as AttributionRunReport | undefined;
    const measure = report?.measure ?? 'EffectiveCost';
    const field = MEASURE_FIELDS[measure];
    const facts = await this.store.loadFacts(range);
    const groups = new Map((await this.store.loadGroups()).map(g => [g.id, g]));
    const attributedByFact = new Map<string, Decimal>();
    const byOwner = new Map<string, Decimal>();
    const allRefs = Object.keys(report?.entityTotals ?? {});
    for (const a of await this.store.allocations({
      entityRefs: allRefs,
      ...range,
    })) {
      const key = `${a.currency}|${a.day}|${a.groupId}`;
      attributedByFact.set(
        key,
        (attributedByFact.get(key) ?? Decimal.ZERO).add(
          Decimal.parse(a[field]),
        ),
      );
    }
    const dims = {
      period: new Map<string, Decimal[]>(),
      provider: new Map<string, Decimal[]>(),
      account: new Map<string, Decimal[]>(),
      unattributedByService: new Map<string, Decimal[]>(),
    };
    const totals = new Map<string, Decimal[]>();
    const groupTotals = new Map<string, Decimal>();
    for (const f of facts) {
      const g = groups.get(f.groupId)!;
      const total = Decimal.parse(f[field]);
      const groupKey = `${f.currency}|${f.groupId}`;
      groupTotals.set(
        groupKey,
        (groupTotals.get(groupKey) ?? Decimal.ZERO).add(total),
      );
      const attributed =
        attributedByFact.get(`${f.currency}|${f.day}|${f.groupId}`) ??
        Decimal.ZERO;
      add(totals, f.currency, total, attributed);
      add(dims.period, `${f.currency} ${f.billingPeriod}`, total, attributed);
      add(dims.provider, `${f.currency} ${g.provider}`, total, attributed);
      add(
        dims.account,
        `${f.currency} ${g.subAccountId ?? g.billingAccountId}`,
        total,
        attributed,
      );
      add(
        dims.unattributedByService,
        `${f.currency} ${g.subAccountId ?? g.billingAccountId} ${
          g.serviceName
        }`,
        total,
        attributed,
      );
    }
    for (const ref of allRefs.filter(r => r.startsWith('group:'))) {
      const members = await this.store.members(ref);
      const rows = await this.store.allocations({
        entityRefs: [...members.keys()],
        ...range,
      });
      for (const r of rows) {
        const key = `${r.currency} ${ref}`;
        byOwner.set(
          key,
          (byOwner.get(key) ?? Decimal.ZERO).add(Decimal.parse(r[field])),
        );
      }
    }
    const unattributedByAccountAndService = Object.fromEntries(
      Object.entries(toBreakdown(dims.unattributedByService))
        .filter(([, v]) => !Decimal.parse(v.unattributed).isZero())
        .map(([k, v]) => [k, v.unattributed]),
    );
    const findings = <T extends Finding>(all: T[] | undefined): T[] =>
      month ? findingsIn(all ?? [], groupTotals) : all ?? [];
    return {
      ...(month ? { month } : {}),
      measure,
      asOf: latest?.finishedAt,
      currencies: toBreakdown(totals),
      byPeriod: toBreakdown(dims.period),
      byProvider: toBreakdown(dims.provider),
      byAccount: toBreakdown(dims.account),
      byOwner: Object.fromEntries(
        [...byOwner].map(([k, v]) => [k, v.toString()]),
      ),
      unattributedByAccountAndService,
      suggestions: findings(report?.suggestions),
      contested: findings(report?.contested),
      conflicts: findings(report?.conflicts),
      warnings: report?.warnings ?? [],
    };
  }
}
