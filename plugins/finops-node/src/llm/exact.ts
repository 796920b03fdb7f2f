import { Decimal } from '@costwise/plugin-finops-common';

/** `a × b`, exactly. */
export function times(a: Decimal, b: Decimal): Decimal {
  return Decimal.fromUnits(a.units * b.units, a.scale + b.scale);
}
