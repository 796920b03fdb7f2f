import { Decimal } from '@costwise/plugin-finops-common';
import {
  lastParsedScale,
  lastParsedUnits,
  ParsedDecimal,
  parsePlainDecimal,
} from './decimalText';

export type { ParsedDecimal };
export {
  lastParsedScale,
  lastParsedUnits,
  parseDecimalText,
  parsePlainBytes,
  parsePlainDecimal,
} from './decimalText';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Powers of ten that are exact doubles (10^0 to 10^22). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Powers of ten as bigints, for the common scale differences. */
const POW10N: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

function pow10n(n: number): bigint {
  return n < POW10N.length ? POW10N[n] : 10n ** BigInt(n);
}

/**
 * The one exact running sum of the engine: ingestion adds parsed cells to it,
 * attribution and the stores add `Decimal`s. Amounts are added as integer units at the
 * largest scale seen so far, in a Number while the sum stays a safe integer
 * (every step is exact there) and carried into a bigint when it would not:
 * the result is the exact decimal sum, at the cost of a bigint operation only
 * every few thousand large additions.
 *
 * @public
 */
export class ExactSum {
  private scale = 0;
  private small = 0;
  private big = 0n;

  /** Adds `units × 10^-scale`; `units` must be a safe integer. */
  addUnits(units: number, scale: number): void {
    let aligned = units;
    if (scale !== this.scale) {
      if (scale > this.scale) {
        this.rescale(scale);
      } else {
        const diff = this.scale - scale;
        aligned = diff < POW10.length ? units * POW10[diff] : Infinity;
        if (!(aligned <= MAX_SAFE && aligned >= -MAX_SAFE)) {
          this.big += BigInt(units) * 10n ** BigInt(diff);
          return;
        }
      }
    }
    // Both terms are safe integers: the double sum is exact whenever the
    // exact sum is safe, and beyond MAX_SAFE whenever the exact sum is.
    const sum = this.small + aligned;
    if (sum > MAX_SAFE || sum < -MAX_SAFE) {
      this.big += BigInt(this.small);
      this.small = aligned;
    } else {
      this.small = sum;
    }
  }

  /** Adds a decimal. */
  addDecimal(value: Decimal): void {
    if (value.units === 0n) return;
    if (value.scale === this.scale) {
      this.big += value.units;
      return;
    }
    if (value.scale > this.scale) this.rescale(value.scale);
    this.big += value.units * pow10n(this.scale - value.scale);
  }

  /**
   * Adds a decimal given as text; returns false, adding nothing, when the text
   * is not a number.
   */
  addText(text: string): boolean {
    if (parsePlainDecimal(text)) {
      this.addUnits(lastParsedUnits(), lastParsedScale());
      return true;
    }
    const value = Decimal.tryParse(text);
    if (!value) return false;
    this.addDecimal(value);
    return true;
  }

  /** Adds a decimal that `parseDecimalText` parsed. */
  addParsed(parsed: ParsedDecimal): void {
    if (parsed.decimal) this.addDecimal(parsed.decimal);
    else this.addUnits(parsed.units, parsed.scale);
  }

  /** Adds another sum. */
  addSum(other: ExactSum): void {
    if (other.big !== 0n) {
      this.addDecimal(Decimal.fromUnits(other.big, other.scale));
    }
    this.addUnits(other.small, other.scale);
  }

  /** The integer part kept in a Number (a safe integer): see {@link ExactSum.addParts}. */
  get smallUnits(): number {
    return this.small;
  }

  /** The part carried into a bigint. */
  get bigUnits(): bigint {
    return this.big;
  }

  /** The scale of both parts: the sum is `(bigUnits + smallUnits) × 10^-unitScale`. */
  get unitScale(): number {
    return this.scale;
  }

  /** Adds the sum another ExactSum's parts make (sent from another thread). */
  addParts(small: number, big: bigint, scale: number): void {
    if (big !== 0n) this.addDecimal(Decimal.fromUnits(big, scale));
    this.addUnits(small, scale);
  }

  /** The exact sum as a Decimal. */
  toDecimal(): Decimal {
    return Decimal.fromUnits(this.big + BigInt(this.small), this.scale);
  }

  /** The exact sum as a plain decimal string, as `Decimal#toString` writes it. */
  toString(): string {
    if (this.big === 0n) return formatUnits(this.small, this.scale);
    return this.toDecimal().toString();
  }

  private rescale(scale: number) {
    const diff = scale - this.scale;
    const aligned = diff < POW10.length ? this.small * POW10[diff] : Infinity;
    if (aligned <= MAX_SAFE && aligned >= -MAX_SAFE) {
      this.small = aligned;
      if (this.big !== 0n) this.big *= 10n ** BigInt(diff);
    } else {
      const factor = 10n ** BigInt(diff);
      this.big = (this.big + BigInt(this.small)) * factor;
      this.small = 0;
    }
    this.scale = scale;
  }
}

/**
 * Many exact running sums in columns: sum `i` is `(big(i) + small[i]) ×
 * 10^-scale[i]`, kept exactly as {@link ExactSum} keeps one (the same
 * steps, on typed arrays). Millions of sums then need no object each,
 * which matters for the daily facts of an ingestion.
 */
export class ExactSumColumns {
  private small: Float64Array;
  private scales: Int32Array;
  /** The parts carried into bigints, by index (few sums ever need one). */
  private readonly big = new Map<number, bigint>();
  /** Sums in use. */
  length = 0;

  constructor(capacity = 1024) {
    this.small = new Float64Array(capacity);
    this.scales = new Int32Array(capacity);
  }

  /** Adds `n` sums of zero; returns the index of the first. */
  push(n: number): number {
    const at = this.length;
    const needed = at + n;
    if (needed > this.small.length) {
      let capacity = this.small.length * 2;
      while (capacity < needed) capacity *= 2;
      const small = new Float64Array(capacity);
      small.set(this.small);
      this.small = small;
      const scales = new Int32Array(capacity);
      scales.set(this.scales);
      this.scales = scales;
    }
    this.length = needed;
    return at;
  }

  /** Adds `units × 10^-scale` to sum `at`; `units` must be a safe integer. */
  addUnits(at: number, units: number, scale: number): void {
    let aligned = units;
    const current = this.scales[at];
    if (scale !== current) {
      if (scale > current) {
        this.rescale(at, scale);
      } else {
        const diff = current - scale;
        aligned = diff < POW10.length ? units * POW10[diff] : Infinity;
        if (!(aligned <= MAX_SAFE && aligned >= -MAX_SAFE)) {
          this.addBig(at, BigInt(units) * 10n ** BigInt(diff));
          return;
        }
      }
    }
    const sum = this.small[at] + aligned;
    if (sum > MAX_SAFE || sum < -MAX_SAFE) {
      this.addBig(at, BigInt(this.small[at]));
      this.small[at] = aligned;
    } else {
      this.small[at] = sum;
    }
  }

  /** Adds a decimal to sum `at`. */
  addDecimal(at: number, value: Decimal): void {
    if (value.units === 0n) return;
    if (value.scale > this.scales[at]) this.rescale(at, value.scale);
    this.addBig(at, value.units * 10n ** BigInt(this.scales[at] - value.scale));
  }

  /** Adds a decimal that `parseDecimalText` parsed to sum `at`. */
  addParsed(at: number, parsed: ParsedDecimal): void {
    if (parsed.decimal) this.addDecimal(at, parsed.decimal);
    else this.addUnits(at, parsed.units, parsed.scale);
  }

  /** Adds the sum another sum's parts make (see {@link ExactSum.addParts}). */
  addParts(at: number, small: number, big: bigint, scale: number): void {
    if (big !== 0n) this.addDecimal(at, Decimal.fromUnits(big, scale));
    this.addUnits(at, small, scale);
  }

  /** The part of sum `at` kept in a Number. */
  smallAt(at: number): number {
    return this.small[at];
  }

  /** The part of sum `at` carried into a bigint. */
  bigAt(at: number): bigint {
    return this.big.get(at) ?? 0n;
  }

  /** The scale of sum `at`'s parts. */
  scaleAt(at: number): number {
    return this.scales[at];
  }

  /** Sum `at` as an {@link ExactSum} of its own. */
  sumAt(at: number): ExactSum {
    const sum = new ExactSum();
    sum.addParts(this.small[at], this.bigAt(at), this.scales[at]);
    return sum;
  }

  private addBig(at: number, value: bigint) {
    this.big.set(at, (this.big.get(at) ?? 0n) + value);
  }

  private rescale(at: number, scale: number) {
    const diff = scale - this.scales[at];
    const small = this.small[at];
    const aligned = diff < POW10.length ? small * POW10[diff] : Infinity;
    const big = this.big.get(at);
    if (aligned <= MAX_SAFE && aligned >= -MAX_SAFE) {
      this.small[at] = aligned;
      if (big !== undefined && big !== 0n)
        this.big.set(at, big * 10n ** BigInt(diff));
    } else {
      this.big.set(at, ((big ?? 0n) + BigInt(small)) * 10n ** BigInt(diff));
      this.small[at] = 0;
    }
    this.scales[at] = scale;
  }
}

/**
 * Adds `value` to the running sum under `key` of `sums`, creating it on first
 * use.
 *
 * @public
 */
export function addToSum<K>(
  sums: Map<K, ExactSum>,
  key: K,
  value: Decimal,
): void {
  let sum = sums.get(key);
  if (!sum) sums.set(key, (sum = new ExactSum()));
  sum.addDecimal(value);
}

/** `units × 10^-scale` as text without trailing fraction zeros; `units` a safe integer. */
function formatUnits(units: number, scale: number): string {
  if (units === 0) return '0';
  const negative = units < 0;
  let digits = String(negative ? -units : units);
  let fraction = scale;
  let end = digits.length;
  while (fraction > 0 && digits.charCodeAt(end - 1) === 48) {
    end--;
    fraction--;
  }
  if (end < digits.length) digits = digits.slice(0, end);
  if (fraction > 0) {
    if (digits.length <= fraction)
      digits = '0'.repeat(fraction - digits.length + 1) + digits;
    const cut = digits.length - fraction;
    digits = `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }
  return negative ? `-${digits}` : digits;
}
