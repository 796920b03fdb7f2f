import { Decimal } from '@costwise/plugin-finops-common';

const POWERS: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

function pow10(n: number): bigint {
  return n < POWERS.length ? POWERS[n] : 10n ** BigInt(n);
}

/**
 * A running exact sum. Adding a `Decimal` to a `Decimal` allocates a new one
 * and computes a power of ten on every scale change; over millions of
 * amounts an accumulator at the largest scale seen is much cheaper.
 */
export class DecimalSum {
  private units = 0n;
  private scale = 0;

  add(value: Decimal): this {
    if (value.units === 0n) return this;
    if (value.scale === this.scale) {
      this.units += value.units;
    } else if (value.scale < this.scale) {
      this.units += value.units * pow10(this.scale - value.scale);
    } else {
      this.units = this.units * pow10(value.scale - this.scale) + value.units;
      this.scale = value.scale;
    }
    return this;
  }

  value(): Decimal {
    return Decimal.fromUnits(this.units, this.scale);
  }
}

/** Adds to the running sum under `key`, creating it on first use. */
export function addTo<K>(sums: Map<K, DecimalSum>, key: K, value: Decimal) {
  let sum = sums.get(key);
  if (!sum) sums.set(key, (sum = new DecimalSum()));
  sum.add(value);
}
