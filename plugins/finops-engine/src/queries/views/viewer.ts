import type { SourceFreshness } from '@costwise/plugin-finops-common';

/**
 * Who is asking: `readable` returns the refs, among those given, whose cost
 * the caller may read. Without one every member counts (the CLI, the
 * plugin's own jobs).
 *
 * @public
 */
export interface CostViewer {
  readable(refs: string[]): Promise<Set<string>>;
}

/**
 * What the stored data looks like now.
 *
 * @public
 */
export interface DataSnapshot {
  /** Changes whenever an attribution run or an ingestion finishes. */
  key: string;
  runId?: string;
  freshness: SourceFreshness[];
  /** The first and last day of the stored allocations, when there are any. */
  days?: { first: string; last: string };
}

/**
 * The data version the views read and where their answers may be kept: the
 * backend's bounded response cache, or {@link uncachedViews} for tools that
 * ask once.
 *
 * @public
 */
export interface ViewCache {
  snapshot(): Promise<DataSnapshot>;
  /** The answer to `key` under the current data version. */
  get<T>(key: unknown[], compute: () => Promise<T>): Promise<T>;
}

/**
 * The reads a data version is made of.
 *
 * @public
 */
export interface DataVersionReads {
  allocationsVersion(): Promise<string | undefined>;
  allocationDays(): Promise<{ first: string; last: string } | undefined>;
  latestRunId(): Promise<string | undefined>;
  freshness(): Promise<SourceFreshness[]>;
}

/**
 * Reads the data version of the store: the allocations' version (changed
 * in the transaction that replaces them), the latest attribution run and
 * each source's freshness.
 *
 * @public
 */
export async function readDataSnapshot(
  store: DataVersionReads,
): Promise<DataSnapshot> {
  const [allocations, runId, freshness, days] = await Promise.all([
    store.allocationsVersion(),
    store.latestRunId(),
    store.freshness(),
    store.allocationDays(),
  ]);
  return {
    runId,
    freshness,
    days,
    key: `${allocations ?? ''}|${runId ?? ''}|${freshness
      .map(f => `${f.sourceId}:${f.lastDay}:${f.ingestedAt}`)
      .join(',')}`,
  };
}

/**
 * A {@link ViewCache} that keeps nothing: every question reads the data
 * version and computes its answer.
 *
 * @public
 */
export function uncachedViews(store: DataVersionReads): ViewCache {
  return {
    snapshot: () => readDataSnapshot(store),
    get: (_key, compute) => compute(),
  };
}

/**
 * The last day any source has data for, or `today` when there is none.
 *
 * @public
 */
export function lastDayWithData(
  freshness: SourceFreshness[],
  today: string,
): string {
  return (
    freshness.reduce((max, f) => (f.lastDay > max ? f.lastDay : max), '') ||
    today
  );
}
