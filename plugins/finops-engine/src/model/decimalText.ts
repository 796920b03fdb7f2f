import { Decimal } from '@costwise/plugin-finops-common';

/**
 * Reading decimal text fast: plain decimals whose digits fit in a safe
 * integer are parsed without allocating, everything else by `Decimal`.
 */

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Where {@link parsePlainDecimal} leaves its result: the value is
 * `parsedUnits × 10^-parsedScale`, `parsedUnits` a safe integer. Module state
 * instead of a returned object, so parsing millions of cells allocates nothing.
 */
let parsedUnits = 0;
let parsedScale = 0;

/** The characters of a text {@link parsePlainDecimal} reads, as bytes. */
let scratch = new Uint8Array(64);

/**
 * Parses a plain decimal (`-12.50`, `0.0000001`, `7`) whose digits fit in a
 * safe integer into {@link parsedUnits} and {@link parsedScale}. Returns false,
 * leaving the work to `Decimal`, for anything else: exponents, a leading `+`
 * or `.`, more than 15 or 16 significant digits, surrounding spaces.
 */
export function parsePlainDecimal(text: string): boolean {
  const n = text.length;
  if (n > scratch.length)
    scratch = new Uint8Array(Math.max(n, 2 * scratch.length));
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return false; // a plain decimal is ASCII
    scratch[i] = c;
  }
  return parsePlainBytes(scratch, 0, n);
}

/**
 * {@link parsePlainDecimal} of the ASCII bytes `start` (inclusive) to `end`
 * (exclusive): the same rules, read from a file's bytes without decoding
 * them. The result is read with {@link lastParsedUnits} and
 * {@link lastParsedScale}.
 */
export function parsePlainBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
): boolean {
  let i = start;
  let negative = false;
  if (end > start && bytes[start] === 45) {
    negative = true;
    i++;
  }
  const digitsStart = i;
  if (i >= end) return false;
  let units = 0;
  let dot = -1;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c >= 48 && c <= 57) {
      units = units * 10 + (c - 48);
      if (units > MAX_SAFE) return false;
    } else if (c === 46 && dot < 0) {
      dot = i;
    } else {
      return false;
    }
  }
  let scale = 0;
  if (dot >= 0) {
    scale = end - dot - 1;
    // `1.` and `-.5` are left to Decimal.
    if (scale === 0 || dot === digitsStart) return false;
  }
  parsedUnits = negative ? -units : units;
  parsedScale = scale;
  return true;
}

/** The units the last successful parse left: the value is `units × 10^-scale`. */
export function lastParsedUnits(): number {
  return parsedUnits;
}

/** The scale the last successful parse left. */
export function lastParsedScale(): number {
  return parsedScale;
}

/**
 * A parsed decimal, reusable: either safe integer units at a scale, or (for
 * long or exponent notation) a `Decimal`.
 *
 * @public
 */
export interface ParsedDecimal {
  units: number;
  scale: number;
  decimal: Decimal | undefined;
}

/** Parses decimal text into `into`; false when the text is not a number. */
export function parseDecimalText(text: string, into: ParsedDecimal): boolean {
  if (parsePlainDecimal(text)) {
    into.units = parsedUnits;
    into.scale = parsedScale;
    into.decimal = undefined;
    return true;
  }
  const value = Decimal.tryParse(text);
  if (!value) return false;
  into.decimal = value;
  return true;
}
