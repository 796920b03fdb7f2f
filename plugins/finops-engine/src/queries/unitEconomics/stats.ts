/**
 * Small statistics for benchmarks and trends. These are not money: they
 * compare or describe values, in binary floating point.
 */

/**
 * The q-quantile of sorted values by linear interpolation between order
 * statistics (Hyndman and Fan type 7, the default of R and NumPy):
 * h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The share (percent) of the other values that are higher than `value`,
 * ties counting half. Lower is better for every benchmark, so a high
 * percentile means cheaper than most peers. Null without other values.
 */
export function percentileAmong(
  value: number,
  others: number[],
): number | null {
  if (others.length === 0) return null;
  let higher = 0;
  let ties = 0;
  for (const o of others) {
    if (o > value) higher += 1;
    else if (o === value) ties += 1;
  }
  return ((higher + ties / 2) / others.length) * 100;
}

/** The least-squares slope of y over x; 0 with fewer than two points or no spread in x. */
export function leastSquaresSlope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}
