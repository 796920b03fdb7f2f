import { createHash } from 'crypto';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CostMeasure,
  Decimal,
  DISMISS_REASONS,
  DismissReason,
  Recommendation,
  RecommendationRow,
  RecommendationShare,
  RecommendationStatus,
  RecommendationStatusChange,
  RecommendationVerification,
} from '@costwise/plugin-finops-common';
import { attribute } from '../attribution';
import {
  addDays,
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

/**
 * How recommendations are owned, reopened and verified.
 *
 * @public
 */
export interface RecommendationOptions {
  /** The measure ownership and verification compare. */
  measure: CostMeasure;
  /** A dismissed recommendation reopens when a source's estimate grows by more than this factor. */
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

/** The engine acting on its own (imports, expiry, the end of a deferral). @public */
export const ENGINE_ACTOR = 'costwise';

const OPEN_STATUSES: RecommendationStatus[] = [
  'open',
  'acknowledged',
  'deferred',
];

const TRANSITIONS: Record<RecommendationStatus, RecommendationStatus[]> = {
  open: ['acknowledged', 'implemented', 'deferred', 'dismissed'],
  acknowledged: ['open', 'implemented', 'deferred', 'dismissed'],
  deferred: ['open', 'acknowledged', 'implemented', 'dismissed'],
  dismissed: ['open'],
  implemented: ['open'],
  expired: [],
};

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

/** The saving of a row: its impact negated, never below zero. */
function savingOf(row: RecommendationRow): Decimal {
  const impact = Decimal.parse(row.EstimatedMonthlyCostImpact);
  return impact.isNegative() ? impact.negate() : Decimal.ZERO;
}

/** `amount × factor`, exactly (the factor as it prints). @public */
export function timesFactor(amount: Decimal, factor: number): Decimal {
  const text = Decimal.fromNumber(factor).toString();
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const scaled = amount.mulInt(BigInt(`${whole}${fraction}`));
  const product = fraction
    ? scaled.divide(Decimal.parse(`1${'0'.repeat(fraction.length)}`), 12)
    : scaled;
  return factor < 0 ? product.negate() : product;
}

/** A share weight with 6 decimals, as an integer. */
function weight(amount: Decimal): bigint {
  return BigInt(amount.toFixed(6).replace('.', '').replace(/^-/, ''));
}

interface Ownership {
  owner: string | null;
  evidence?: string;
  sharedWith: RecommendationShare[];
}

function sharesOf(
  consumers: Map<string, Decimal>,
  saving: Decimal,
): RecommendationShare[] {
  const entries = [...consumers.entries()]
    .filter(([, a]) => !a.isZero())
    .sort((a, b) => b[1].compare(a[1]) || a[0].localeCompare(b[0]));
  if (entries.length === 0) return [];
  const total = Decimal.sum(entries.map(([, a]) => a));
  const weights = entries.map(([, a]) => weight(a));
  const parts = weights.some(w => w > 0n)
    ? saving.allocate(weights)
    : entries.map(() => Decimal.ZERO);
  return entries.map(([entityRef, amount], i) => ({
    entityRef,
    share: Number(amount.divide(total, 6).toString()),
    estimatedMonthlySavings: parts[i].toFixed(2),
  }));
}

/**
 * Recommendations from every source, owned, tracked and verified: imports
 * update those a source reported before (same id), expire those it no
 * longer reports and reopen a dismissed one only when its estimate grew by
 * more than `reopenFactor`; each is owned by the entity its resource is
 * attributed to (the shared Resource itself, before splitting), with the
 * entities that bear a shared owner's cost; every status change is an event.
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

  private today(): string {
    return this.now().slice(0, 10);
  }

  /** The last day with cost data, else today. */
  private async asOf(): Promise<string> {
    return (await this.deps.store.lastFactDay()) ?? this.today();
  }

  /** Who owns each row's resource: from its attributed cost, else by matching the rules on the row itself. */
  private async owners(
    rows: RecommendationRow[],
  ): Promise<Map<RecommendationRow, Ownership>> {
    const out = new Map<RecommendationRow, Ownership>();
    const asOf = await this.asOf();
    const ids = [
      ...new Set(
        rows.map(r => r.ResourceId).filter((id): id is string => !!id),
      ),
    ];
    const recent = await this.deps.store.resourceAllocations(ids, {
      from: addDays(asOf, -(this.options.ownershipDays - 1)),
      to: asOf,
      measure: this.options.measure,
    });
    const seen = new Set(recent.map(a => a.resourceId));
    const older = await this.deps.store.resourceAllocations(
      ids.filter(id => !seen.has(id)),
      { from: '0000-01-01', to: asOf, measure: this.options.measure },
    );
    const byResource = new Map<string, typeof recent>();
    for (const a of [...recent, ...older]) {
      let list = byResource.get(a.resourceId);
      if (!list) byResource.set(a.resourceId, (list = []));
      list.push(a);
    }

    let entities: Entity[] | undefined;
    let overrides: AttributionOverride[] | undefined;
    for (const row of rows) {
      const saving = savingOf(row);
      const allocations = row.ResourceId
        ? byResource.get(row.ResourceId)
        : undefined;
      if (allocations && allocations.length > 0) {
        const byOwner = new Map<string, Decimal>();
        const methods = new Map<string, Set<string>>();
        for (const a of allocations) {
          const owner = a.sharedFrom ?? a.entityRef;
          byOwner.set(
            owner,
            (byOwner.get(owner) ?? Decimal.ZERO).add(a.amount),
          );
          let m = methods.get(owner);
          if (!m) methods.set(owner, (m = new Set()));
          m.add(a.sharedFrom ? 'shared resource' : a.method);
        }
        const [owner] = [...byOwner.entries()].sort(
          (a, b) => b[1].compare(a[1]) || a[0].localeCompare(b[0]),
        )[0];
        const consumers = new Map<string, Decimal>();
        for (const a of allocations) {
          if (a.sharedFrom !== owner) continue;
          consumers.set(
            a.entityRef,
            (consumers.get(a.entityRef) ?? Decimal.ZERO).add(a.amount),
          );
        }
        const days = new Set(allocations.map(a => a.day));
        out.set(row, {
          owner,
          evidence: `the resource's attributed cost (${[
            ...methods.get(owner)!,
          ].join(', ')}; ${days.size} day${days.size === 1 ? '' : 's'} up to ${[
            ...days,
          ]
            .sort()
            .pop()})`,
          sharedWith: sharesOf(consumers, saving),
        });
        continue;
      }
      // not in the cost data: the same rules, on what the source says of it
      entities ??= await this.deps.catalogEntities();
      overrides ??= (await this.deps.overrides?.()) ?? [];
      const groupId = 'recommendation';
      const result = attribute({
        entities,
        groups: [
          {
            id: groupId,
            provider: row.ServiceProviderName ?? '',
            billingAccountId: row.BillingAccountId ?? '',
            subAccountId: row.SubAccountId,
            serviceName: row.ServiceName ?? '',
            resourceId: row.ResourceId,
            resourceName: row.ResourceName,
            tags: row.x_Tags ?? {},
          },
        ],
        amounts: new Map([[groupId, Decimal.parse('1')]]),
        config: this.deps.attributionConfig,
        overrides,
      });
      const allocs = result.attributed[0]?.allocations ?? [];
      if (allocs.length === 0) {
        // a finding about an account goes to the group that owns the account
        const accountOwner = row.x_Evidence?.figures?.accountOwner;
        out.set(
          row,
          accountOwner
            ? {
                owner: accountOwner,
                evidence:
                  'the owner of the account (finops.attribution.accountOwners)',
                sharedWith: [],
              }
            : { owner: null, sharedWith: [] },
        );
        continue;
      }
      const shared = allocs.filter(a => a.method === 'shared');
      const owner = shared.length
        ? shared[0].evidence.entityRef!
        : [...allocs].sort((a, b) => a.entity.localeCompare(b.entity))[0]
            .entity;
      const consumers = new Map<string, Decimal>();
      for (const a of shared)
        if (a.evidence.entityRef === owner)
          consumers.set(
            a.entity,
            (consumers.get(a.entity) ?? Decimal.ZERO).add(a.amount),
          );
      const method = shared.length ? 'shared resource' : allocs[0].method;
      out.set(row, {
        owner,
        evidence: `the attribution rules (${method}) applied to the recommendation's resource, which has no cost data yet`,
        sharedWith: sharesOf(consumers, saving),
      });
    }
    return out;
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
    const owners = await this.owners(incoming);
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
      const base = {
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
        const reported: Partial<Record<string, RecommendationStatus>> = {
          Dismissed: 'dismissed',
          Implemented: 'implemented',
        };
        const status: RecommendationStatus =
          reported[row.RecommendationStatus ?? ''] ?? 'open';
        const record: StoredRecommendation = {
          ...base,
          status,
          firstSeen: now,
          statusChangedAt: now,
          ...(status === 'dismissed'
            ? {
                dismissReason: 'other' as DismissReason,
                statusNote: `dismissed at the source (${row.DataGeneratorName})`,
              }
            : {}),
          ...(status === 'implemented' ? { implementedAt: now } : {}),
        };
        saved.push(record);
        events.push({
          recommendation: id,
          at: now,
          actor: ENGINE_ACTOR,
          from: null,
          to: status,
          reason: `reported by ${source}`,
        });
        continue;
      }
      outcome.updated++;
      const record: StoredRecommendation = { ...before, ...base };
      const beforeSaving = Decimal.parse(before.estimatedMonthlySavings);
      let reopen: string | undefined;
      if (before.status === 'expired') {
        reopen = `reported again by ${source}`;
      } else if (
        before.status === 'dismissed' &&
        saving.compare(timesFactor(beforeSaving, this.options.reopenFactor)) >
          0 &&
        saving.compare(beforeSaving) > 0
      ) {
        reopen = `the estimate grew from ${beforeSaving.toFixed(
          2,
        )} to ${saving.toFixed(2)} ${row.Currency} a month, more than ${
          this.options.reopenFactor
        }×`;
      }
      if (reopen) {
        outcome.reopened++;
        events.push({
          recommendation: id,
          at: now,
          actor: ENGINE_ACTOR,
          from: before.status,
          to: 'open',
          reason: reopen,
        });
        record.status = 'open';
        record.statusChangedAt = now;
        delete record.dismissReason;
        delete record.statusNote;
        delete record.deferredUntil;
      }
      saved.push(record);
    }
    if (options.complete !== false) {
      for (const left of existing.values()) {
        if (!OPEN_STATUSES.includes(left.status)) continue;
        outcome.expired++;
        events.push({
          recommendation: left.id,
          at: now,
          actor: ENGINE_ACTOR,
          from: left.status,
          to: 'expired',
          reason: `no longer reported by ${source}`,
        });
        saved.push({
          ...left,
          status: 'expired',
          statusChangedAt: now,
          deferredUntil: undefined,
        });
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
    const to = change.status as RecommendationStatus;
    if (!(to in TRANSITIONS) || to === 'expired')
      throw new InputError(
        `Unknown status '${change.status}': use open, acknowledged, implemented, deferred or dismissed`,
      );
    if (before.status === to)
      throw new InputError(`The recommendation is already ${to}`);
    if (!TRANSITIONS[before.status].includes(to))
      throw new InputError(
        before.status === 'expired'
          ? 'The recommendation has expired: its source no longer reports it, or its resource left the cost data'
          : `A recommendation that is ${before.status} cannot become ${to}${
              TRANSITIONS[before.status].length
                ? `; it can become ${TRANSITIONS[before.status].join(' or ')}`
                : ''
            }`,
      );
    const at = options.at ?? this.now();
    const note = change.note?.trim() || undefined;
    if (note && note.length > 2000)
      throw new InputError('The note is longer than 2,000 characters');
    const record: StoredRecommendation = {
      ...before,
      status: to,
      statusChangedAt: at,
    };
    delete record.dismissReason;
    delete record.deferredUntil;
    delete record.statusNote;
    if (note) record.statusNote = note;
    if (to === 'dismissed') {
      if (!change.reason || !DISMISS_REASONS.includes(change.reason))
        throw new InputError(
          `Dismissing needs a reason: ${DISMISS_REASONS.join(', ')}`,
        );
      if (change.reason === 'other' && !note)
        throw new InputError(
          "Dismissing for reason 'other' needs a note that says why",
        );
      record.dismissReason = change.reason;
    } else if (change.reason) {
      throw new InputError('A reason is given only when dismissing');
    }
    if (to === 'deferred') {
      if (!change.until || !/^\d{4}-\d{2}-\d{2}$/.test(change.until))
        throw new InputError(
          'Deferring needs the day until which it is deferred (until: YYYY-MM-DD)',
        );
      if (
        Number.isNaN(Date.parse(`${change.until}T00:00:00Z`)) ||
        change.until <= at.slice(0, 10)
      )
        throw new InputError(
          `Deferring needs a day after today (${at.slice(0, 10)}); got ${
            change.until
          }`,
        );
      record.deferredUntil = change.until;
    } else if (change.until) {
      throw new InputError('A day (until) is given only when deferring');
    }
    if (!before.firstResponseAt && to !== 'open') record.firstResponseAt = at;
    if (to === 'implemented') {
      record.implementedAt = at;
      record.verification = await this.verification(record);
    } else {
      delete record.implementedAt;
      delete record.verification;
    }
    await this.deps.store.save(
      [record],
      [
        {
          recommendation: id,
          at,
          actor,
          from: before.status,
          to,
          ...(change.reason ? { reason: change.reason } : {}),
          ...(note ? { note } : {}),
          ...(record.deferredUntil
            ? { deferredUntil: record.deferredUntil }
            : {}),
        },
      ],
    );
    return record;
  }

  /** Whether an implemented recommendation's saving shows in the resource's cost. */
  private async verification(
    rec: StoredRecommendation,
    asOf?: string,
  ): Promise<RecommendationVerification> {
    const days = this.options.verifyDays;
    const checkedAt = this.now();
    const implemented = rec.implementedAt!.slice(0, 10);
    if (!rec.resourceId)
      return {
        status: 'pending',
        days,
        checkedAt,
        message:
          'The recommendation names no resource, so its saving cannot be read from the cost data',
      };
    const last = asOf ?? (await this.asOf());
    const afterTo = addDays(implemented, days);
    if (last < afterTo)
      return {
        status: 'pending',
        days,
        checkedAt,
        message: `Verified once the cost data reaches ${afterTo} (${days} days after it was implemented)`,
      };
    const beforeFrom = addDays(implemented, -days);
    const beforeTo = addDays(implemented, -1);
    const daily =
      (
        await this.deps.store.resourceDailyCost([rec.resourceId], {
          from: beforeFrom,
          to: afterTo,
          measure: this.options.measure,
          currency: rec.currency,
        })
      ).get(rec.resourceId) ?? new Map<string, Decimal>();
    let before = Decimal.ZERO;
    let after = Decimal.ZERO;
    for (const [day, amount] of daily) {
      if (day <= beforeTo) before = before.add(amount);
      else if (day > implemented) after = after.add(amount);
    }
    const realized = before
      .sub(after)
      .mulInt(30)
      .divide(Decimal.parse(String(days)), 2);
    const estimate = Decimal.parse(rec.estimatedMonthlySavings);
    const needed = timesFactor(estimate, this.options.verifiedShare);
    const verified = estimate.isZero()
      ? realized.compare(Decimal.ZERO) > 0
      : realized.compare(needed) >= 0;
    return {
      status: verified ? 'verified' : 'not-realized',
      days,
      before: before.toString(),
      after: after.toString(),
      realizedMonthlySavings: realized.toFixed(2),
      checkedAt,
      message: verified
        ? `The resource cost ${before.toFixed(
            2,
          )} in the ${days} days before and ${after.toFixed(
            2,
          )} in the ${days} days after: ${realized.toFixed(2)} ${
            rec.currency
          } a month saved`
        : `The resource cost ${before.toFixed(
            2,
          )} in the ${days} days before and ${after.toFixed(
            2,
          )} in the ${days} days after: ${realized.toFixed(2)} ${
            rec.currency
          } a month, less than ${Math.round(
            this.options.verifiedShare * 100,
          )}% of the ${estimate.toFixed(2)} estimated`,
    };
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
      statuses: ['deferred', 'implemented', 'open', 'acknowledged'],
    });
    const withResource = all.filter(
      r => r.resourceId && OPEN_STATUSES.includes(r.status),
    );
    const ids = [...new Set(withResource.map(r => r.resourceId!))];
    const recentFrom = addDays(asOf, -13);
    const recent = await this.deps.store.resourceAllocations(ids, {
      from: recentFrom,
      to: asOf,
      measure: this.options.measure,
    });
    const recentIds = new Set(recent.map(a => a.resourceId));
    const earlier = await this.deps.store.resourceAllocations(
      ids.filter(id => !recentIds.has(id)),
      {
        from: '0000-01-01',
        to: addDays(recentFrom, -1),
        measure: this.options.measure,
      },
    );
    const leftData = new Map<string, string>();
    for (const a of earlier) {
      const last = leftData.get(a.resourceId);
      if (!last || a.day > last) leftData.set(a.resourceId, a.day);
    }
    // owners follow the attribution: a run may have mapped a resource anew
    const owners = await this.owners(all.map(r => r.row));
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
        saved.push({
          ...rec,
          status: 'open',
          statusChangedAt: now,
          deferredUntil: undefined,
          statusNote: undefined,
        });
        events.push({
          recommendation: rec.id,
          at: now,
          actor: ENGINE_ACTOR,
          from: 'deferred',
          to: 'open',
          reason: `deferred until ${rec.deferredUntil}`,
        });
        continue;
      }
      if (
        OPEN_STATUSES.includes(rec.status) &&
        rec.resourceId &&
        leftData.has(rec.resourceId)
      ) {
        outcome.expired++;
        saved.push({
          ...rec,
          status: 'expired',
          statusChangedAt: now,
          deferredUntil: undefined,
        });
        events.push({
          recommendation: rec.id,
          at: now,
          actor: ENGINE_ACTOR,
          from: rec.status,
          to: 'expired',
          reason: `the resource has had no cost since ${leftData.get(
            rec.resourceId,
          )}`,
        });
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

/** A stored recommendation as the API shows it. @public */
export function recommendationView(rec: StoredRecommendation): Recommendation {
  const row = rec.row;
  const impact = Decimal.parse(row.EstimatedMonthlyCostImpact);
  return {
    id: rec.id,
    source: rec.source,
    format: rec.format,
    recommendationId: rec.recommendationId,
    generator: row.DataGeneratorName,
    subcategory: rec.subcategory,
    description: row.RecommendationDescription,
    ...(row.x_Link ? { link: row.x_Link } : {}),
    resourceId: rec.resourceId,
    ...(row.ResourceName ? { resourceName: row.ResourceName } : {}),
    ...(row.ResourceType ? { resourceType: row.ResourceType } : {}),
    ...(row.ServiceProviderName ? { provider: row.ServiceProviderName } : {}),
    ...(row.SubAccountId ? { subAccountId: row.SubAccountId } : {}),
    ...(row.RegionId ? { region: row.RegionId } : {}),
    ...(row.ImplementationEffort ? { effort: row.ImplementationEffort } : {}),
    estimatedMonthlyCostImpact: impact.toString(),
    estimatedMonthlySavings: rec.estimatedMonthlySavings,
    currency: rec.currency,
    owner: rec.ownerRef,
    ...(rec.ownerEvidence ? { ownerEvidence: rec.ownerEvidence } : {}),
    sharedWith: rec.sharedWith,
    status: rec.status,
    ...(rec.deferredUntil ? { deferredUntil: rec.deferredUntil } : {}),
    ...(rec.dismissReason ? { dismissReason: rec.dismissReason } : {}),
    ...(rec.statusNote ? { statusNote: rec.statusNote } : {}),
    firstSeen: rec.firstSeen,
    lastSeen: rec.lastSeen,
    ...(row.RecommendationLastUpdated
      ? { lastUpdated: row.RecommendationLastUpdated }
      : {}),
    statusChangedAt: rec.statusChangedAt,
    ...(row.x_Evidence ? { evidence: row.x_Evidence } : {}),
    ...(rec.verification ? { verification: rec.verification } : {}),
    ...(row.ResourceConfigurationDetailsCurrent
      ? { currentConfiguration: row.ResourceConfigurationDetailsCurrent }
      : {}),
    ...(row.ResourceConfigurationDetailsRecommended
      ? {
          recommendedConfiguration: row.ResourceConfigurationDetailsRecommended,
        }
      : {}),
  };
}
