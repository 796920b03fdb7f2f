import type { SourceFreshness } from '@costwise/plugin-finops-common';

/** How long a read of the data version is trusted. */
const VERSION_TTL_MS = 250;
/** Responses kept per data version by default (least recently used go first). */
const DEFAULT_SIZE = 2000;

/** What the stored data looks like now. */
export interface DataSnapshot {
  /** Changes whenever an attribution run or an ingestion finishes. */
  key: string;
  runId?: string;
  freshness: SourceFreshness[];
}

/**
 * The data version of the views and their response cache. Every view is a
 * function of the data version, the entity and the members in scope, and
 * views change only when an attribution run or an ingestion finishes, so a
 * repeated question (a popular team page, a card reloaded) costs a map
 * look-up. Concurrent identical questions share one computation.
 */
export class ViewCache {
  private version?: { at: number; value: Promise<DataSnapshot> };
  private responsesVersion?: string;
  private readonly responses = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: {
      allocationsVersion(): Promise<string | undefined>;
      latestRunId(): Promise<string | undefined>;
      freshness(): Promise<SourceFreshness[]>;
    },
    /** Responses kept per data version; 0 turns the cache off. */
    private readonly size: number = DEFAULT_SIZE,
  ) {}

  /**
   * The version of the allocations (changed in the transaction that replaces
   * them), the latest attribution run and each source's freshness, read at most
   * four times a second, so that a request does not pay for these look-ups.
   */
  snapshot(): Promise<DataSnapshot> {
    const now = Date.now();
    if (!this.version || now - this.version.at > VERSION_TTL_MS) {
      const value = Promise.all([
        this.store.allocationsVersion(),
        this.store.latestRunId(),
        this.store.freshness(),
      ]).then(([allocations, runId, freshness]) => ({
        runId,
        freshness,
        key: `${allocations ?? ''}|${runId ?? ''}|${freshness
          .map(f => `${f.sourceId}:${f.lastDay}:${f.ingestedAt}`)
          .join(',')}`,
      }));
      const entry = { at: now, value };
      this.version = entry;
      value.catch(() => {
        if (this.version === entry) this.version = undefined;
      });
    }
    return this.version.value;
  }

  /** The answer to `key` under the current data version, computed once. */
  async get<T>(key: unknown[], compute: () => Promise<T>): Promise<T> {
    const version = (await this.snapshot()).key;
    if (version !== this.responsesVersion) {
      this.responses.clear();
      this.responsesVersion = version;
    }
    if (this.size <= 0) return compute();
    const id = JSON.stringify(key);
    const hit = this.responses.get(id);
    if (hit) {
      // most recently used last
      this.responses.delete(id);
      this.responses.set(id, hit);
      return hit as Promise<T>;
    }
    const value = compute();
    this.responses.set(id, value);
    value.catch(() => this.responses.delete(id));
    if (this.responses.size > this.size) {
      this.responses.delete(this.responses.keys().next().value!);
    }
    return value;
  }
}
