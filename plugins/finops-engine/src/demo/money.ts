import { Decimal } from '@costwise/plugin-finops-common';

/**
 * Exact amounts for the demo data. Every cost is held as an integer number of
 * 10^-10 currency units (a bigint) and only multiplied by integers, so the CSV
 * carries exactly the values whose sums the tests compare.
 */
export const MONEY_SCALE = 10;

/** An exact decimal: units × 10^-scale. */
export interface Dec {
  units: bigint;
  scale: number;
}

export function dec(text: string): Dec {
  const [int, frac = ''] = text.split('.');
  return { units: BigInt(int + frac), scale: frac.length };
}

export function decToString(value: Dec): string {
  return Decimal.fromUnits(value.units, value.scale).toString();
}

export function moneyToString(units: bigint): string {
  return Decimal.fromUnits(units, MONEY_SCALE).toString();
}

/** price × quantity in money units; throws when the product needs more than 10 digits. */
export function cost(price: Dec, quantity: Dec): bigint {
  const shift = MONEY_SCALE - price.scale - quantity.scale;
  if (shift < 0)
    throw new RangeError(
      'price × quantity needs more than 10 fractional digits',
    );
  return price.units * quantity.units * 10n ** BigInt(shift);
}

/**
 * The price after a percent discount, with two more digits where the cost
 * still fits in 10 digits (so 6% off 0.20 is exactly 0.188, not 0.19).
 */
export function discounted(
  price: Dec,
  percentOff: number,
  quantityScale: number,
): Dec {
  if (percentOff === 0) return price;
  const scale = Math.max(
    price.scale,
    Math.min(price.scale + 2, MONEY_SCALE - quantityScale),
  );
  const units =
    price.units * 10n ** BigInt(scale - price.scale) * BigInt(100 - percentOff);
  return { units: (units + 50n) / 100n, scale };
}

/** percent of an amount, truncated to money units (how tax and credits are derived). */
export function percentOf(amount: bigint, percent: number): bigint {
  return (amount * BigInt(Math.round(percent * 100))) / 10000n;
}

/** A whole-dollar (or euro) amount in money units. */
export function whole(amount: number): bigint {
  return BigInt(amount) * 10n ** BigInt(MONEY_SCALE);
}
