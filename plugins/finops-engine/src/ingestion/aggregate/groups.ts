import { createHash } from 'crypto';
import type { NormalizedCostRow } from '@costwise/plugin-finops-common';
import type { FactGroup } from '../../model';
import { detach } from '../values';

const canonicalCache = new WeakMap<Record<string, string>, string>();

function canonicalTags(tags: Record<string, string>): string {
  // Readers share one parsed object per distinct tag text, so this is computed once per tag set.
  let canonical = canonicalCache.get(tags);
  if (canonical === undefined) {
    const keys = Object.keys(tags).sort();
    canonical =
      keys.length === 0
        ? '{}'
        : JSON.stringify(Object.fromEntries(keys.map(k => [k, tags[k]])));
    canonicalCache.set(tags, canonical);
  }
  return canonical;
}

/** The dimensions that make a fact group, in a fixed order. */
function groupDimensions(row: NormalizedCostRow): (string | undefined)[] {
  return [
    row.billingAccountId,
    row.subAccountId,
    row.subAccountName,
    row.providerName,
    row.serviceName,
    row.serviceCategory,
    row.regionId,
    row.resourceId,
    row.resourceName,
    row.resourceType,
    row.chargeCategory,
    row.pricingCategory,
    row.skuId,
    row.commitmentDiscountId,
    row.commitmentDiscountStatus,
    row.consumedUnit,
    row.billingCurrency,
    canonicalTags(row.tags),
  ];
}

function newGroup(
  row: NormalizedCostRow,
  dimensions: (string | undefined)[],
): FactGroup {
  return {
    keyHash: createHash('sha1')
      .update(JSON.stringify(dimensions))
      .digest('hex'),
    billingAccountId: detach(row.billingAccountId),
    subAccountId: detach(row.subAccountId),
    subAccountName: detach(row.subAccountName),
    provider: detach(row.providerName),
    serviceName: detach(row.serviceName),
    serviceCategory: detach(row.serviceCategory),
    region: detach(row.regionId),
    resourceId: detach(row.resourceId),
    resourceName: detach(row.resourceName),
    resourceType: detach(row.resourceType),
    chargeCategory: detach(row.chargeCategory),
    pricingCategory: detach(row.pricingCategory),
    skuId: detach(row.skuId),
    commitmentId: detach(row.commitmentDiscountId),
    commitmentStatus: detach(row.commitmentDiscountStatus),
    consumedUnit: detach(row.consumedUnit),
    currency: detach(row.billingCurrency),
    tags: detach(dimensions[17] as string),
  };
}

/**
 * Distinct fact groups one ingestion may hold by default: each costs memory
 * until the run is stored, so a file that makes every row a group of its own
 * fails instead of filling the backend's memory.
 *
 * @public
 */
export const DEFAULT_MAX_FACT_GROUPS = 2_000_000;

/**
 * An ingestion with more distinct fact groups than allowed.
 *
 * @public
 */
export class TooManyGroupsError extends Error {
  name = 'TooManyGroupsError';
}

/** Groups of the same resource kept for a quick look-up, most recent first. */
const BUCKET_SIZE = 8;

/** A fact group seen in the run and its facts by billing period and day. */
export interface GroupEntry {
  group: FactGroup;
  /** The row values that make the group, in {@link groupDimensions} order. */
  dimensions: (string | undefined)[];
  /** day (or period|day, when the day is outside the billing period's month) → fact */
  facts: Map<string, number>;
  /** The fact the group's last row went to (-1: none yet): rows of a group often come together. */
  last: number;
  /** The group's facts of the days of one billing period's month, by day of the month (-1: not known here). */
  monthFacts: Int32Array | undefined;
  monthPeriod: string | undefined;
}

/**
 * A small integer from a text's length and its last dozen characters (where
 * resource ids differ), with a few more from the rest. Cheaper than hashing a
 * fresh string as a Map key; texts that share it only share a bucket, whose
 * groups are compared field by field.
 */
function quickKey(text: string): number {
  const n = text.length;
  let h = n;
  for (let i = n > 12 ? n - 12 : 0; i < n; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  if (n > 12) {
    h = Math.imul(h ^ text.charCodeAt(n >> 1), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt(n >> 2), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt((3 * n) >> 2), 0x01000193);
  }
  return h & 0x3fffffff;
}

/** Whether the row has exactly the group's dimensions (tags: canonical JSON). */
function sameDimensions(
  d: (string | undefined)[],
  row: NormalizedCostRow,
  tags: string,
): boolean {
  return (
    d[7] === row.resourceId &&
    d[17] === tags &&
    d[10] === row.chargeCategory &&
    d[12] === row.skuId &&
    d[4] === row.serviceName &&
    d[0] === row.billingAccountId &&
    d[1] === row.subAccountId &&
    d[2] === row.subAccountName &&
    d[3] === row.providerName &&
    d[5] === row.serviceCategory &&
    d[6] === row.regionId &&
    d[8] === row.resourceName &&
    d[9] === row.resourceType &&
    d[11] === row.pricingCategory &&
    d[13] === row.commitmentDiscountId &&
    d[14] === row.commitmentDiscountStatus &&
    d[15] === row.consumedUnit &&
    d[16] === row.billingCurrency
  );
}

/**
 * The fact groups of a run: found for a row among its resource's recent
 * groups (compared field by field), else by all its dimensions, else
 * created; also by key hash, for groups merged from parts read on other
 * threads (which have no dimensions until a row of theirs is seen).
 */
export class GroupIndex {
  constructor(private readonly maxGroups = DEFAULT_MAX_FACT_GROUPS) {}

  /** Every group by its key hash. */
  readonly groups = new Map<string, FactGroup>();
  /** Every group by all its dimensions. */
  private readonly byKey = new Map<string, GroupEntry>();
  /** Every group's entry by its key hash. */
  private readonly byHash = new Map<string, GroupEntry>();
  /** A few recent groups per resource (or service, for rows without one). */
  private readonly buckets = new Map<number, GroupEntry[]>();

  /** The group of a row. */
  groupOf(row: NormalizedCostRow): GroupEntry {
    const tags = canonicalTags(row.tags);
    const bucketKey = quickKey(row.resourceId ?? row.serviceName);
    let bucket = this.buckets.get(bucketKey);
    if (bucket) {
      for (let i = 0; i < bucket.length; i++) {
        const candidate = bucket[i];
        if (sameDimensions(candidate.dimensions, row, tags)) {
          if (i > 0) {
            bucket.splice(i, 1);
            bucket.unshift(candidate);
          }
          return candidate;
        }
      }
    } else {
      bucket = [];
      this.buckets.set(bucketKey, bucket);
    }
    const dimensions = groupDimensions(row);
    const key = dimensions.join('\u0001');
    let entry = this.byKey.get(key);
    if (!entry) {
      const group = newGroup(row, dimensions);
      // The canonical tag text is the one rows of these tags share.
      const detached = dimensions.map((d, i) => (i === 17 ? d : detach(d)));
      entry = this.byHash.get(group.keyHash);
      if (entry) entry.dimensions = detached;
      else entry = this.add(group, detached);
      this.byKey.set(key, entry);
    }
    bucket.unshift(entry);
    if (bucket.length > BUCKET_SIZE) bucket.pop();
    return entry;
  }

  /** The entry of a group merged from a part: the known one, or a new one without dimensions. */
  merged(group: FactGroup): GroupEntry {
    return this.byHash.get(group.keyHash) ?? this.add(group, []);
  }

  /** A new group of the run, with no facts yet. */
  private add(
    group: FactGroup,
    dimensions: (string | undefined)[],
  ): GroupEntry {
    if (this.groups.size >= this.maxGroups)
      throw new TooManyGroupsError(
        `more than ${this.maxGroups.toLocaleString(
          'en-US',
        )} distinct fact groups in one ingestion (finops.ingestion.maxFactGroups): the export may carry a tag whose value differs on every row, such as a request id, which makes each row a group of its own. Nothing was stored.`,
      );
    const entry: GroupEntry = {
      group,
      dimensions,
      facts: new Map(),
      last: -1,
      monthFacts: undefined,
      monthPeriod: undefined,
    };
    this.byHash.set(group.keyHash, entry);
    this.groups.set(group.keyHash, group);
    return entry;
  }
}
