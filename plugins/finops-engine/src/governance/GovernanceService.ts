import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  BudgetAdherenceFigures,
  CostMeasure,
  Decimal,
  GovernanceKpis,
  GovernanceSpend,
  KPI_IDS,
  KpiId,
  KpiTarget,
  KpiTargetChange,
  KpiValue,
  TeamScorecard,
} from '@costwise/plugin-finops-common';
import type { AnomalyService } from '../anomalies';
import { entityRefOf } from '../attribution';
import type { BudgetService } from '../budgets';
import {
  addDays,
  Clock,
  eachMonth,
  monthEnd,
  previousMonthStart,
  systemClock,
} from '../model';
import { MEASURE_FIELDS } from '../model/measures';
import type { BenchmarkService, CostViewer, UnitCostService } from '../queries';
import { quantile } from '../queries/unitEconomics/stats';
import { recommendationKpis } from '../recommendations';
import type {
  AttributionStore,
  GovernanceStore,
  MonthAllocation,
  RecommendationStore,
  StoredKpiValue,
} from '../stores';
import { KPI_DEFINITIONS } from './definitions';

/** The FinOps function's own cost from a month on. @public */
export interface OverheadEntry {
  /** `YYYY-MM`: in force from this month until the next entry. */
  from: string;
  /** A monthly amount; or `people` plus `tooling`. */
  monthly?: string;
  people?: string;
  tooling?: string;
}

/** How governance is configured. @public */
export interface GovernanceOptions {
  measure: CostMeasure;
  /** The currency KPIs are computed in (default: the one with the most cost). */
  currency?: string;
  /** Organization targets by KPI, over the defaults. */
  targets: Partial<Record<KpiId, number | null>>;
  /** Team overrides. */
  teamTargets: Array<{ team: string; kpi: KpiId; target: number | null }>;
  overhead: OverheadEntry[];
  /** Lower-case account id → owning group ref. */
  accountOwners: Record<string, string>;
}

const ORGANIZATION = 'organization';
const HISTORY_MONTHS = 12;

type Figures = Map<
  KpiId,
  {
    value: number | null;
    message?: string;
    detail?: Record<string, string | number | null>;
  }
>;

const ratio = (part: Decimal, whole: Decimal): number | null =>
  whole.isZero() ? null : Number(part.divide(whole, 6).toString());

function monthsBack(month: string, count: number): string {
  let day = `${month}-01`;
  for (let i = 0; i < count; i++) day = previousMonthStart(day);
  return day.slice(0, 7);
}

function measured(
  value: number | null,
  message: string,
  detail?: Record<string, string | number | null>,
) {
  return value === null ? { value, message, detail } : { value, detail };
}

/**
 * The FinOps KPIs of the organization and of every team, per month:
 * computed from the stored facts, allocations, recommendations and unit
 * costs, kept per closed month so that trends do not shift when rules
 * change, with targets (defaults, config, then admins' changes, stored with
 * who and when), a status against them, a direction and a 12-month history.
 *
 * @public
 */
export class GovernanceService {
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      store: GovernanceStore;
      attributionStore: AttributionStore;
      recommendations: RecommendationStore;
      unitCosts: UnitCostService;
      /** For each team's position among its peers on the leaderboard. */
      benchmarks?: BenchmarkService;
      /** Budget adherence; without it the KPI is "not measured yet". */
      budgets?: Pick<BudgetService, 'budgetAdherence'>;
      /** Anomaly response; without it the KPI is "not measured yet". */
      anomalies?: Pick<AnomalyService, 'response'>;
      catalogEntities: () => Promise<Entity[]>;
      options: GovernanceOptions;
      clock?: Clock;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /** The last day with data; undefined without any. */
  private async lastDay(): Promise<string | undefined> {
    return (await this.deps.store.factDays())?.last;
  }

  private async teams(): Promise<Entity[]> {
    return (await this.deps.catalogEntities())
      .filter(e => e.kind.toLowerCase() === 'group')
      .sort((a, b) => entityRefOf(a).localeCompare(entityRefOf(b)));
  }

  /** Computes every scope's KPIs for a month, from the data up to `lastDay`. */
  private async compute(
    month: string,
    lastDay: string,
  ): Promise<Map<string, Figures>> {
    const { options, attributionStore } = this.deps;
    const field = MEASURE_FIELDS[options.measure];
    const from = `${month}-01`;
    const to = monthEnd(from) < lastDay ? monthEnd(from) : lastDay;
    const facts = await attributionStore.loadFacts({ from, to });
    const groups = new Map(
      (await attributionStore.loadGroups()).map(g => [g.id, g]),
    );
    const byCurrency = new Map<string, Decimal>();
    for (const f of facts)
      byCurrency.set(
        f.currency,
        (byCurrency.get(f.currency) ?? Decimal.ZERO).add(
          Decimal.parse(f[field]),
        ),
      );
    const currency =
      options.currency ??
      [...byCurrency].sort((a, b) => b[1].compare(a[1]))[0]?.[0] ??
      'USD';
    const allocations = (
      await this.deps.store.allocationsBetween(from, to)
    ).filter(a => a.currency === currency);
    const amountOf = (a: MonthAllocation) => Decimal.parse(a[field]);
    const inCurrency = facts.filter(f => f.currency === currency);

    // the organization
    const org: Figures = new Map();
    const total = Decimal.sum(inCurrency.map(f => Decimal.parse(f[field])));
    const attributed = Decimal.sum(allocations.map(amountOf));
    const explicit = Decimal.sum(
      allocations.filter(a => a.method !== 'inference').map(amountOf),
    );
    const perProvider = new Map<string, [Decimal, Decimal]>();
    const attributedByGroup = new Map<string, Decimal>();
    for (const a of allocations)
      attributedByGroup.set(
        a.groupId,
        (attributedByGroup.get(a.groupId) ?? Decimal.ZERO).add(amountOf(a)),
      );
    const totalByGroup = new Map<string, Decimal>();
    for (const f of inCurrency)
      totalByGroup.set(
        f.groupId,
        (totalByGroup.get(f.groupId) ?? Decimal.ZERO).add(
          Decimal.parse(f[field]),
        ),
      );
    for (const [groupId, amount] of totalByGroup) {
      const provider = groups.get(groupId)?.provider ?? '(unknown)';
      const [t, at] = perProvider.get(provider) ?? [Decimal.ZERO, Decimal.ZERO];
      perProvider.set(provider, [
        t.add(amount),
        at.add(attributedByGroup.get(groupId) ?? Decimal.ZERO),
      ]);
    }
    org.set(
      'attribution-coverage',
      measured(ratio(attributed, total), 'no cost in the month', {
        total: total.toString(),
        attributed: attributed.toString(),
        currency,
        ...Object.fromEntries(
          [...perProvider].map(([p, [t, at]]) => [
            `provider:${p}`,
            ratio(at, t),
          ]),
        ),
      }),
    );
    org.set(
      'explicit-coverage',
      measured(ratio(explicit, total), 'no cost in the month', {
        total: total.toString(),
        explicit: explicit.toString(),
        currency,
      }),
    );

    // commitments, from the facts' FOCUS commitment columns
    const commitment = (
      rows: Array<{ groupId: string; list: Decimal; effective: Decimal }>,
    ) => {
      const eligibleServices = new Set<string>();
      for (const r of rows) {
        const g = groups.get(r.groupId);
        if (g?.pricingCategory === 'Committed')
          eligibleServices.add(g.serviceName);
      }
      let eligible = Decimal.ZERO;
      let covered = Decimal.ZERO;
      let used = Decimal.ZERO;
      let unused = Decimal.ZERO;
      for (const r of rows) {
        const g = groups.get(r.groupId);
        if (!g) continue;
        if (g.commitmentStatus === 'Unused') unused = unused.add(r.effective);
        else if (g.commitmentStatus === 'Used') used = used.add(r.effective);
        if (
          g.chargeCategory === 'Usage' &&
          g.commitmentStatus !== 'Unused' &&
          eligibleServices.has(g.serviceName)
        ) {
          eligible = eligible.add(r.list);
          if (g.pricingCategory === 'Committed') covered = covered.add(r.list);
        }
      }
      return { eligible, covered, used, unused };
    };
    const orgCommitments = commitment(
      inCurrency.map(f => ({
        groupId: f.groupId,
        list: Decimal.parse(f.listCost),
        effective: Decimal.parse(f.effectiveCost),
      })),
    );
    org.set(
      'commitment-coverage',
      measured(
        ratio(orgCommitments.covered, orgCommitments.eligible),
        'no usage of a service that commitments cover in the month',
        {
          eligibleListCost: orgCommitments.eligible.toString(),
          coveredListCost: orgCommitments.covered.toString(),
          currency,
        },
      ),
    );
    org.set(
      'commitment-utilization',
      measured(
        ratio(
          orgCommitments.used,
          orgCommitments.used.add(orgCommitments.unused),
        ),
        'no commitment cost in the month',
        {
          used: orgCommitments.used.toString(),
          unused: orgCommitments.unused.toString(),
          currency,
        },
      ),
    );

    // the FinOps function's own cost per 1,000,000 of cloud spend
    const entry = [...options.overhead]
      .filter(o => o.from <= month)
      .sort((a, b) => a.from.localeCompare(b.from))
      .pop();
    if (!entry) {
      org.set('finops-overhead', {
        value: null,
        message:
          "not measured yet: set the FinOps function's monthly cost in finops.governance.overhead",
      });
    } else {
      const monthly = entry.monthly
        ? Decimal.parse(entry.monthly)
        : Decimal.parse(entry.people ?? '0').add(
            Decimal.parse(entry.tooling ?? '0'),
          );
      // a month the data covers in part bears its part of the cost
      const days = Number(monthEnd(from).slice(8, 10));
      const covered = Number(to.slice(8, 10));
      const cost = monthly
        .mulInt(covered)
        .divide(Decimal.parse(String(days)), 6);
      org.set(
        'finops-overhead',
        measured(
          total.isZero()
            ? null
            : Number(cost.mulInt(1_000_000).divide(total, 2).toString()),
          'no cloud spend in the month',
          {
            overhead: cost.toFixed(2),
            spend: total.toString(),
            currency,
          },
        ),
      );
    }

    // recommendations: the 12 months up to the month
    const recFrom = `${monthsBack(month, 11)}-01`;
    const recTo = monthEnd(from);
    const recs = await this.deps.recommendations.list({});
    const recFigures = (set: typeof recs, figures: Figures) => {
      const k = recommendationKpis(set, { from: recFrom, to: recTo, currency });
      figures.set(
        'recommendations-actioned',
        measured(k.actionedRate, 'no recommendations in the 12 months', {
          opened: k.opened,
          implemented: k.implemented,
          bySavings: k.actionedRateBySavings,
        }),
      );
      figures.set(
        'time-to-action',
        measured(
          k.timeToImplementDays.median,
          'no recommendation implemented in the 12 months',
          { p90: k.timeToImplementDays.p90 },
        ),
      );
    };
    recFigures(recs, org);
    const adherence = this.deps.budgets
      ? await this.deps.budgets.budgetAdherence(month)
      : undefined;
    const adherenceFigure = (
      figures: BudgetAdherenceFigures | undefined,
      none: string,
    ) =>
      measured(figures?.share ?? null, none, {
        onTrack: figures?.onTrack ?? 0,
        budgets: figures?.total ?? 0,
      });
    org.set(
      'budget-adherence',
      adherence
        ? adherenceFigure(
            adherence,
            adherence.message ?? 'not measured yet: no budgets exist',
          )
        : { value: null, message: 'not measured yet: no budgets exist' },
    );
    const responseFigure = async (entityRefs: string[] | undefined) => {
      if (!this.deps.anomalies)
        return {
          value: null,
          message: 'not measured yet: no anomalies are tracked',
        };
      const r = await this.deps.anomalies.response({
        entityRefs: entityRefs ?? [],
        month,
      });
      const days = (hours: number | null) =>
        hours === null ? null : Math.round((hours / 24) * 100) / 100;
      return measured(
        days(r.medianHoursToAcknowledge),
        r.count === 0
          ? 'no anomaly in the month'
          : 'no anomaly of the month has had a response yet',
        {
          anomalies: r.count,
          open: r.open,
          daysToDetect: days(r.medianHoursToDetect),
          daysToResolve: days(r.medianHoursToResolve),
        },
      );
    };
    org.set(
      'anomaly-response',
      await responseFigure(
        (await this.deps.catalogEntities()).map(entityRefOf),
      ),
    );

    // the teams
    const out = new Map<string, Figures>([[ORGANIZATION, org]]);
    const trends: number[] = [];
    const allocationsByEntity = new Map<string, MonthAllocation[]>();
    for (const a of allocations) {
      let list = allocationsByEntity.get(a.entityRef);
      if (!list) allocationsByEntity.set(a.entityRef, (list = []));
      list.push(a);
    }
    const factsByGroup = new Map<string, Decimal>(totalByGroup);
    for (const team of await this.teams()) {
      const ref = entityRefOf(team);
      const figures: Figures = new Map();
      const members = await attributionStore.members(ref);
      const own = [...members.keys()].flatMap(
        m => allocationsByEntity.get(m) ?? [],
      );
      const teamTotal = Decimal.sum(own.map(amountOf));
      figures.set(
        'explicit-coverage',
        measured(
          ratio(
            Decimal.sum(
              own.filter(a => a.method !== 'inference').map(amountOf),
            ),
            teamTotal,
          ),
          'no cost in the month',
          { total: teamTotal.toString(), currency },
        ),
      );
      const accounts = new Set(
        Object.entries(options.accountOwners)
          .filter(([, owner]) => owner === ref)
          .map(([account]) => account),
      );
      if (accounts.size === 0) {
        figures.set('attribution-coverage', {
          value: null,
          message:
            'not measured: the team owns no accounts (finops.attribution.accountOwners)',
        });
      } else {
        let inAccounts = Decimal.ZERO;
        let attributedInAccounts = Decimal.ZERO;
        for (const [groupId, amount] of factsByGroup) {
          const g = groups.get(groupId);
          const account = (
            g?.subAccountId ??
            g?.billingAccountId ??
            ''
          ).toLowerCase();
          if (!accounts.has(account)) continue;
          inAccounts = inAccounts.add(amount);
          attributedInAccounts = attributedInAccounts.add(
            attributedByGroup.get(groupId) ?? Decimal.ZERO,
          );
        }
        figures.set(
          'attribution-coverage',
          measured(
            ratio(attributedInAccounts, inAccounts),
            'no cost in its accounts in the month',
            {
              total: inAccounts.toString(),
              attributed: attributedInAccounts.toString(),
              currency,
            },
          ),
        );
      }
      const teamCommitments = commitment(
        own.map(a => ({
          groupId: a.groupId,
          list: Decimal.parse(a.listCost),
          effective: Decimal.parse(a.effectiveCost),
        })),
      );
      figures.set(
        'commitment-coverage',
        measured(
          ratio(teamCommitments.covered, teamCommitments.eligible),
          'no usage of a service that commitments cover in the month',
        ),
      );
      for (const kpi of ['commitment-utilization', 'finops-overhead'] as const)
        figures.set(kpi, {
          value: null,
          message: 'measured for the organization',
        });
      recFigures(
        recs.filter(r => r.ownerRef !== null && members.has(r.ownerRef)),
        figures,
      );
      // the unit cost's 3-month trend, from the team's unit metric
      let trend: number | null = null;
      let trendMessage =
        'not measured: the team has no costwise.dev/unit-metric';
      const trendDetail: Record<string, number | string | null> = {};
      if (team.metadata.annotations?.['costwise.dev/unit-metric']) {
        // the 3 months are the KPI; 6 and 12 say whether it lasts
        for (const months of [3, 6, 12]) {
          const unit = await this.deps.unitCosts.unitCost(team, {
            from: `${monthsBack(month, months - 1)}-01`,
            to,
            granularity: 'month',
            measure: options.measure,
          });
          trendDetail[`change${months}m`] = unit.trend?.ratio ?? null;
          trendDetail[`slope${months}m`] = unit.trend?.periods
            ? unit.trend.slope
            : null;
          if (months === 3) trend = unit.trend?.ratio ?? null;
        }
        trendMessage = 'fewer than two whole months with usage';
      }
      figures.set(
        'unit-cost-trend',
        measured(trend, trendMessage, trendDetail),
      );
      if (trend !== null) trends.push(trend);
      figures.set(
        'budget-adherence',
        adherence
          ? adherenceFigure(
              adherence.byTeam[ref],
              'not measured: the team has no budget',
            )
          : org.get('budget-adherence')!,
      );
      figures.set(
        'anomaly-response',
        await responseFigure([...members.keys()]),
      );
      out.set(ref, figures);
    }
    const sorted = [...trends].sort((a, b) => a - b);
    org.set(
      'unit-cost-trend',
      measured(
        sorted.length ? quantile(sorted, 0.5) : null,
        'no team has a unit cost trend',
        { teams: sorted.length },
      ),
    );
    return out;
  }

  /**
   * Stores the KPIs of every closed month not stored yet, and of the
   * current month (replaced on each run until it closes). Run after each
   * attribution run.
   */
  async snapshot(): Promise<{ months: string[] }> {
    // the facts' days: a month nothing is attributed in still has its KPIs
    const days = await this.deps.store.factDays();
    if (!days) return { months: [] };
    const stored = await this.deps.store.storedMonths();
    const current = days.last.slice(0, 7);
    const months = eachMonth(days.first, days.last).filter(
      m => m === current || !stored.has(m),
    );
    const computedAt = this.clock.now().toISOString();
    for (const month of months) {
      const values: StoredKpiValue[] = [];
      for (const [scope, figures] of await this.compute(month, days.last))
        for (const [kpi, f] of figures)
          values.push({
            scope,
            kpi,
            month,
            value: f.value,
            detail: f.detail ?? {},
            ...(f.message ? { message: f.message } : {}),
            computedAt,
          });
      await this.deps.store.saveHistory(values);
    }
    return { months };
  }

  /** The targets in force: stored, else config, else the defaults. */
  private async targetOf(): Promise<
    (
      kpi: KpiId,
      team?: string,
    ) => { target: number | null; source: KpiValue['targetSource'] }
  > {
    const stored = await this.deps.store.targets();
    const { targets, teamTargets } = this.deps.options;
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

  private async values(
    scopes: string[],
    month: string | undefined,
  ): Promise<{ month: string; byScope: Map<string, KpiValue[]> }> {
    let history = await this.deps.store.history({ scopes });
    if (history.length === 0) {
      await this.snapshot();
      history = await this.deps.store.history({ scopes });
    }
    const latest =
      month ??
      history.reduce((m, v) => (v.month > m ? v.month : m), '') ??
      this.clock.now().toISOString().slice(0, 7);
    const first = monthsBack(latest, HISTORY_MONTHS - 1);
    const months = eachMonth(`${first}-01`, `${latest}-01`);
    const targetOf = await this.targetOf();
    const byScope = new Map<string, KpiValue[]>();
    const index = new Map<string, StoredKpiValue>();
    for (const v of history) index.set(`${v.scope}|${v.kpi}|${v.month}`, v);
    for (const scope of scopes) {
      byScope.set(
        scope,
        KPI_IDS.map(kpi => {
          const def = KPI_DEFINITIONS[kpi];
          const now = index.get(`${scope}|${kpi}|${latest}`);
          const before = index.get(`${scope}|${kpi}|${monthsBack(latest, 1)}`);
          const { target, source } = targetOf(
            kpi,
            scope === ORGANIZATION ? undefined : scope,
          );
          const value = now?.value ?? null;
          return {
            id: kpi,
            title: def.title,
            description: def.description,
            unit: def.unit,
            better: def.better,
            month: latest,
            value,
            ...messageOf(now),
            target,
            targetSource: source,
            status: statusOf(value, target, def.better, def.unit),
            direction: directionOf(
              now?.value ?? null,
              before?.value ?? null,
              def.unit,
            ),
            history: months.map(m => ({
              month: m,
              value: index.get(`${scope}|${kpi}|${m}`)?.value ?? null,
            })),
            ...(now?.detail && Object.keys(now.detail).length
              ? { detail: now.detail }
              : {}),
          };
        }),
      );
    }
    return { month: latest, byScope };
  }

  /** The organization's KPIs and every team's scorecard the viewer may read. */
  async kpis(
    options: {
      month?: string;
      viewer?: CostViewer;
      currency?: string;
    } = {},
  ): Promise<GovernanceKpis> {
    const teams = await this.teams();
    const refs = teams.map(entityRefOf);
    const readable = options.viewer
      ? await options.viewer.readable(refs)
      : new Set(refs);
    const visible = teams.filter(t => readable.has(entityRefOf(t)));
    const { month, byScope } = await this.values(
      [ORGANIZATION, ...refs],
      options.month,
    );
    const all = refs.map(ref => ({ ref, kpis: byScope.get(ref)! }));
    const ranks = rankTeams(all);
    const org = byScope.get(ORGANIZATION)!;
    return {
      month,
      currency:
        (org.find(k => k.id === 'attribution-coverage')?.detail?.currency as
          | string
          | undefined) ??
        options.currency ??
        this.deps.options.currency ??
        'USD',
      organization: org,
      teams: await Promise.all(
        visible.map(async team => {
          const ref = entityRefOf(team);
          const benchmark = await this.benchmarkOf(team, options.viewer);
          return {
            team: ref,
            title:
              (team.metadata.title as string | undefined) ?? team.metadata.name,
            kpis: byScope.get(ref)!,
            ranks: ranks.get(ref) ?? {},
            ...(benchmark ? { benchmark } : {}),
          };
        }),
      ),
      ...(visible.length < teams.length
        ? { hiddenTeams: teams.length - visible.length }
        : {}),
    };
  }

  /** The team's position among its peers, as the benchmark gives it. */
  private async benchmarkOf(
    team: Entity,
    viewer?: CostViewer,
  ): Promise<TeamScorecard['benchmark']> {
    if (!this.deps.benchmarks) return undefined;
    const answer = await this.deps.benchmarks.benchmark(team, {
      measure: this.deps.options.measure,
      viewer: viewer ?? { readable: async refs => new Set(refs) },
    });
    if (answer.notEnoughPeers) return undefined;
    for (const dimension of ['unitCost', 'monthlyCost'] as const) {
      const figure = answer.figures.find(f => f.dimension === dimension);
      if (figure && figure.percentile !== null && !figure.notEnoughPeers)
        return {
          dimension,
          percentile: figure.percentile,
          verdict: figure.verdict,
        };
    }
    return undefined;
  }

  /** One team's scorecard, with its rank among all teams. */
  async scorecard(team: Entity, month?: string): Promise<TeamScorecard> {
    const refs = (await this.teams()).map(entityRefOf);
    const ref = entityRefOf(team);
    if (!refs.includes(ref)) refs.push(ref);
    const { byScope } = await this.values([ORGANIZATION, ...refs], month);
    const ranks = rankTeams(refs.map(r => ({ ref: r, kpis: byScope.get(r)! })));
    return {
      team: ref,
      title: (team.metadata.title as string | undefined) ?? team.metadata.name,
      kpis: byScope.get(ref)!,
      ranks: ranks.get(ref) ?? {},
    };
  }

  async targets(): Promise<KpiTarget[]> {
    return this.deps.store.targets();
  }

  /** Sets (or with `target: null`, removes) a target, for `actor`. */
  async setTarget(change: KpiTargetChange, actor: string): Promise<KpiTarget> {
    const def = KPI_DEFINITIONS[change.kpi];
    if (!def)
      throw new InputError(
        `Unknown KPI '${change.kpi}': use ${KPI_IDS.join(', ')}`,
      );
    const t = change.target;
    if (t !== null) {
      if (typeof t !== 'number' || !Number.isFinite(t))
        throw new InputError(
          'The target must be a number, or null to remove it',
        );
      if (def.unit === 'ratio' && (t < 0 || t > 1))
        throw new InputError(
          `${def.title} is a share: its target must be from 0 to 1 (0.95 is 95%), got ${t}`,
        );
      if ((def.unit === 'days' || def.unit === 'per-million') && t < 0)
        throw new InputError(
          `${def.title}'s target cannot be negative, got ${t}`,
        );
    }
    if (change.team) {
      const teams = (await this.teams()).map(entityRefOf);
      if (!teams.includes(change.team))
        throw new InputError(`No team ${change.team} in the catalog`);
    }
    const target: KpiTarget = {
      kpi: change.kpi,
      ...(change.team ? { team: change.team } : {}),
      target: t,
      updatedBy: actor,
      updatedAt: this.clock.now().toISOString(),
    };
    await this.deps.store.setTarget(target);
    return target;
  }

  /** Spend by provider and the top movers of a month against the same days of the month before. */
  async spend(month?: string): Promise<GovernanceSpend> {
    const last = await this.lastDay();
    const latest =
      month ?? last?.slice(0, 7) ?? this.clock.now().toISOString().slice(0, 7);
    const from = `${latest}-01`;
    const to = last && last < monthEnd(from) ? last : monthEnd(from);
    const days = Number(to.slice(8, 10));
    const prevFrom = previousMonthStart(from);
    const prevTo = addDays(
      prevFrom,
      Math.min(days, Number(monthEnd(prevFrom).slice(8, 10))) - 1,
    );
    const field = MEASURE_FIELDS[this.deps.options.measure];
    const groups = new Map(
      (await this.deps.attributionStore.loadGroups()).map(g => [g.id, g]),
    );
    const now = await this.deps.attributionStore.loadFacts({ from, to });
    const before = await this.deps.attributionStore.loadFacts({
      from: prevFrom,
      to: prevTo,
    });
    const currency = this.deps.options.currency ?? now[0]?.currency ?? 'USD';
    const byProvider = new Map<string, [Decimal, Decimal]>();
    const addTo = (rows: typeof now, i: 0 | 1) => {
      for (const f of rows) {
        if (f.currency !== currency) continue;
        const p = groups.get(f.groupId)?.provider ?? '(unknown)';
        const pair = byProvider.get(p) ?? [Decimal.ZERO, Decimal.ZERO];
        pair[i] = pair[i].add(Decimal.parse(f[field]));
        byProvider.set(p, pair);
      }
    };
    addTo(now, 0);
    addTo(before, 1);
    const movers = new Map<string, [Decimal, Decimal]>();
    const addAlloc = (rows: MonthAllocation[], i: 0 | 1) => {
      for (const a of rows) {
        if (a.currency !== currency) continue;
        const pair = movers.get(a.entityRef) ?? [Decimal.ZERO, Decimal.ZERO];
        pair[i] = pair[i].add(Decimal.parse(a[field]));
        movers.set(a.entityRef, pair);
      }
    };
    addAlloc(await this.deps.store.allocationsBetween(from, to), 0);
    addAlloc(await this.deps.store.allocationsBetween(prevFrom, prevTo), 1);
    const change = (a: Decimal, b: Decimal) =>
      b.isZero() ? null : Number(a.sub(b).divide(b, 6).toString());
    return {
      month: latest,
      currency,
      byProvider: [...byProvider]
        .sort((a, b) => b[1][0].compare(a[1][0]))
        .map(([provider, [a, b]]) => ({
          provider,
          amount: a.toFixed(2),
          previous: b.toFixed(2),
          change: change(a, b),
        })),
      topMovers: [...movers]
        .map(([entityRef, [a, b]]) => ({ entityRef, a, b, d: a.sub(b) }))
        .sort(
          (x, y) =>
            y.d.abs().compare(x.d.abs()) ||
            x.entityRef.localeCompare(y.entityRef),
        )
        .slice(0, 10)
        .map(({ entityRef, a, b, d }) => ({
          entityRef,
          amount: a.toFixed(2),
          previous: b.toFixed(2),
          delta: d.toFixed(2),
          change: change(a, b),
        })),
    };
  }
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

/** A stored value's message; a month without a stored value says so. */
function messageOf(stored: StoredKpiValue | undefined): { message?: string } {
  if (!stored) return { message: 'not measured yet: no data for the month' };
  return stored.message ? { message: stored.message } : {};
}

function directionOf(
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

/** Each team's position on each KPI it is measured on, best first. */
function rankTeams(
  teams: Array<{ ref: string; kpis: KpiValue[] }>,
): Map<string, TeamScorecard['ranks']> {
  const out = new Map<string, TeamScorecard['ranks']>();
  for (const kpi of KPI_IDS) {
    const better = KPI_DEFINITIONS[kpi].better;
    const measuredTeams = teams
      .map(t => ({ ref: t.ref, value: t.kpis.find(k => k.id === kpi)?.value }))
      .filter(
        (t): t is { ref: string; value: number } =>
          t.value !== null && t.value !== undefined,
      )
      .sort((a, b) =>
        better === 'higher' ? b.value - a.value : a.value - b.value,
      );
    measuredTeams.forEach((t, i) => {
      // ties share the better position
      const position =
        measuredTeams.findIndex(o => o.value === t.value) + 1 || i + 1;
      const ranks = out.get(t.ref) ?? {};
      ranks[kpi] = { position, of: measuredTeams.length };
      out.set(t.ref, ranks);
    });
  }
  return out;
}
