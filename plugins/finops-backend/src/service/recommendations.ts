import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  Decimal,
  EntityRecommendations,
  OPEN_RECOMMENDATION_STATUSES,
  Recommendation,
  RecommendationDetail,
  RecommendationKpis,
  RecommendationStatus,
  RecommendationStatusChange,
} from '@costwise/plugin-finops-common';
import {
  addDays,
  AttributionStore,
  Clock,
  entityRefOf,
  hiddenMembers,
  recommendationKpis,
  RecommendationService,
  recommendationView,
  StoredRecommendation,
  visibleMembers,
} from '@costwise/plugin-finops-engine';
import type { RequestAccess } from './http/access';

/** Filters of an entity's recommendations. */
export interface RecommendationQuery {
  status?: RecommendationStatus[];
  subcategory?: string[];
  source?: string[];
  effort?: string[];
  from?: string;
  to?: string;
}

/**
 * Told when a status changes: the signal to open tabs, which is broadcast,
 * so it holds only what a tab needs to know that it should fetch again
 * (its id alone: who shares it is not for every browser to hear), never
 * its status or money; the tab's fetch applies the reader's permissions.
 */
export type StatusListener = (change: { id: string }) => Promise<void> | void;

function byEstimate(a: Recommendation, b: Recommendation) {
  return (
    Decimal.parse(b.estimatedMonthlySavings).compare(
      Decimal.parse(a.estimatedMonthlySavings),
    ) || a.id.localeCompare(b.id)
  );
}

/**
 * What the routes and the actions ask of recommendations, with the
 * caller's permissions: reading follows `finops.cost.read` on the owning
 * entity (or, for an entity that shares a shared owner's cost, on that
 * entity), changing the status needs `finops.cost.update` on the owner;
 * unowned recommendations are for admins. A rollup's list leaves out the
 * members the caller may not read, and says how many.
 */
export class RecommendationAccess {
  constructor(
    private readonly deps: {
      recommendations: RecommendationService;
      attributionStore: AttributionStore;
      access: RequestAccess;
      currency: string;
      clock: Clock;
      onStatusChange?: StatusListener;
    },
  ) {}

  private today() {
    return this.deps.clock.now().toISOString().slice(0, 10);
  }

  /** The refs a recommendation is read through: its owner and its sharers. */
  private refsOf(rec: StoredRecommendation): string[] {
    return [
      ...(rec.ownerRef ? [rec.ownerRef] : []),
      ...rec.sharedWith.map(s => s.entityRef),
    ];
  }

  /**
   * The recommendations as the caller may see them: the entities that share
   * their cost and that the caller may not read (cost permission or catalog
   * visibility) are left out of `sharedWith` and only counted in
   * `hiddenSharedWith`; the saving stays the whole recommendation's.
   */
  private async views(
    credentials: BackstageCredentials,
    recs: StoredRecommendation[],
  ): Promise<Recommendation[]> {
    const refs = [
      ...new Set(recs.flatMap(r => r.sharedWith.map(s => s.entityRef))),
    ];
    const readable =
      refs.length > 0
        ? await this.deps.access.viewerFor(credentials).readable(refs)
        : new Set<string>();
    return recs.map(rec => {
      const view = recommendationView(rec);
      const shown = view.sharedWith.filter(s => readable.has(s.entityRef));
      const hidden = view.sharedWith.length - shown.length;
      return {
        ...view,
        sharedWith: shown,
        ...(hidden > 0 ? { hiddenSharedWith: hidden } : {}),
      };
    });
  }

  /** The recommendations of an entity and its readable members, with the KPIs. */
  async forEntity(
    credentials: BackstageCredentials,
    entity: Entity,
    query: RecommendationQuery,
  ): Promise<EntityRecommendations> {
    const { access, attributionStore, recommendations, currency } = this.deps;
    const ref = entityRefOf(entity);
    const { members, hidden } = await visibleMembers(
      attributionStore,
      ref,
      access.viewerFor(credentials),
    );
    const refs = [...new Set([ref, ...members.keys()])];
    const all = await recommendations.list({ entityRefs: refs });
    const to = query.to ?? this.today();
    const from = query.from ?? addDays(to, -364);
    // filtered before the sharers are hidden: none of these filters reads them
    const wanted = all.filter(r => {
      const effort = r.row.ImplementationEffort;
      return (
        (!query.status || query.status.includes(r.status)) &&
        (!query.subcategory || query.subcategory.includes(r.subcategory)) &&
        (!query.source || query.source.includes(r.source)) &&
        (!query.effort || (effort && query.effort.includes(effort)))
      );
    });
    const items = (await this.views(credentials, wanted)).sort(byEstimate);
    const backlog = all.filter(r =>
      OPEN_RECOMMENDATION_STATUSES.includes(r.status),
    );
    const owners = [...new Set(all.map(r => r.ownerRef).filter(Boolean))];
    const updatable = await access.allowed(credentials, 'update', [
      ref,
      ...owners.filter((o): o is string => o !== null && o !== ref),
    ]);
    return {
      entityRef: ref,
      currency,
      items: items.map(r => ({
        ...r,
        canUpdate: r.owner !== null && updatable.has(r.owner),
      })),
      open: {
        count: backlog.length,
        monthlySavings: Decimal.sum(
          backlog
            .filter(r => r.currency === currency)
            .map(r => Decimal.parse(r.estimatedMonthlySavings)),
        ).toFixed(2),
      },
      kpis: recommendationKpis(all, { from, to, currency }),
      ...(hidden ? { hiddenMembers: hiddenMembers(hidden) } : {}),
      canUpdate: updatable.has(ref),
    };
  }

  /** One recommendation with its history, if the caller may read it. */
  async detail(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<RecommendationDetail> {
    const rec = await this.deps.recommendations.get(id);
    if (!rec) throw new NotFoundError(`No recommendation ${id}`);
    await this.requireRead(credentials, rec);
    return this.withHistory(credentials, rec);
  }

  private async requireRead(
    credentials: BackstageCredentials,
    rec: StoredRecommendation,
  ) {
    const refs = this.refsOf(rec);
    if (refs.length === 0) {
      if (await this.deps.access.isAdmin(credentials)) return;
      // an unowned recommendation is for the FinOps admins
      throw new NotFoundError(`No recommendation ${rec.id}`);
    }
    const readable = await this.deps.access.allowed(credentials, 'read', refs);
    if (readable.size === 0)
      throw new NotAllowedError(
        `You are not allowed to read the cost of ${refs[0]}, which this recommendation belongs to`,
      );
  }

  private async withHistory(
    credentials: BackstageCredentials,
    rec: StoredRecommendation,
  ): Promise<RecommendationDetail> {
    const events =
      (await this.deps.recommendations.events([rec.id])).get(rec.id) ?? [];
    const [view] = await this.views(credentials, [rec]);
    return {
      ...view,
      events,
      canUpdate: await this.canUpdate(credentials, rec),
    };
  }

  private async canUpdate(
    credentials: BackstageCredentials,
    rec: StoredRecommendation,
  ): Promise<boolean> {
    if (!rec.ownerRef) return this.deps.access.isAdmin(credentials);
    return (
      await this.deps.access.allowed(credentials, 'update', [rec.ownerRef])
    ).has(rec.ownerRef);
  }

  /** Changes the status for the caller, who needs `finops.cost.update` on the owner. */
  async changeStatus(
    credentials: BackstageCredentials,
    id: string,
    change: RecommendationStatusChange,
    actor: string,
  ): Promise<RecommendationDetail> {
    const rec = await this.deps.recommendations.get(id);
    if (!rec) throw new NotFoundError(`No recommendation ${id}`);
    await this.requireRead(credentials, rec);
    if (!(await this.canUpdate(credentials, rec)))
      throw new NotAllowedError(
        rec.ownerRef
          ? `You are not allowed to change recommendations of ${rec.ownerRef}: it needs finops.cost.update on it (its owners)`
          : 'Only FinOps admins may change an unowned recommendation',
      );
    const changed = await this.deps.recommendations.changeStatus(
      id,
      change,
      actor,
    );
    await this.deps.onStatusChange?.({ id });
    return this.withHistory(credentials, changed);
  }

  /** Admins: recommendations that map to no entity. */
  async unowned(credentials: BackstageCredentials): Promise<Recommendation[]> {
    if (!(await this.deps.access.isAdmin(credentials)))
      throw new NotAllowedError(
        'You need the finops.admin permission to read unowned recommendations',
      );
    return (await this.deps.recommendations.list({ unowned: true }))
      .map(recommendationView)
      .sort(byEstimate);
  }

  /** Admins: the organization's KPIs. */
  async organizationKpis(
    credentials: BackstageCredentials,
    range: { from?: string; to?: string },
  ): Promise<RecommendationKpis> {
    if (!(await this.deps.access.isAdmin(credentials)))
      throw new NotAllowedError(
        "You need the finops.admin permission to read the organization's recommendation KPIs",
      );
    const to = range.to ?? this.today();
    const from = range.from ?? addDays(to, -364);
    return recommendationKpis(await this.deps.recommendations.list({}), {
      from,
      to,
      currency: this.deps.currency,
    });
  }
}
