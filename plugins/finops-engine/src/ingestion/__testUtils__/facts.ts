import type { CostAggregator } from '../aggregate';

/** Every fact of an aggregator and each period's row count, as sorted text lines. */
export function factLines(aggregator: CostAggregator): string[] {
  const out: string[] = [];
  for (const [period, { facts, rows }] of aggregator.periodFacts()) {
    out.push(`${period} rows=${rows}`);
    for (const f of facts)
      out.push(
        [
          period,
          f.day,
          f.keyHash,
          f.billedCost,
          f.effectiveCost,
          f.listCost,
          f.contractedCost,
          f.consumedQuantity,
          f.rowCount,
        ].join('|'),
      );
  }
  return out.sort();
}
