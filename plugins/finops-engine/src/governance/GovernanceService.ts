import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  GovernanceKpis,
  GovernanceSpend,
  KpiTarget,
  KpiTargetChange,
  KpiValue,
  TeamScorecard,
} from '@costwise/plugin-finops-common';
import type { AnomalyService } from '../anomalies';
import { entityRefOf } from '../attribution';
import type { BudgetService } from '../budgets';
import { Clock, systemClock } from '../model';
import { targetProblem } from '../model/kpis';
import type { BenchmarkService, CostViewer, UnitCostService } from '../queries';
import type {
  AttributionStore,
  GovernanceStore,
  RecommendationStore,
} from '../stores';
import { teamsOf } from './compute';
import { snapshotHistory } from './history';
import { kpiValues, rankTeams } from './scorecards';
import { governanceSpend } from './spend';
import { targetsInForce } from './targets';
import { GovernanceOptions, ORGANIZATION } from './types';

export type { GovernanceOptions, OverheadEntry } from './types';
export { statusOf } from './targets';

/**
 * The FinOps KPIs of the organization and of every team, per month:
 * computed from the stored facts, allocations, recommendations and unit
 * costs, kept per month so that trends do not shift when rules change
 * (a month is computed again only when its ingested data changes), with
 * targets (defaults, config, then admins' changes, stored with who and
 * when), a status against them, a direction and a 12-month history.
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

  private async teams(): Promise<Entity[]> {
    return teamsOf(await this.deps.catalogEntities());
  }

  /**
   * Stores the KPIs of every month not stored yet, of the current month
   * (replaced on each run until it closes) and of each stored month whose
   * ingested data changed since. Run after each attribution run.
   */
  async snapshot(): Promise<{ months: string[] }> {
    return snapshotHistory({ ...this.deps, clock: this.clock });
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
    return kpiValues(
      history,
      scopes,
      month,
      targetsInForce(await this.deps.store.targets(), this.deps.options),
      this.clock.now().toISOString(),
    );
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
    const ranks = rankTeams(
      refs.map(ref => ({ ref, kpis: byScope.get(ref)! })),
    );
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
    const problem = targetProblem(change.kpi, change.target);
    if (problem) throw new InputError(problem);
    if (change.team) {
      const teams = (await this.teams()).map(entityRefOf);
      if (!teams.includes(change.team))
        throw new InputError(`No team ${change.team} in the catalog`);
    }
    const target: KpiTarget = {
      kpi: change.kpi,
      ...(change.team ? { team: change.team } : {}),
      target: change.target,
      updatedBy: actor,
      updatedAt: this.clock.now().toISOString(),
    };
    await this.deps.store.setTarget(target);
    return target;
  }

  /** Spend by provider and the top movers of a month against the same days of the month before. */
  async spend(month?: string): Promise<GovernanceSpend> {
    const last = (await this.deps.store.factDays())?.last;
    const latest =
      month ?? last?.slice(0, 7) ?? this.clock.now().toISOString().slice(0, 7);
    return governanceSpend(this.deps, latest, last);
  }
}
