/**
 * Exact decimal arithmetic for money.
 *
 * Costs arrive as decimal strings with up to a dozen fractional digits and are
 * summed over millions of rows. Binary floating point cannot represent them
 * exactly, so every amount on its way in is held as an integer number of units
 * of 10^-scale (a bigint) and only ever added, subtracted or split exactly.
 */

const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * An exact decimal number: `units × 10^-scale`.
 *
 * @public
 */
export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);

  private constructor(readonly units: bigint, readonly scale: number) {}

  /**
   * Parses a decimal string such as `-12.50`, `.5`, `1e-7` or `1.2E+3`.
   * Returns `undefined` when the text is not a number.
   */
  static tryParse(text: string): Decimal | undefined {
    const trimmed = text.trim();
    const match = DECIMAL_PATTERN.exec(trimmed);
    if (!match) return undefined;
    const [, sign, intPart = '', fracPart = '', exponent] = match;
    if (intPart === '' && fracPart === '') return undefined;
    let digits = `${intPart}${fracPart}`.replace(/^0+(?=\d)/, '');
    let scale = fracPart.length;
    if (exponent !== undefined) {
      const exp = Number(exponent);
      if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return undefined;
      scale -= exp;
      if (scale < 0) {
        digits += '0'.repeat(-scale);
        scale = 0;
      }
    }
    const units = BigInt(digits || '0');
    return new Decimal(sign === '-' ? -units : units, scale).normalize();
  }

  /** Parses a decimal string, throwing a `TypeError` naming the text when it is not one. */
  static parse(text: string): Decimal {
    const value = Decimal.tryParse(text);
    if (!value) throw new TypeError(`Not a decimal number: '${text}'`);
    return value;
  }

  /** Builds a decimal from integer units and a scale (units × 10^-scale). */
  static fromUnits(units: bigint, scale: number): Decimal {
    return new Decimal(units, scale).normalize();
  }

  /** Adds any number of decimals exactly. */
  static sum(values: Iterable<Decimal>): Decimal {
    let total = Decimal.ZERO;
    for (const value of values) total = total.add(value);
    return total;
  }

  private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
    if (a.scale === b.scale) return [a.units, b.units, a.scale];
    if (a.scale > b.scale) {
      return [a.units, b.units * 10n ** BigInt(a.scale - b.scale), a.scale];
    }
    return [a.units * 10n ** BigInt(b.scale - a.scale), b.units, b.scale];
  }

  add(other: Decimal): Decimal {
    if (other.units === 0n) return this;
    if (this.units === 0n) return other;
    const [a, b, scale] = Decimal.align(this, other);
    return new Decimal(a + b, scale);
  }

  sub(other: Decimal): Decimal {
    return this.add(other.negate());
  }

  abs(): Decimal {
    return this.units < 0n ? this.negate() : this;
  }

  negate(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  /** Multiplies by an integer exactly. */
  mulInt(factor: bigint | number): Decimal {
    return new Decimal(this.units * BigInt(factor), this.scale).normalize();
  }

  /**
   * Divides exactly and rounds the quotient half to even at `digits`
   * fractional digits (banker's rounding, so that rounding many quotients
   * has no upward bias). Throws a `RangeError` when dividing by zero.
   */
  divide(divisor: Decimal, digits: number): Decimal {
    if (!Number.isInteger(digits) || digits < 0 || digits > 100) {
      throw new RangeError(
        `digits must be an integer from 0 to 100, got ${digits}`,
      );
    }
    if (divisor.units === 0n) throw new RangeError('Division by zero');
    // (a·10^-sa) / (b·10^-sb) · 10^digits = a·10^(sb+digits) / (b·10^sa)
    const numerator = this.units * 10n ** BigInt(divisor.scale + digits);
    const denominator = divisor.units * 10n ** BigInt(this.scale);
    const negative = numerator < 0n !== denominator < 0n;
    const n = numerator < 0n ? -numerator : numerator;
    const d = denominator < 0n ? -denominator : denominator;
    let q = n / d;
    const twice = (n % d) * 2n;
    if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
    return Decimal.fromUnits(negative ? -q : q, digits);
  }

  /**
   * The decimal that prints as the number does (`0.1` is 0.1, not the
   * binary value nearest to it). Throws a `RangeError` on NaN or infinity.
   */
  static fromNumber(value: number): Decimal {
    if (!Number.isFinite(value))
      throw new RangeError(`Not a finite number: ${value}`);
    return Decimal.parse(String(value));
  }

  compare(other: Decimal): number {
    const [a, b] = Decimal.align(this, other);
    if (a === b) return 0;
    return a < b ? -1 : 1;
  }

  equals(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  /**
   * Splits the amount into parts proportional to integer weights so that the
   * parts add up exactly to the whole. Parts are computed at `scale` digits
   * (at least the amount's own scale); the remainder units go, one each, to the
   * parts with the largest fractional remainders (largest remainder method).
   */
  allocate(weights: bigint[], minScale = 12): Decimal[] {
    if (weights.length === 0) return [];
    const total = weights.reduce((a, b) => a + b, 0n);
    if (total <= 0n || weights.some(w => w < 0n)) {
      throw new RangeError(
        'Allocation weights must be non-negative with a positive total',
      );
    }
    const scale = Math.max(this.scale, minScale);
    const units = this.units * 10n ** BigInt(scale - this.scale);
    const negative = units < 0n;
    const abs = negative ? -units : units;
    const shares = weights.map(w => (abs * w) / total);
    const remainders = weights.map((w, i) => ({ i, r: (abs * w) % total }));
    let left = abs - shares.reduce((a, b) => a + b, 0n);
    remainders.sort((x, y) => {
      if (x.r === y.r) return x.i - y.i;
      return x.r > y.r ? -1 : 1;
    });
    for (const { i } of remainders) {
      if (left === 0n) break;
      shares[i] += 1n;
      left -= 1n;
    }
    return shares.map(s => Decimal.fromUnits(negative ? -s : s, scale));
  }

  /** Removes trailing zero digits of the fraction. */
  normalize(): Decimal {
    let { units, scale } = this;
    if (units === 0n) return scale === 0 ? this : new Decimal(0n, 0);
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale -= 1;
    }
    return units === this.units && scale === this.scale
      ? this
      : new Decimal(units, scale);
  }

  /** The exact value as a plain decimal string, without exponent or trailing zeros. */
  toString(): string {
    const negative = this.units < 0n;
    let digits = (negative ? -this.units : this.units).toString();
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, '0');
      const cut = digits.length - this.scale;
      digits = `${digits.slice(0, cut)}.${digits.slice(cut)}`.replace(
        /\.?0+$/,
        '',
      );
    }
    return negative && digits !== '0' ? `-${digits}` : digits;
  }

  /** The exact value rounded half away from zero to `digits` fractional digits, as a string. */
  toFixed(digits: number): string {
    if (this.scale <= digits) {
      const s = this.toString();
      const [i, f = ''] = s.split('.');
      return digits === 0 ? i : `${i}.${f.padEnd(digits, '0')}`;
    }
    const factor = 10n ** BigInt(this.scale - digits);
    const negative = this.units < 0n;
    const abs = negative ? -this.units : this.units;
    let q = abs / factor;
    if ((abs % factor) * 2n >= factor) q += 1n;
    const fixed = Decimal.fromUnits(negative ? -q : q, digits);
    const [i, f = ''] = fixed.toString().split('.');
    return digits === 0 ? i : `${i}.${f.padEnd(digits, '0')}`;
  }

  /** An approximate binary value, for display and charts only. */
  toNumber(): number {
    return Number(this.toString());
  }
}
