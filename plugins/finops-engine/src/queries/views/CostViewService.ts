import type { Entity } from '@backstage/catalog-model';
import type {
  CostMeasure,
  Decimal,
  EntityCosts,
  EntityCostSummary,
  EntityResources,
  SharedCostResponse,
} from '@costwise/plugin-finops-common';
import { Clock, systemClock, todayOf } from '../../model';
import type { AttributionStore } from '../../stores';
import { amountOf, sumBy, sumContext, ViewDefaults } from './context';
import { computeCosts, CostsQuery } from './costs';
import {
  computeResources,
  QuantityStore,
  ResourcesQuery,
  withPooled,
} from './resources';
import {
  DEFAULT_VIEW_LIMITS,
  LimitedRange,
  limitRange,
  ViewLimits,
} from './ranges';
import { LatestRunIndex } from './runIndex';
import { Scope, scopeOf, visibleMembers } from './scope';
import { computeShared, SharedCostQuery } from './shared';
import { computeSummary } from './summary';
import {
  CostViewer,
  lastDayWithData,
  uncachedViews,
  ViewCache,
} from './viewer';

/**
 * The stores the views read.
 *
 * @public
 */
export type ViewStore = Pick<
  AttributionStore,
  | 'members'
  | 'membersOf'
  | 'memberKeys'
  | 'sharedAllocations'
  | 'sharedConsumers'
  | 'rollupSums'
  | 'sumAllocations'
  | 'loadGroups'
  | 'evidence'
  | 'latestRun'
  | 'latestRunId'
  | 'allocationsVersion'
  | 'allocationDays'
  | 'freshness'
>;

/**
 * Builds the entity views (summary, costs, resources) from stored
 * allocations, for a viewer who may not read every member of a rollup.
 * Totals are exact sums of the stored amounts; only ratios and the forecast
 * band use binary arithmetic. Where answers are kept is the `cache`'s
 * business: the backend passes a bounded response cache.
 *
 * @public
 */
export class CostViewService {
  private readonly runs: LatestRunIndex;
  private readonly cache: ViewCache;
  private readonly clock: Clock;
  private readonly limits: ViewLimits;
  private readonly quantities?: QuantityStore;

  constructor(
    private readonly store: ViewStore,
    /** The configured measure and currency. */
    readonly defaults: ViewDefaults,
    options: {
      cache?: ViewCache;
      clock?: Clock;
      limits?: Partial<ViewLimits>;
      /** The daily quantities behind the resources' lines (none when left out). */
      quantities?: QuantityStore;
    } = {},
  ) {
    this.quantities = options.quantities;
    this.runs = new LatestRunIndex(store);
    this.cache = options.cache ?? uncachedViews(store);
    this.clock = options.clock ?? systemClock;
    this.limits = { ...DEFAULT_VIEW_LIMITS, ...options.limits };
  }

  /**
   * A range clamped to the days with data, refused (an `InputError`) when
   * it is still longer than a view may hold.
   */
  async limit(query: {
    from: string;
    to: string;
    granularity: 'day' | 'month';
  }): Promise<LimitedRange> {
    const { days } = await this.cache.snapshot();
    return limitRange(query, days, this.limits);
  }

  /** How many of a rollup's members the viewer may not read (0 for a plain entity). */
  async hiddenMemberCount(ref: string, viewer: CostViewer): Promise<number> {
    return (await visibleMembers(this.store, ref, viewer)).hidden;
  }

  /**
   * {@link CostViewService.hiddenMemberCount} of many entities: one read of
   * their members and one question to the viewer, however many they are.
   */
  async hiddenMemberCounts(
    refs: string[],
    viewer: CostViewer,
  ): Promise<Map<string, number>> {
    const membersByRef = await this.store.membersOf(refs);
    const others = new Set<string>();
    for (const [ref, members] of membersByRef)
      for (const member of members.keys())
        if (member !== ref) others.add(member);
    const readable =
      others.size > 0 ? await viewer.readable([...others]) : new Set<string>();
    const counts = new Map<string, number>();
    for (const [ref, members] of membersByRef) {
      let hidden = 0;
      for (const member of members.keys())
        if (member !== ref && !readable.has(member)) hidden++;
      counts.set(ref, hidden);
    }
    return counts;
  }

  /** The last day any source has data for, or today. */
  async asOf(): Promise<string> {
    const { freshness } = await this.cache.snapshot();
    return lastDayWithData(freshness, todayOf(this.clock));
  }

  /**
   * Answers from the cache while the data version holds; the key holds
   * everything a view depends on besides the data.
   */
  private cached<T>(
    kind: string,
    scope: Scope,
    args: unknown[],
    compute: () => Promise<T>,
  ): Promise<T> {
    return this.cache.get(
      [
        kind,
        scope.ref,
        args,
        scope.entity.metadata.annotations ?? {},
        [...scope.members.keys()],
      ],
      compute,
    );
  }

  private async warningsOf(ref: string) {
    const { runId } = await this.cache.snapshot();
    return this.runs.warningsOf(runId, ref);
  }

  /**
   * The entity's cost per day (its members' included, as in every view), in
   * the currency shown, or in `currency` when given so that peers compare
   * in one currency.
   */
  async dailyCost(
    entity: Entity,
    query: {
      from: string;
      to: string;
      measure?: CostMeasure;
      currency?: string;
    },
    viewer?: CostViewer,
  ): Promise<{
    ref: string;
    members: Map<string, string>;
    measure: CostMeasure;
    currency: string;
    byDay: Map<string, Decimal>;
  }> {
    const ctx = await sumContext(
      this.store,
      this.defaults,
      await scopeOf(this.store, entity, viewer),
      { ...query, groupings: [{ by: ['day'] }] },
    );
    return {
      ref: ctx.ref,
      members: ctx.members,
      measure: ctx.measure,
      currency: ctx.currency,
      byDay: sumBy(ctx.sums[0], r => r.day!, amountOf),
    };
  }

  async summary(
    entity: Entity,
    measure?: CostMeasure,
    viewer?: CostViewer,
  ): Promise<EntityCostSummary> {
    const scope = await scopeOf(this.store, entity, viewer);
    return this.cached('summary', scope, [measure], async () => {
      const { freshness } = await this.cache.snapshot();
      return computeSummary(this.store, this.defaults, scope, {
        measure,
        asOf: lastDayWithData(freshness, todayOf(this.clock)),
        freshness,
        warnings: await this.warningsOf(scope.ref),
      });
    });
  }

  async costs(
    entity: Entity,
    query: CostsQuery,
    viewer?: CostViewer,
  ): Promise<EntityCosts> {
    const range = await this.limit(query);
    const scope = await scopeOf(this.store, entity, viewer);
    return this.cached('costs', scope, [query, range], async () => {
      const { runId } = await this.cache.snapshot();
      return computeCosts(
        this.store,
        this.defaults,
        scope,
        { ...query, ...range },
        {
          warnings: await this.warningsOf(scope.ref),
          suggestions: currency =>
            this.runs.suggestionsOf(runId, scope, currency),
          maxSeries: this.limits.maxSeries,
        },
      );
    });
  }

  /**
   * What a shared Resource pooled and passed on to its consumers, per
   * consumer and per day: only the consumers the viewer may read.
   */
  async shared(
    entity: Entity,
    query: SharedCostQuery,
    viewer?: CostViewer,
  ): Promise<SharedCostResponse> {
    const range = await this.limit({ ...query, granularity: 'day' });
    const scope = await scopeOf(this.store, entity, viewer);
    // which consumers the viewer may read is part of the answer
    const consumers = viewer
      ? [
          ...(await viewer.readable(
            await this.store.sharedConsumers(scope.ref),
          )),
        ].sort()
      : 'all';
    return this.cached('shared', scope, [query, range, consumers], () =>
      computeShared(
        this.store,
        this.defaults,
        entity,
        { ...query, ...range },
        viewer,
      ),
    );
  }

  async resources(
    entity: Entity,
    query: ResourcesQuery,
    viewer?: CostViewer,
  ): Promise<EntityResources> {
    // a resources table is one sum per row over the range: clamped, never too long
    const range = limitRange(
      { ...query, granularity: 'day' },
      (await this.cache.snapshot()).days,
      { ...this.limits, maxDays: Infinity },
    );
    const scope = await scopeOf(this.store, entity, viewer);
    const page = await this.cached(
      'resources',
      scope,
      [query, range],
      async () =>
        computeResources(
          this.store,
          this.defaults,
          scope,
          { ...query, ...range },
          await this.warningsOf(scope.ref),
          this.quantities,
        ),
    );
    // what a shared Resource pooled, shown to those who may read its cost
    return withPooled(this.store, page, async refs =>
      viewer ? viewer.readable(refs) : new Set(refs),
    );
  }
}
