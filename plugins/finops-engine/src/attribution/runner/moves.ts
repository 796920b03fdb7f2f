import { Decimal } from '@costwise/plugin-finops-common';
import type { AttributionChange } from '../../stores';

/**
 * Cost that left one entity and reached another in the same run.
 *
 * @public
 */
export interface AttributionMove {
  runId: string;
  createdAt: string;
  currency: string;
  from?: string;
  to?: string;
  amount: string;
  reason: string;
  message: string;
}

function money(amount: Decimal, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

/**
 * Pairs the entities that lost cost in a run with those that gained it,
 * largest first, so that a change reads "X moved from a to b". What a run
 * added or removed overall (new data, a restated month) has no counterpart
 * and is reported with only a `to` or a `from`.
 *
 * @public
 */
export function pairMoves(changes: AttributionChange[]): AttributionMove[] {
  const byRun = new Map<string, AttributionChange[]>();
  for (const c of changes) {
    const key = `${c.runId}|${c.currency}`;
    const list = byRun.get(key);
    if (list) list.push(c);
    else byRun.set(key, [c]);
  }
  const moves: AttributionMove[] = [];
  for (const list of byRun.values()) {
    const losers = list
      .map(c => ({ c, left: Decimal.parse(c.delta).negate() }))
      .filter(x => x.left.compare(Decimal.ZERO) > 0)
      .sort((a, b) => b.left.compare(a.left));
    const gainers = list
      .map(c => ({ c, left: Decimal.parse(c.delta) }))
      .filter(x => x.left.compare(Decimal.ZERO) > 0)
      .sort((a, b) => b.left.compare(a.left));
    const { runId, createdAt, currency } = list[0];
    const push = (
      amount: Decimal,
      reason: string,
      from?: string,
      to?: string,
    ) => {
      let route = `to ${to}`;
      if (from) route = to ? `from ${from} to ${to}` : `away from ${from}`;
      moves.push({
        runId,
        createdAt,
        currency,
        from,
        to,
        amount: amount.toString(),
        reason,
        message: `${money(amount, currency)} moved ${route}: ${reason}`,
      });
    };
    let g = 0;
    for (const loser of losers) {
      while (loser.left.compare(Decimal.ZERO) > 0 && g < gainers.length) {
        const gainer = gainers[g];
        const amount =
          loser.left.compare(gainer.left) <= 0 ? loser.left : gainer.left;
        push(amount, loser.c.reason, loser.c.entityRef, gainer.c.entityRef);
        loser.left = loser.left.sub(amount);
        gainer.left = gainer.left.sub(amount);
        if (gainer.left.isZero()) g++;
      }
      if (loser.left.compare(Decimal.ZERO) > 0)
        push(loser.left, loser.c.reason, loser.c.entityRef);
    }
    for (; g < gainers.length; g++) {
      if (gainers[g].left.compare(Decimal.ZERO) > 0)
        push(
          gainers[g].left,
          gainers[g].c.reason,
          undefined,
          gainers[g].c.entityRef,
        );
    }
  }
  return moves;
}
