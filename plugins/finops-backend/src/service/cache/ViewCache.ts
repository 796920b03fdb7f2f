import { createHash } from 'crypto';
import {
  Clock,
  DataSnapshot,
  DataVersionReads,
  readDataSnapshot,
  systemClock,
  ViewCache,
} from '@costwise/plugin-finops-engine';

/** How long a read of the data version is trusted. */
const VERSION_TTL_MS = 250;
/** Bytes of answers kept by default (least recently used go first). */
export const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;

interface Entry {
  value: Promise<unknown>;
  /** The size of the answer as JSON, once it is known. */
  bytes: number;
}

/**
 * The data version of the views and their response cache. Every view is a
 * function of the data version, the entity and the members in scope, and
 * views change only when an attribution run or an ingestion finishes, so a
 * repeated question (a popular team page, a card reloaded) costs a map
 * look-up. Concurrent identical questions share one computation. The cache
 * holds at most `maxBytes` of answers (their size as JSON), and its keys
 * are hashes, so a team with thousands of members costs 40 bytes of key.
 */
export class BoundedViewCache implements ViewCache {
  private version?: { at: number; value: Promise<DataSnapshot> };
  private responsesVersion?: string;
  private readonly responses = new Map<string, Entry>();
  private bytes = 0;
  private readonly clock: Clock;

  constructor(
    private readonly store: DataVersionReads,
    private readonly maxBytes: number = DEFAULT_CACHE_BYTES,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Bytes of answers held now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.responses.size, bytes: this.bytes };
  }

  /**
   * Forgets the data version at once: this replica just changed the data,
   * so the next question must not wait for the version's time to live.
   */
  invalidate(): void {
    this.version = undefined;
  }

  /**
   * The version of the allocations, the latest attribution run and each
   * source's freshness, read at most four times a second, so that a
   * request does not pay for these look-ups.
   */
  snapshot(): Promise<DataSnapshot> {
    const now = this.clock.now().getTime();
    if (!this.version || now - this.version.at > VERSION_TTL_MS) {
      const value = readDataSnapshot(this.store);
      const entry = { at: now, value };
      this.version = entry;
      value.catch(() => {
        if (this.version === entry) this.version = undefined;
      });
    }
    return this.version.value;
  }

  private forget(id: string) {
    const entry = this.responses.get(id);
    if (!entry) return;
    this.responses.delete(id);
    this.bytes -= entry.bytes;
  }

  /** The answer to `key` under the current data version, computed once. */
  async get<T>(key: unknown[], compute: () => Promise<T>): Promise<T> {
    const version = (await this.snapshot()).key;
    if (version !== this.responsesVersion) {
      this.responses.clear();
      this.bytes = 0;
      this.responsesVersion = version;
    }
    if (this.maxBytes <= 0) return compute();
    const id = createHash('sha1').update(JSON.stringify(key)).digest('hex');
    const hit = this.responses.get(id);
    if (hit) {
      // most recently used last
      this.responses.delete(id);
      this.responses.set(id, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    const entry: Entry = { value, bytes: 0 };
    this.responses.set(id, entry);
    value.then(
      answer => {
        if (this.responses.get(id) !== entry) return;
        entry.bytes = id.length + (JSON.stringify(answer)?.length ?? 0);
        this.bytes += entry.bytes;
        if (entry.bytes > this.maxBytes) this.forget(id);
        while (this.bytes > this.maxBytes && this.responses.size > 0)
          this.forget(this.responses.keys().next().value!);
      },
      () => this.forget(id),
    );
    return value;
  }
}
