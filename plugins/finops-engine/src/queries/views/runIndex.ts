import type {
  AnnotationWarning,
  EntityCosts,
} from '@costwise/plugin-finops-common';
import { Decimal } from '@costwise/plugin-finops-common';
import type { AttributionRunReport } from '../../attribution';
import type { AttributionStore } from '../../stores';
import type { Scope } from './scope';

type Suggestion = AttributionRunReport['suggestions'][number];

interface RunIndex {
  warnings: Map<string, AnnotationWarning[]>;
  suggestions: Map<string, Suggestion[]>;
}

function indexBy<T extends { entity: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.entity);
    if (list) list.push(item);
    else out.set(item.entity, [item]);
  }
  return out;
}

/**
 * The latest run's annotation warnings and suggestions per entity. The
 * run's report holds every entity's totals and is large, so it is parsed
 * only when a newer run has finished, not on every request.
 */
export class LatestRunIndex {
  private current?: { runId?: string; index: Promise<RunIndex> };

  constructor(private readonly store: Pick<AttributionStore, 'latestRun'>) {}

  private load(runId: string | undefined): Promise<RunIndex> {
    if (!this.current || this.current.runId !== runId) {
      const index = this.store.latestRun().then(latest => {
        const report = latest?.report as AttributionRunReport | undefined;
        return {
          warnings: indexBy(report?.warnings ?? []),
          suggestions: indexBy(report?.suggestions ?? []),
        };
      });
      const entry = { runId, index };
      this.current = entry;
      index.catch(() => {
        if (this.current === entry) this.current = undefined;
      });
    }
    return this.current.index;
  }

  async warningsOf(
    runId: string | undefined,
    ref: string,
  ): Promise<AnnotationWarning[]> {
    return (await this.load(runId)).warnings.get(ref) ?? [];
  }

  /**
   * Unconfirmed suggestions (one per fact group) that point at the entity or
   * its members in scope; the amount sums those in the response's currency.
   */
  async suggestionsOf(
    runId: string | undefined,
    scope: Scope,
    currency: string,
  ): Promise<EntityCosts['suggestions']> {
    const index = await this.load(runId);
    const found = [...scope.members.keys()].flatMap(
      ref => index.suggestions.get(ref) ?? [],
    );
    if (found.length === 0) return undefined;
    return {
      count: found.length,
      amount: Decimal.sum(
        found
          .filter(f => f.currency === currency)
          .map(f => Decimal.parse(f.amount)),
      ).toString(),
      currency,
    };
  }
}
