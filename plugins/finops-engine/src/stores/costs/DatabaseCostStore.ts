import type { Knex } from 'knex';
import type {
  IngestionRun,
  MeasureTotals,
} from '@costwise/plugin-finops-common';
import {
  Clock,
  CostStore,
  PeriodReplacement,
  SourcePeriod,
  systemClock,
} from '../../model';
import { renewLock, tryLock, unlock } from './operations/locks';
import {
  listSourcePeriods,
  replacePeriods,
  storedTotals,
} from './operations/periods';
import { createRun, getRun, listRuns, updateRun } from './operations/runs';

/**
 * The knex implementation of {@link CostStore}, for SQLite and PostgreSQL.
 * Each area's queries live in `operations/`: the periods' facts and totals,
 * the ingestion runs and the locks.
 *
 * @public
 */
export class DatabaseCostStore implements CostStore {
  private readonly clock: Clock;

  constructor(private readonly db: Knex, options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  replacePeriods(replacement: PeriodReplacement): Promise<void> {
    return replacePeriods(this.db, replacement, this.clock.now());
  }

  storedTotals(
    sourceId: string,
    periods: string[],
  ): Promise<Record<string, MeasureTotals>> {
    return storedTotals(this.db, sourceId, periods);
  }

  listSourcePeriods(sourceId?: string): Promise<SourcePeriod[]> {
    return listSourcePeriods(this.db, sourceId);
  }

  createRun(run: IngestionRun): Promise<void> {
    return createRun(this.db, run);
  }

  updateRun(run: IngestionRun): Promise<void> {
    return updateRun(this.db, run);
  }

  listRuns(
    options: { sourceId?: string; limit?: number } = {},
  ): Promise<IngestionRun[]> {
    return listRuns(this.db, options);
  }

  getRun(id: string): Promise<IngestionRun | undefined> {
    return getRun(this.db, id);
  }

  tryLock(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return tryLock(this.db, name, holder, ttlMs, this.clock.now());
  }

  renewLock(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return renewLock(this.db, name, holder, ttlMs, this.clock.now());
  }

  unlock(name: string, holder: string): Promise<void> {
    return unlock(this.db, name, holder);
  }
}
