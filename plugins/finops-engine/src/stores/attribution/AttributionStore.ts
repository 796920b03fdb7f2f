import type { Knex } from 'knex';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import {
  AllocationSum,
  AllocationSumQuery,
  sumAllocations,
} from '../allocationSums';
import { loadFacts } from './operations/facts';
import { groupIdsByResourceId, loadGroups } from './operations/groups';
import {
  addOverride,
  deleteOverride,
  listOverrides,
} from './operations/overrides';
import {
  allocations,
  evidence,
  freshness,
  memberKeys,
  members,
  membersOf,
} from './operations/reads';
import {
  SharedAllocation,
  sharedAllocations,
  sharedConsumers,
} from './operations/shared';
import {
  allocationDays,
  allocationsVersion,
  replaceResults,
} from './operations/results';
import { rollupSums } from './operations/rollupSums';
import {
  addChanges,
  createRun,
  finishRun,
  latestRun,
  latestRunId,
  listChanges,
} from './operations/runs';
import type {
  AllocationRow,
  AttributionChange,
  AttributionRunRecord,
  FactRow,
  StoredEvidence,
  StoredGroup,
  StoredOverride,
} from './types';

const SQLITE_CHUNK = 400;
const POSTGRES_CHUNK = 1000;

/**
 * Data access for attribution: fact groups and facts as attribution reads
 * them, the results of a run (allocations, evidence, rollup membership and
 * totals), the runs and what moved in them, and the overrides. Each area's
 * queries live in `operations/`.
 *
 * @public
 */
export class AttributionStore {
  private readonly chunk: number;
  /** Groups looked up by id: they never change once stored. */
  private readonly groups = new Map<string, StoredGroup>();

  constructor(private readonly db: Knex) {
    this.chunk = String(db.client.config.client).includes('sqlite')
      ? SQLITE_CHUNK
      : POSTGRES_CHUNK;
  }

  /** Fact groups by id (kept in memory once read, up to a bound), or all of them. */
  loadGroups(ids?: string[]): Promise<StoredGroup[]> {
    return loadGroups(this.db, this.groups, ids);
  }

  /** The ids of the fact groups of a resource. */
  groupIdsByResourceId(resourceId: string): Promise<string[]> {
    return groupIdsByResourceId(this.db, resourceId);
  }

  /**
   * The daily facts with their group's currency: all of them, or those of a
   * billing period (`YYYY-MM`) and/or from and to a day (both inclusive).
   */
  loadFacts(
    range: { period?: string; from?: string; to?: string } = {},
  ): Promise<FactRow[]> {
    return loadFacts(this.db, range);
  }

  /**
   * Replaces every allocation, evidence, rollup membership and rollup total
   * in one transaction.
   */
  replaceResults(
    results: {
      allocations: AllocationRow[];
      evidence: StoredEvidence[];
      /** entity → member → the direct child it rolls up through */
      members: Map<string, Map<string, string>>;
      memberKeys?: Map<string, Map<string, { team?: string; system?: string }>>;
    },
    /** The run storing them: refused when a run that started later succeeded. */
    run?: { id: string; startedAt: string },
  ): Promise<void> {
    return replaceResults(this.db, this.chunk, results, run);
  }

  /** Changes whenever the allocations are replaced, in the same transaction. */
  allocationsVersion(): Promise<string | undefined> {
    return allocationsVersion(this.db);
  }

  /** The first and last day of the stored allocations; undefined when there are none. */
  allocationDays(): Promise<{ first: string; last: string } | undefined> {
    return allocationDays(this.db);
  }

  /**
   * A rollup's sums from the totals stored with the latest run, when they
   * can answer the query; undefined when they cannot (the caller then sums
   * the members' allocations).
   */
  rollupSums(
    entityRef: string,
    query: Omit<AllocationSumQuery, 'entityRefs'>,
  ): Promise<AllocationSum[][] | undefined> {
    return rollupSums(this.db, entityRef, query);
  }

  /** The entities whose direct cost counts in the entity's total, each with the direct child it rolls up through. */
  members(entityRef: string): Promise<Map<string, string>> {
    return members(this.db, entityRef);
  }

  /** The allocations a shared Resource passed on to its consumers. */
  sharedAllocations(
    resourceRef: string,
    query: {
      from?: string;
      to?: string;
      measure: CostMeasure;
      groupIds?: string[];
    },
  ): Promise<SharedAllocation[]> {
    return sharedAllocations(this.db, resourceRef, query);
  }

  /** The consumers a shared Resource passed cost on to, in any period. */
  sharedConsumers(resourceRef: string): Promise<string[]> {
    return sharedConsumers(this.db, resourceRef);
  }

  /** The team and system line of each member of an entity's rollup. */
  memberKeys(
    entityRef: string,
  ): Promise<Map<string, { team?: string; system?: string }>> {
    return memberKeys(this.db, entityRef);
  }

  /** {@link AttributionStore.members} of many entities at once. */
  membersOf(entityRefs: string[]): Promise<Map<string, Map<string, string>>> {
    return membersOf(this.db, entityRefs);
  }

  /** The last day with data and when it was ingested, per source. */
  freshness(): Promise<
    { sourceId: string; lastDay: string; ingestedAt: string }[]
  > {
    return freshness(this.db);
  }

  /** The stored allocations of the entities, optionally in a range and currency. */
  allocations(options: {
    entityRefs: string[];
    from?: string;
    to?: string;
    currency?: string;
  }): Promise<AllocationRow[]> {
    return allocations(this.db, options);
  }

  /**
   * Sums one measure of the entities' allocations from `from` to `to`, per
   * currency and each grouping's keys, in one list per grouping.
   */
  sumAllocations(query: AllocationSumQuery): Promise<AllocationSum[][]> {
    return sumAllocations(this.db, query);
  }

  /** The evidence of the allocations of some groups and/or entities. */
  evidence(options: {
    groupIds?: string[];
    entityRefs?: string[];
  }): Promise<StoredEvidence[]> {
    return evidence(this.db, options);
  }

  createRun(run: AttributionRunRecord): Promise<void> {
    return createRun(this.db, run);
  }

  finishRun(run: AttributionRunRecord): Promise<void> {
    return finishRun(this.db, run);
  }

  /** The id of the latest run with the status, without reading its report. */
  latestRunId(
    status: AttributionRunRecord['status'] = 'succeeded',
  ): Promise<string | undefined> {
    return latestRunId(this.db, status);
  }

  latestRun(
    status: AttributionRunRecord['status'] = 'succeeded',
  ): Promise<AttributionRunRecord | undefined> {
    return latestRun(this.db, status);
  }

  addChanges(changes: AttributionChange[]): Promise<void> {
    return addChanges(this.db, this.chunk, changes);
  }

  listChanges(limit = 100): Promise<AttributionChange[]> {
    return listChanges(this.db, limit);
  }

  listOverrides(): Promise<StoredOverride[]> {
    return listOverrides(this.db);
  }

  addOverride(override: StoredOverride): Promise<void> {
    return addOverride(this.db, override);
  }

  deleteOverride(id: string): Promise<boolean> {
    return deleteOverride(this.db, id);
  }
}
