/**
 * `cost / (metric / per)` rounded half-even to 6 decimals, computed with big
 * integers: the figure a unit cost shown anywhere must equal.
 */
function scaled(text: string): { units: bigint; scale: number } {
  const plain = /e/i.test(text) ? Number(text).toFixed(20) : text;
  const negative = plain.trim().startsWith('-');
  const [i, f = ''] = plain.trim().replace(/^[-+]/, '').split('.');
  const units = BigInt(`${i || '0'}${f}`);
  return { units: negative ? -units : units, scale: f.length };
}

export function unitCostOf(cost: string, metric: number, per: number): string {
  const c = scaled(cost);
  const m = scaled(String(metric));
  const p = scaled(String(per));
  // cost * per / metric, times 10^6 for six decimals
  const num = c.units * p.units * 10n ** BigInt(m.scale + 6);
  const den = m.units * 10n ** BigInt(c.scale + p.scale);
  if (den === 0n) throw new Error('no usage: there is no unit cost');
  let q = num / den;
  const r = num % den;
  const twice = 2n * (r < 0n ? -r : r);
  const d = den < 0n ? -den : den;
  if (twice > d || (twice === d && q % 2n !== 0n)) q += num < 0n ? -1n : 1n;
  const negative = q < 0n;
  const digits = (negative ? -q : q).toString().padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}
