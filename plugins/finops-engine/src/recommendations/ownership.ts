import type { Entity } from '@backstage/catalog-model';
import {
  CostMeasure,
  Decimal,
  RecommendationRow,
  RecommendationShare,
} from '@costwise/plugin-finops-common';
import { attribute } from '../attribution';
import { addDays, AttributionConfig, AttributionOverride } from '../model';
import type { RecommendationStore } from '../stores';

/** Who owns a recommendation's resource, how that was found, and who shares its cost. */
export interface Ownership {
  owner: string | null;
  evidence?: string;
  sharedWith: RecommendationShare[];
}

/** What deciding owners reads. */
export interface OwnershipDeps {
  store: Pick<RecommendationStore, 'resourceAllocations'>;
  /** The catalog, to match a resource not (yet) in the cost data. */
  catalogEntities: () => Promise<Entity[]>;
  attributionConfig?: Partial<AttributionConfig>;
  overrides?: () => Promise<AttributionOverride[]>;
  measure: CostMeasure;
  /** Days of attributed cost that decide a resource's owner. */
  ownershipDays: number;
}

/** The saving of a row: its impact negated, never below zero. */
export function savingOf(row: RecommendationRow): Decimal {
  const impact = Decimal.parse(row.EstimatedMonthlyCostImpact);
  return impact.isNegative() ? impact.negate() : Decimal.ZERO;
}

/** A share weight with 6 decimals, as an integer. */
function weight(amount: Decimal): bigint {
  return BigInt(amount.toFixed(6).replace('.', '').replace(/^-/, ''));
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

type Allocations = Awaited<
  ReturnType<RecommendationStore['resourceAllocations']>
>;

/** The owner of a resource with attributed cost: the largest owner before splitting, with its consumers. */
function fromAllocations(allocations: Allocations, saving: Decimal): Ownership {
  const byOwner = new Map<string, Decimal>();
  const methods = new Map<string, Set<string>>();
  for (const a of allocations) {
    const owner = a.sharedFrom ?? a.entityRef;
    byOwner.set(owner, (byOwner.get(owner) ?? Decimal.ZERO).add(a.amount));
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
  return {
    owner,
    evidence: `the resource's attributed cost (${[...methods.get(owner)!].join(
      ', ',
    )}; ${days.size} day${days.size === 1 ? '' : 's'} up to ${[...days]
      .sort()
      .pop()})`,
    sharedWith: sharesOf(consumers, saving),
  };
}

/** The owner of a resource not in the cost data: the attribution rules, on what the source says of it. */
function fromRules(
  row: RecommendationRow,
  saving: Decimal,
  entities: Entity[],
  overrides: AttributionOverride[],
  config: Partial<AttributionConfig> | undefined,
): Ownership {
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
    config,
    overrides,
  });
  const allocs = result.attributed[0]?.allocations ?? [];
  if (allocs.length === 0) {
    // a finding about an account goes to the group that owns the account
    const accountOwner = row.x_Evidence?.figures?.accountOwner;
    return accountOwner
      ? {
          owner: accountOwner,
          evidence:
            'the owner of the account (finops.attribution.accountOwners)',
          sharedWith: [],
        }
      : { owner: null, sharedWith: [] };
  }
  const shared = allocs.filter(a => a.method === 'shared');
  const owner = shared.length
    ? shared[0].evidence.entityRef!
    : [...allocs].sort((a, b) => a.entity.localeCompare(b.entity))[0].entity;
  const consumers = new Map<string, Decimal>();
  for (const a of shared)
    if (a.evidence.entityRef === owner)
      consumers.set(
        a.entity,
        (consumers.get(a.entity) ?? Decimal.ZERO).add(a.amount),
      );
  const method = shared.length ? 'shared resource' : allocs[0].method;
  return {
    owner,
    evidence: `the attribution rules (${method}) applied to the recommendation's resource, which has no cost data yet`,
    sharedWith: sharesOf(consumers, saving),
  };
}

/**
 * Who owns each row's resource, as of the day `asOf`: from its attributed
 * cost of the last `ownershipDays` days (else any earlier day), else by
 * matching the attribution rules on the row itself.
 */
export async function ownersOf(
  deps: OwnershipDeps,
  rows: RecommendationRow[],
  asOf: string,
): Promise<Map<RecommendationRow, Ownership>> {
  const out = new Map<RecommendationRow, Ownership>();
  const ids = [
    ...new Set(rows.map(r => r.ResourceId).filter((id): id is string => !!id)),
  ];
  const recent = await deps.store.resourceAllocations(ids, {
    from: addDays(asOf, -(deps.ownershipDays - 1)),
    to: asOf,
    measure: deps.measure,
  });
  const seen = new Set(recent.map(a => a.resourceId));
  const older = await deps.store.resourceAllocations(
    ids.filter(id => !seen.has(id)),
    { from: '0000-01-01', to: asOf, measure: deps.measure },
  );
  const byResource = new Map<string, Allocations>();
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
      out.set(row, fromAllocations(allocations, saving));
      continue;
    }
    entities ??= await deps.catalogEntities();
    overrides ??= (await deps.overrides?.()) ?? [];
    out.set(
      row,
      fromRules(row, saving, entities, overrides, deps.attributionConfig),
    );
  }
  return out;
}

/**
 * The resources that left the cost data: those with no attributed cost in
 * the 14 days up to `asOf` but some before, with the last day they had.
 */
export async function resourcesThatLeft(
  deps: Pick<OwnershipDeps, 'store' | 'measure'>,
  resourceIds: string[],
  asOf: string,
): Promise<Map<string, string>> {
  const recentFrom = addDays(asOf, -13);
  const recent = await deps.store.resourceAllocations(resourceIds, {
    from: recentFrom,
    to: asOf,
    measure: deps.measure,
  });
  const recentIds = new Set(recent.map(a => a.resourceId));
  const earlier = await deps.store.resourceAllocations(
    resourceIds.filter(id => !recentIds.has(id)),
    { from: '0000-01-01', to: addDays(recentFrom, -1), measure: deps.measure },
  );
  const left = new Map<string, string>();
  for (const a of earlier) {
    const last = left.get(a.resourceId);
    if (!last || a.day > last) left.set(a.resourceId, a.day);
  }
  return left;
}
