import { randomUUID } from 'crypto';
import { ConflictError } from '@backstage/errors';
import type { IngestionRun } from '@costwise/plugin-finops-common';
import type { CostRecord, CostSourceType } from '@costwise/plugin-finops-node';
import { Clock, CostStore, EngineLogger, systemClock } from '../model';
import { CostAggregator, MAX_RECORDED_REJECTIONS } from './aggregate';
import { aggregateRecords, ParallelReadOptions } from './parallel';
import { checkShrink } from './shrink';

/**
 * Progress callback, called every `every` rows.
 *
 * @public
 */
export type ProgressListener = (progress: {
  rows: number;
  file?: string;
}) => void;

/**
 * A source's ingestion lock lapses this long after its holder last renewed
 * it, so a backend that was killed mid-ingestion blocks no one for long.
 */
const LOCK_TTL_MS = 2 * 60 * 1000;
/** How often a running ingestion renews its lock. */
const LOCK_RENEW_MS = 30 * 1000;
const MAX_ERROR_LENGTH = 1000;

/** Database errors quote their whole statement; the run record keeps the start of it. */
function shorten(message: string): string {
  return message.length > MAX_ERROR_LENGTH
    ? `${message.slice(0, MAX_ERROR_LENGTH)}…`
    : message;
}

/**
 * Runs ingestions: reads a source, aggregates it to daily facts, replaces the
 * source's billing periods atomically and records the run with its
 * reconciliation report. A failure anywhere leaves the stored data as it was.
 *
 * @public
 */
export class IngestionService {
  private readonly holder = `${process.pid}-${randomUUID()}`;
  private readonly sourceTypes = new Map<string, CostSourceType>();
  private readonly listeners: ((run: IngestionRun) => void | Promise<void>)[] =
    [];
  /** Ingestions this instance is running, by source id. */
  private readonly inProgress = new Map<string, Promise<unknown>>();
  private readonly clock: Clock;

  constructor(
    private readonly store: CostStore,
    private readonly logger: EngineLogger,
    sourceTypes: CostSourceType[] = [],
    private readonly parallel: ParallelReadOptions & {
      clock?: Clock;
      /** The share a stored billing period may shrink by at most (default 0.5). */
      maxShrink?: number;
      /** Distinct fact groups one ingestion may hold (default 2,000,000). */
      maxFactGroups?: number;
    } = {},
  ) {
    for (const t of sourceTypes) this.addSourceType(t);
    this.clock = parallel.clock ?? systemClock;
  }

  addSourceType(sourceType: CostSourceType) {
    if (this.sourceTypes.has(sourceType.type)) {
      throw new ConflictError(
        `Cost source type '${sourceType.type}' is already registered`,
      );
    }
    this.sourceTypes.set(sourceType.type, sourceType);
  }

  /** Calls `listener` after each successful ingestion (attribution recomputes then). */
  onIngested(listener: (run: IngestionRun) => void | Promise<void>) {
    this.listeners.push(listener);
  }

  getSourceType(type: string): CostSourceType | undefined {
    return this.sourceTypes.get(type);
  }

  listSourceTypes(): string[] {
    return [...this.sourceTypes.keys()].sort();
  }

  /** Reads and stores a configured source. */
  async ingestSource(
    source: { id: string; type: string; location: string; currency?: string },
    options: {
      onProgress?: ProgressListener;
      signal?: AbortSignal;
      allowShrink?: boolean;
    } = {},
  ): Promise<IngestionRun> {
    const sourceType = this.sourceTypes.get(source.type);
    if (!sourceType) {
      throw new ConflictError(
        `Source '${source.id}' has type '${
          source.type
        }', which no installed reader handles (known: ${this.listSourceTypes().join(
          ', ',
        )})`,
      );
    }
    return this.ingest(
      source.id,
      sourceType.read({
        location: source.location,
        currency: source.currency,
        signal: options.signal,
      }),
      options,
    );
  }

  /**
   * Reads and stores a configured source now, once an ingestion of it this
   * instance is already running has finished (another replica's still gets
   * a ConflictError). What an admin's "ingest now" runs.
   */
  async ingestSourceNow(
    source: { id: string; type: string; location: string; currency?: string },
    options: {
      onProgress?: ProgressListener;
      signal?: AbortSignal;
      allowShrink?: boolean;
    } = {},
  ): Promise<IngestionRun> {
    await this.inProgress.get(source.id)?.catch(() => undefined);
    return this.ingestSource(source, options);
  }

  /**
   * Stores the records of one source, replacing the billing periods they
   * cover; refuses (a {@link ShrinkError}) to shrink a stored period by
   * more than `maxShrink` unless `allowShrink`.
   */
  ingest(
    sourceId: string,
    records: AsyncIterable<CostRecord>,
    options: { onProgress?: ProgressListener; allowShrink?: boolean } = {},
  ): Promise<IngestionRun> {
    const running = this.ingestOnce(sourceId, records, options);
    this.inProgress.set(sourceId, running);
    const forget = () => {
      if (this.inProgress.get(sourceId) === running)
        this.inProgress.delete(sourceId);
    };
    running.then(forget, forget);
    return running;
  }

  private async ingestOnce(
    sourceId: string,
    records: AsyncIterable<CostRecord>,
    options: { onProgress?: ProgressListener; allowShrink?: boolean },
  ): Promise<IngestionRun> {
    const lock = `ingest:${sourceId}`;
    if (!(await this.store.tryLock(lock, this.holder, LOCK_TTL_MS))) {
      throw new ConflictError(
        `Source '${sourceId}' is being ingested by another process; try again when it has finished`,
      );
    }
    // renew the lock while reading; a lapsed lock may be another replica's now
    let lockLost = false;
    let renewing: Promise<unknown> = Promise.resolve();
    const renewal = setInterval(() => {
      renewing = this.store
        .renewLock(lock, this.holder, LOCK_TTL_MS)
        .then(held => {
          if (!held) lockLost = true;
        })
        .catch(() => {});
    }, LOCK_RENEW_MS);
    renewal.unref();
    const run: IngestionRun = {
      id: randomUUID(),
      sourceId,
      status: 'running',
      files: [],
      billingPeriods: [],
      rows: 0,
      accepted: 0,
      rejected: 0,
      rejections: [],
      rejectionsTruncated: 0,
      totals: {},
      storedTotals: {},
      providers: {},
      startedAt: this.clock.now().toISOString(),
    };
    await this.store.createRun(run);
    const aggregator = new CostAggregator({
      maxGroups: this.parallel.maxFactGroups,
    });
    const startedMs = Date.now();
    let readMs = 0;
    let storedMs = 0;
    try {
      await aggregateRecords(records, aggregator, {
        onProgress: options.onProgress,
        parallel: {
          ...this.parallel,
          warn: message => this.logger.warn(message),
        },
      });
      Object.assign(run, aggregator.summary(), { files: aggregator.files });
      run.rejectionsTruncated = Math.max(
        0,
        aggregator.rejected - MAX_RECORDED_REJECTIONS,
      );
      await renewing;
      if (lockLost) {
        throw new ConflictError(
          `The lock on source '${sourceId}' lapsed while it was read (another process may be ingesting it); nothing was stored`,
        );
      }
      readMs = Date.now() - startedMs;
      const periods = aggregator.periodFacts();
      if (!options.allowShrink)
        await checkShrink({
          store: this.store,
          sourceId,
          periods,
          groups: aggregator.groups,
          maxShrink: this.parallel.maxShrink ?? 0.5,
        });
      await this.store.replacePeriods({
        sourceId,
        runId: run.id,
        groups: aggregator.groups.values(),
        periods,
      });
      storedMs = Date.now() - startedMs - readMs;
      run.storedTotals = await this.store.storedTotals(
        sourceId,
        run.billingPeriods,
      );
      run.status = 'succeeded';
      run.finishedAt = this.clock.now().toISOString();
      await this.store.updateRun(run);
      this.logger.info('Ingested cost source', {
        source: sourceId,
        periods: run.billingPeriods.join(','),
        rows: run.rows,
        accepted: run.accepted,
        rejected: run.rejected,
        facts: aggregator.factCount(),
        readSeconds: readMs / 1000,
        storeSeconds: storedMs / 1000,
        reconcileSeconds: (Date.now() - startedMs - readMs - storedMs) / 1000,
      });
      for (const listener of this.listeners) {
        try {
          await listener(run);
        } catch (error) {
          this.logger.error(
            `After ingesting '${sourceId}': ${(error as Error).message}`,
          );
        }
      }
      return run;
    } catch (error) {
      run.status = 'failed';
      run.error = shorten((error as Error).message);
      run.finishedAt = this.clock.now().toISOString();
      Object.assign(run, aggregator.summary(), {
        files: aggregator.files,
        storedTotals: {},
      });
      await this.store.updateRun(run).catch(() => undefined);
      this.logger.error(
        'Cost ingestion failed; previously stored data is unchanged',
        {
          source: sourceId,
          error: run.error,
        },
      );
      throw error;
    } finally {
      clearInterval(renewal);
      await renewing;
      await this.store.unlock(lock, this.holder);
    }
  }
}
