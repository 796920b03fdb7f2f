import type {
  IngestionRun,
  MeasureTotals,
} from '@costwise/plugin-finops-common';
import type { DailyFact, FactGroup } from './facts';
import type { Locks } from './locks';

/** What is stored for one source and billing period.
 *
 * @public
 */
export interface SourcePeriod {
  sourceId: string;
  billingPeriod: string;
  runId: string;
  ingestedAt: string;
  facts: number;
  rows: number;
  lastDay?: string;
}

/**
 * The facts of one ingestion, ready to replace what was stored.
 *
 * @public
 */
export interface PeriodReplacement {
  sourceId: string;
  runId: string;
  groups: Iterable<FactGroup>;
  /** billing period → facts and the number of source rows in it */
  periods: Map<string, { facts: Iterable<DailyFact>; rows: number }>;
}

/** Data access of the cost store.
 *
 * @public
 */
export interface CostStore extends Locks {
  /** Replaces, in one transaction, everything stored for the source in each given period. */
  replacePeriods(replacement: PeriodReplacement): Promise<void>;
  /** Exact stored totals per currency and measure for a source's periods. */
  storedTotals(
    sourceId: string,
    periods: string[],
  ): Promise<Record<string, MeasureTotals>>;
  listSourcePeriods(sourceId?: string): Promise<SourcePeriod[]>;
  createRun(run: IngestionRun): Promise<void>;
  updateRun(run: IngestionRun): Promise<void>;
  listRuns(options?: {
    sourceId?: string;
    limit?: number;
  }): Promise<IngestionRun[]>;
  getRun(id: string): Promise<IngestionRun | undefined>;
}
