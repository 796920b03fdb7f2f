import { AskBreakdownRow, Decimal } from '@costwise/plugin-finops-common';
import type { CubeRow } from '../data/cube';
import type { FactQuantity } from '../data/quantities';

/** One fact group's cost and usage in the two periods compared. */
export interface GroupChange {
  groupId: string;
  before: Decimal;
  after: Decimal;
  change: Decimal;
  /** Consumed quantity (binary), the rows' share of their facts' usage. */
  quantityBefore: number;
  quantityAfter: number;
}

/**
 * Each fact group's cost in the baseline and the period, with the usage
 * the rows stand for: a row attributed a share of a fact carries the same
 * share of the fact's consumed quantity.
 */
export function groupChanges(
  before: CubeRow[],
  after: CubeRow[],
  quantities: Map<string, FactQuantity>,
): GroupChange[] {
  const byGroup = new Map<string, GroupChange>();
  const at = (groupId: string) => {
    let g = byGroup.get(groupId);
    if (!g)
      byGroup.set(
        groupId,
        (g = {
          groupId,
          before: Decimal.ZERO,
          after: Decimal.ZERO,
          change: Decimal.ZERO,
          quantityBefore: 0,
          quantityAfter: 0,
        }),
      );
    return g;
  };
  const usage = (row: CubeRow) => {
    const fact = quantities.get(`${row.day}|${row.groupId}`);
    if (!fact || fact.amount.isZero() || !fact.quantity) return 0;
    return fact.quantity * (row.amount.toNumber() / fact.amount.toNumber());
  };
  for (const r of before) {
    const g = at(r.groupId);
    g.before = g.before.add(r.amount);
    g.quantityBefore += usage(r);
  }
  for (const r of after) {
    const g = at(r.groupId);
    g.after = g.after.add(r.amount);
    g.quantityAfter += usage(r);
  }
  for (const g of byGroup.values()) g.change = g.after.sub(g.before);
  return [...byGroup.values()].sort(
    (a, b) =>
      b.change.abs().compare(a.change.abs()) ||
      a.groupId.localeCompare(b.groupId),
  );
}

/**
 * How much of a change is usage volume and how much unit price, for the
 * fact groups billed in both periods with usage quantities (the volume
 * effect is the change of quantity at the earlier unit price, to the cent;
 * the price effect is the rest of their change, exact), plus the cost
 * that appeared or stopped and the change of groups without quantities.
 * The rows add up to the whole change exactly.
 */
export function usageAndPrice(changes: GroupChange[]): AskBreakdownRow[] {
  let volume = 0;
  let continuing = Decimal.ZERO;
  let appeared = Decimal.ZERO;
  let stopped = Decimal.ZERO;
  let unmeasured = Decimal.ZERO;
  for (const g of changes) {
    if (g.before.isZero() && !g.after.isZero())
      appeared = appeared.add(g.after);
    else if (g.after.isZero() && !g.before.isZero())
      stopped = stopped.sub(g.before);
    else if (g.quantityBefore > 0 && g.quantityAfter > 0) {
      volume +=
        (g.quantityAfter - g.quantityBefore) *
        (g.before.toNumber() / g.quantityBefore);
      continuing = continuing.add(g.change);
    } else unmeasured = unmeasured.add(g.change);
  }
  const volumeEffect = Decimal.parse(volume.toFixed(2));
  const rows: Array<[string, string, Decimal]> = [
    ['usage', 'Usage volume (at the earlier unit price)', volumeEffect],
    ['price', 'Unit price and mix', continuing.sub(volumeEffect)],
    ['appeared', 'Cost that appeared (not billed before)', appeared],
    ['stopped', 'Cost that stopped (not billed since)', stopped],
    ['unmeasured', 'Change without usage quantities', unmeasured],
  ];
  return rows
    .filter(([, , amount]) => !amount.isZero())
    .map(([key, label, amount]) => ({
      key,
      label,
      amount: amount.toString(),
      change: amount.toString(),
    }));
}

/** "usage ×8.0 at the same unit price", "unit price +12%", for one group's change. */
export function usageWords(g: GroupChange): string | undefined {
  if (
    g.before.isZero() ||
    g.after.isZero() ||
    g.quantityBefore <= 0 ||
    g.quantityAfter <= 0
  )
    return undefined;
  const usageRatio = g.quantityAfter / g.quantityBefore;
  const priceRatio =
    g.after.toNumber() /
    g.quantityAfter /
    (g.before.toNumber() / g.quantityBefore);
  const usage =
    Math.abs(usageRatio - 1) < 0.005
      ? 'usage unchanged'
      : `usage ×${usageRatio.toFixed(Math.abs(usageRatio - 1) < 0.1 ? 2 : 1)}`;
  const price =
    Math.abs(priceRatio - 1) < 0.005
      ? 'at the same unit price'
      : `unit price ${priceRatio > 1 ? '+' : '-'}${Math.round(
          Math.abs(priceRatio - 1) * 100,
        )}%`;
  return `${usage}, ${price}`;
}

/**
 * The day of the largest spike in a window: the day whose cost rises the
 * most above the median of the 7 days before it. Undefined when no day
 * rises above its median.
 */
export function spikeDay(
  byDay: Map<string, Decimal>,
  days: string[],
  previousDays: (day: string) => string[],
): { day: string; excess: Decimal; median: Decimal } | undefined {
  let best: { day: string; excess: Decimal; median: Decimal } | undefined;
  for (const day of days) {
    const before = previousDays(day)
      .map(d => byDay.get(d) ?? Decimal.ZERO)
      .sort((a, b) => a.compare(b));
    const median = before[Math.floor(before.length / 2)];
    const excess = (byDay.get(day) ?? Decimal.ZERO).sub(median);
    if (excess.compare(Decimal.ZERO) <= 0) continue;
    if (!best || excess.compare(best.excess) >= 0)
      best = { day, excess, median };
  }
  return best;
}
