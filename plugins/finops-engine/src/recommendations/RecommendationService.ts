import { createHash } from 'crypto';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  CostMeasure,
  OPEN_RECOMMENDATION_STATUSES,
  RecommendationRow,
  RecommendationStatusChange,
} from '@costwise/plugin-finops-common';
import {
  AttributionConfig,
  AttributionOverride,
  Clock,
  EngineLogger,
  systemClock,
} from '../model';
import type {
  RecommendationFilter,
  RecommendationStore,
  StoredRecommendation,
  StoredRecommendationEvent,
} from '../stores';
import {
  expire,
  firstReport,
  reopen,
  reopenReason,
  ReportedRecommendation,
  statusChange,
} from './lifecycle';
import { Ownership, ownersOf, resourcesThatLeft, savingOf } from './ownership';
import { verifySaving } from './verification';

export { ENGINE_ACTOR } from './lifecycle';
export { timesFactor } from './verification';
export { recommendationView } from './view';

/**
 * How recommendations are owned, reopened and verified.
 *
 * @public
 */
export interface RecommendationOptions {
  /** The measure ownership and verification compare. */
  measure: CostMeasure;
  /**
   * A dismissed recommendation reopens when a source's estimate grows by
   * more than this factor over the estimate it had when it was dismissed.
   */
  reopenFactor: number;
  /** Days compared before and after a recommendation was implemented. */
  verifyDays: number;
  /** The share of the estimate the realized saving must reach to be Verified. */
  verifiedShare: number;
  /** Days of attributed cost that decide a resource's owner. */
  ownershipDays: number;
}

/** The defaults of {@link RecommendationOptions}. @public */
export const DEFAULT_RECOMMENDATION_OPTIONS: RecommendationOptions = {
  measure: 'EffectiveCost',
  reopenFactor: 1.5,
  verifyDays: 14,
  verifiedShare: 0.5,
  ownershipDays: 30,
};

/** What importing a source's recommendations did. @public */
export interface RecommendationImport {
  source: string;
  format: string;
  accepted: number;
  created: number;
  updated: number;
  reopened: number;
  /** Earlier recommendations of the source that it no longer reports. */
  expired: number;
  recommendations: StoredRecommendation[];
}

/** Costwise's id of a source's recommendation: the same on every import. @public */
export function recommendationKey(
  source: string,
  recommendationId: string,
): string {
  return `rec_${createHash('sha256')
    .update(`${source}\u0000${recommendationId}`)
    .digest('hex')
    .slice(0, 20)}`;
}

/**
 * Recommendations from every source, owned, tracked and verified: imports
 * update those a source reported before (same id), expire those it no
 * longer reports and reopen a dismissed one only when its estimate grew by
 * more than `reopenFactor` over the one it was dismissed with; each is
 * owned by the entity its resource is attributed to (the shared Resource
 * itself, before splitting), with the entities that bear a shared owner's
 * cost; every status change is an event.
 *
 * @public
 */
export class RecommendationService {
  private readonly options: RecommendationOptions;
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      store: RecommendationStore;
      /** The catalog, to match a resource not (yet) in the cost data. */
      catalogEntities: () => Promise<Entity[]>;
      attributionConfig?: Partial<AttributionConfig>;
      overrides?: () => Promise<AttributionOverride[]>;
      options?: Partial<RecommendationOptions>;
      clock?: Clock;
      logger?: EngineLogger;
    },
  ) {
    this.options = { ...DEFAULT_RECOMMENDATION_OPTIONS, ...deps.options };
    this.clock = deps.clock ?? systemClock;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** The last day with cost data, else today. */
  private async asOf(): Promise<string> {
    return (await this.deps.store.lastFactDay()) ?? this.now().slice(0, 10);
  }

  /** Who owns each row's resource as of `asOf`: from its attributed cost, else by matching the rules on the row itself. */
  private async owners(
    rows: RecommendationRow[],
    asOf: string,
  ): Promise<Map<RecommendationRow, Ownership>> {
    return ownersOf({ ...this.deps, ...this.options }, rows, asOf);
  }

  /** Whether an implemented recommendation's saving shows in the resource's cost. */
  private async verification(rec: StoredRecommendation, asOf?: string) {
    return verifySaving({ ...this.deps, ...this.options }, rec, {
      asOf: asOf ?? (await this.asOf()),
      checkedAt: this.now(),
    });
  }

  /**
   * Stores a source's recommendations. With `complete` (the default: a file
   * or a provider run reports everything it knows), the source's earlier
   * recommendations that it no longer reports expire. `at` dates the
   * import (the demo's history); it defaults to now.
   */
  async import(
    source: string,
    format: string,
    rows: RecommendationRow[],
    options: { complete?: boolean; at?: string } = {},
  ): Promise<RecommendationImport> {
    const now = options.at ?? this.now();
    // the last report of an id wins
    const unique = new Map<string, RecommendationRow>();
    for (const row of rows) unique.set(row.RecommendationId, row);
    const incoming = [...unique.values()];
    const owners = await this.owners(incoming, await this.asOf());
    const existing = new Map(
      (await this.deps.store.list({ source })).map(r => [r.id, r]),
    );
    const saved: StoredRecommendation[] = [];
    const events: StoredRecommendationEvent[] = [];
    const outcome = { created: 0, updated: 0, reopened: 0, expired: 0 };
    for (const row of incoming) {
      const id = recommendationKey(source, row.RecommendationId);
      const saving = savingOf(row);
      const owner = owners.get(row)!;
      const before = existing.get(id);
      existing.delete(id);
      const base: ReportedRecommendation = {
        id,
        source,
        format,
        recommendationId: row.RecommendationId,
        row,
        resourceId: row.ResourceId ?? null,
        subcategory: row.RecommendationSubcategory,
        estimatedMonthlySavings: saving.toString(),
        currency: row.Currency,
        ownerRef: owner.owner,
        ...(owner.evidence ? { ownerEvidence: owner.evidence } : {}),
        sharedWith: owner.sharedWith,
        lastSeen: now,
      };
      if (!before) {
        outcome.created++;
        const { record, event } = firstReport(base, now);
        saved.push(record);
        events.push(event);
        continue;
      }
      outcome.updated++;
      // the estimate follows the source, also while dismissed
      const updated: StoredRecommendation = { ...before, ...base };
      const reason = reopenReason(before, saving, {
        source,
        currency: row.Currency,
        reopenFactor: this.options.reopenFactor,
      });
      if (!reason) {
        saved.push(updated);
        continue;
      }
      outcome.reopened++;
      const { record, event } = reopen(updated, reason, now);
      saved.push(record);
      events.push(event);
    }
    if (options.complete !== false) {
      for (const left of existing.values()) {
        if (!OPEN_RECOMMENDATION_STATUSES.includes(left.status)) continue;
        outcome.expired++;
        const { record, event } = expire(
          left,
          `no longer reported by ${source}`,
          now,
        );
        saved.push(record);
        events.push(event);
      }
    }
    await this.deps.store.save(saved, events);
    const ids = new Set(
      incoming.map(r => recommendationKey(source, r.RecommendationId)),
    );
    return {
      source,
      format,
      accepted: incoming.length,
      ...outcome,
      recommendations: saved.filter(r => ids.has(r.id)),
    };
  }

  /**
   * Changes a recommendation's status for `actor`, checking the transition
   * and what it needs (a reason to dismiss, a later day to defer).
   */
  async changeStatus(
    id: string,
    change: RecommendationStatusChange,
    actor: string,
    options: { at?: string } = {},
  ): Promise<StoredRecommendation> {
    const before = await this.deps.store.get(id);
    if (!before) throw new NotFoundError(`No recommendation ${id}`);
    const at = options.at ?? this.now();
    const { record, event } = statusChange(before, change, actor, at);
    if (record.status === 'implemented')
      record.verification = await this.verification(record);
    await this.deps.store.save([record], [event]);
    return record;
  }

  /**
   * What changes with time and new cost data: owners follow the
   * attribution (of every recommendation still tracked), deferrals that ended reopen,
   * implemented recommendations are verified, open ones whose resource left
   * the cost data expire. Run after each ingestion.
   */
  async refresh(): Promise<{
    reopened: number;
    verified: number;
    expired: number;
  }> {
    const now = this.now();
    const today = now.slice(0, 10);
    const asOf = await this.asOf();
    const saved: StoredRecommendation[] = [];
    const events: StoredRecommendationEvent[] = [];
    const outcome = { reopened: 0, verified: 0, expired: 0 };
    const all = await this.deps.store.list({
      statuses: [...OPEN_RECOMMENDATION_STATUSES, 'implemented'],
    });
    const withResource = all.filter(
      r => r.resourceId && OPEN_RECOMMENDATION_STATUSES.includes(r.status),
    );
    const ids = [...new Set(withResource.map(r => r.resourceId!))];
    const leftData = await resourcesThatLeft(
      { ...this.deps, ...this.options },
      ids,
      asOf,
    );
    // owners follow the attribution: a run may have mapped a resource anew
    const owners = await this.owners(
      all.map(r => r.row),
      asOf,
    );
    for (const rec of all) {
      const owner = owners.get(rec.row)!;
      if (
        owner.owner !== rec.ownerRef ||
        JSON.stringify(owner.sharedWith) !== JSON.stringify(rec.sharedWith)
      ) {
        rec.ownerRef = owner.owner;
        rec.sharedWith = owner.sharedWith;
        if (owner.evidence) rec.ownerEvidence = owner.evidence;
        else delete rec.ownerEvidence;
        saved.push(rec);
      }
    }
    for (const rec of all) {
      if (
        rec.status === 'deferred' &&
        rec.deferredUntil &&
        rec.deferredUntil <= today
      ) {
        outcome.reopened++;
        const { record, event } = reopen(
          rec,
          `deferred until ${rec.deferredUntil}`,
          now,
        );
        saved.push(record);
        events.push(event);
        continue;
      }
      if (
        OPEN_RECOMMENDATION_STATUSES.includes(rec.status) &&
        rec.resourceId &&
        leftData.has(rec.resourceId)
      ) {
        outcome.expired++;
        const { record, event } = expire(
          rec,
          `the resource has had no cost since ${leftData.get(rec.resourceId)}`,
          now,
        );
        saved.push(record);
        events.push(event);
        continue;
      }
      if (
        rec.status === 'implemented' &&
        rec.implementedAt &&
        rec.verification?.status !== 'verified' &&
        rec.verification?.status !== 'not-realized'
      ) {
        const verification = await this.verification(rec, asOf);
        if (verification.status !== 'pending') outcome.verified++;
        saved.push({ ...rec, verification });
      }
    }
    // a record changed twice is saved once, as it ends
    const last = new Map<string, StoredRecommendation>();
    for (const rec of saved) last.set(rec.id, rec);
    await this.deps.store.save([...last.values()], events);
    return outcome;
  }

  list(filter: RecommendationFilter): Promise<StoredRecommendation[]> {
    return this.deps.store.list(filter);
  }

  get(id: string): Promise<StoredRecommendation | undefined> {
    return this.deps.store.get(id);
  }

  events(ids: string[]) {
    return this.deps.store.events(ids);
  }
}
