import { randomUUID } from 'crypto';
import type { Entity } from '@backstage/catalog-model';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import type { AttributionSignal } from '@costwise/plugin-finops-node';
import {
  Clock,
  EngineLogger,
  holdingLock,
  Locks,
  silentLogger,
  systemClock,
} from '../../model';
import type { AttributionStore } from '../../stores';
import type { AttributionConfig } from '../types';
import { attributionChanges } from './changes';
import { attributeStoredFacts } from './compute';
import { catalogFingerprint } from './fingerprint';
import type { AttributionRunReport } from './report';

/**
 * Where entities come from: the catalog service in the backend, files in
 * the CLI and tests.
 *
 * @public
 */
export type EntitySource = () => Promise<Entity[]>;

/**
 * The settings of an {@link AttributionRunner}.
 *
 * @public
 */
export interface AttributionRunnerOptions {
  config: AttributionConfig & { measure: CostMeasure };
  /**
   * The database's named locks: with them, one replica attributes at a
   * time (the others wait their turn), and a run never stores its results
   * over those of a run that started after it.
   */
  locks?: Locks;
  /** How long a run waits for another replica's run (default 15 minutes). */
  lockWaitMs?: number;
  /** Signals added through `attributionSignalsExtensionPoint`. */
  signals?: readonly AttributionSignal[];
  logger?: EngineLogger;
  clock?: Clock;
}

/**
 * A finished run, as returned to callers.
 *
 * @public
 */
export interface AttributionRunSummary {
  id: string;
  trigger: string;
  report: AttributionRunReport;
  changes: number;
}

/**
 * Runs attribution over every stored fact and stores the daily allocations,
 * their evidence, rollup membership, and what moved since the last run.
 * The work itself is {@link attributeFacts}, which `costwise attribute`
 * calls on the same store's facts.
 *
 * @public
 */
export class AttributionRunner {
  private running: Promise<AttributionRunSummary> | undefined;
  private queued:
    | { triggers: string[]; result: Promise<AttributionRunSummary> }
    | undefined;
  private readonly logger: EngineLogger;
  private readonly clock: Clock;
  /** This process's name on the database's locks. */
  private readonly holder = `${process.pid}-${randomUUID()}`;
  private readonly listeners: Array<
    (run: AttributionRunSummary) => void | Promise<void>
  > = [];

  constructor(
    private readonly store: AttributionStore,
    private readonly entities: EntitySource,
    private readonly options: AttributionRunnerOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Runs attribution. A request made while a run is in progress gets one
   * more run after it (which reads the facts, overrides and catalog as they
   * are then); requests made during the same run share that follow-up.
   */
  run(trigger: string): Promise<AttributionRunSummary> {
    if (!this.running) {
      this.running = this.runOnce(trigger).finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    if (this.queued) {
      if (!this.queued.triggers.includes(trigger))
        this.queued.triggers.push(trigger);
      return this.queued.result;
    }
    const triggers = [trigger];
    const current = this.running;
    const result = current
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.run(triggers.join('; '));
      });
    this.queued = { triggers, result };
    return result;
  }

  /**
   * Calls `listener` after each successful run, once its results are
   * stored; a listener that fails is logged and does not fail the run.
   */
  onRun(listener: (run: AttributionRunSummary) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Recomputes when the catalog changed since the last successful run. */
  async runIfCatalogChanged(): Promise<boolean> {
    const entities = await this.entities();
    const latest = await this.store.latestRun();
    if (latest && latest.catalogFingerprint === catalogFingerprint(entities))
      return false;
    await this.run('catalog changed');
    return true;
  }

  private runOnce(trigger: string): Promise<AttributionRunSummary> {
    const { locks } = this.options;
    if (!locks) return this.attributeNow(trigger);
    return holdingLock(
      locks,
      'attribution',
      this.holder,
      {
        ttlMs: 2 * 60_000,
        renewMs: 30_000,
        waitMs: this.options.lockWaitMs ?? 15 * 60_000,
        pollMs: 2_000,
      },
      () => this.attributeNow(trigger),
    );
  }

  private async attributeNow(trigger: string): Promise<AttributionRunSummary> {
    const id = randomUUID();
    const run = {
      id,
      trigger,
      status: 'running' as const,
      startedAt: this.clock.now().toISOString(),
      report: {},
    };
    await this.store.createRun(run);
    try {
      const entities = await this.entities();
      const previous = await this.store.latestRun();
      const pass = await attributeStoredFacts(this.store, {
        entities,
        config: this.options.config,
        signals: this.options.signals,
      });
      await this.store.replaceResults(pass, run);
      const changes = attributionChanges({
        runId: id,
        createdAt: this.clock.now().toISOString(),
        previous: previous?.report as AttributionRunReport | undefined,
        current: pass.report,
        entities,
        trigger,
      });
      await this.store.addChanges(changes);
      await this.store.finishRun({
        ...run,
        status: 'succeeded',
        finishedAt: this.clock.now().toISOString(),
        catalogFingerprint: catalogFingerprint(entities),
        report: pass.report as unknown as Record<string, unknown>,
      });
      this.logger.info('Attributed cost to catalog entities', {
        trigger,
        facts: pass.report.facts,
        allocations: pass.allocations.length,
        warnings: pass.report.warnings.length,
        changes: changes.length,
      });
      const summary = {
        id,
        trigger,
        report: pass.report,
        changes: changes.length,
      };
      for (const listener of this.listeners) {
        try {
          await listener(summary);
        } catch (error) {
          this.logger.warn(
            `A listener of attribution runs failed: ${
              (error as Error).message
            }`,
          );
        }
      }
      return summary;
    } catch (error) {
      await this.store.finishRun({
        ...run,
        status: 'failed',
        error: (error as Error).message.slice(0, 1000),
        finishedAt: this.clock.now().toISOString(),
      });
      throw error;
    }
  }
}
