import {
  Decimal,
  type ImplementationEffort,
  type RecommendationSubcategory,
} from '@costwise/plugin-finops-common';
import { parseInstant } from '../../ingestion/instants';
import {
  type Checked,
  cell,
  currencyCell,
  parseTags,
  truncate,
} from '../../ingestion/values';
import { asObject, at, textField } from './json';

// The values of a recommendation's fields: amounts, currencies, instants, efforts, tags, subcategories.

/** An optional amount: undefined when empty, the exact decimal, or why it is not a number. */
export function optionalAmount(
  column: string,
  raw: unknown,
): Checked<Decimal | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  const text = typeof raw === 'string' ? cell(raw) : undefined;
  if (typeof raw !== 'string')
    return {
      ok: false,
      reason: `${column} is not a number: ${truncate(JSON.stringify(raw))}`,
    };
  if (text === undefined) return { ok: true, value: undefined };
  const value = Decimal.tryParse(text);
  if (!value)
    return {
      ok: false,
      reason: `${column} is not a number: '${truncate(text)}'`,
    };
  return { ok: true, value };
}

/** A required amount: the exact decimal, or why the row is rejected. */
export function requiredAmount(column: string, raw: unknown): Checked<Decimal> {
  const amount = optionalAmount(column, raw);
  if (!amount.ok) return amount;
  if (amount.value === undefined)
    return { ok: false, reason: `${column} is empty` };
  return { ok: true, value: amount.value };
}

/** A required ISO 4217 currency code, upper-cased. */
export function requiredCurrency(
  column: string,
  raw: unknown,
): Checked<string> {
  return currencyCell(
    column,
    typeof raw === 'string' ? cell(raw) : undefined,
    undefined,
  );
}

/** FOCUS's EstimatedMonthlyCostImpact of a saving: its negation, as exact text. */
export function impactOfSaving(saving: Decimal): string {
  return saving.negate().toString();
}

/**
 * `a / b`, exact when the quotient terminates (its reduced denominator has
 * only the prime factors 2 and 5), otherwise rounded half to even at
 * `digits` fractional digits. Throws a `RangeError` when `b` is zero.
 */
export function divideExact(a: Decimal, b: Decimal, digits = 6): Decimal {
  if (b.isZero()) throw new RangeError('Division by zero');
  // a / b = (|a.units| · 10^b.scale) / (|b.units| · 10^a.scale)
  const n = abs(a.units) * 10n ** BigInt(b.scale);
  let d = abs(b.units) * 10n ** BigInt(a.scale);
  d /= gcd(n, d);
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  const exactDigits = Math.max(twos, fives);
  if (d === 1n && exactDigits <= 100) return a.divide(b, exactDigits);
  return a.divide(b, digits);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

/**
 * An optional instant as ISO 8601 UTC text: ISO timestamps with or without
 * a zone, `YYYY-MM-DD HH:MM:SS`, or epoch seconds / milliseconds (SDK JSON).
 */
export function optionalInstant(
  column: string,
  raw: unknown,
): Checked<string | undefined> {
  const text = textField(raw);
  if (text === undefined) return { ok: true, value: undefined };
  if (/^\d{9,13}(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return { ok: true, value: new Date(n < 1e11 ? n * 1000 : n).toISOString() };
  }
  const instant = parseInstant(text);
  if (!instant)
    return {
      ok: false,
      reason: `${column} is not a date: '${truncate(text)}'`,
    };
  return { ok: true, value: instant.iso };
}

const EFFORTS: Record<string, ImplementationEffort> = {
  verylow: 'Very Low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  veryhigh: 'Very High',
};

/** `VeryLow`, `very_low`, `Very Low` … as the FOCUS value; undefined when unknown. */
export function effortOf(raw: unknown): ImplementationEffort | undefined {
  const text = textField(raw);
  return text === undefined
    ? undefined
    : EFFORTS[text.toLowerCase().replace(/[^a-z]/g, '')];
}

/**
 * Tags as the sources give them: `[{key, value}]` (AWS APIs), an object, or
 * either as JSON text (exports). Undefined when there are none or they
 * cannot be read (tags only help matching; they never reject a row).
 */
export function tagsOf(raw: unknown): Record<string, string> | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    const text = cell(raw);
    if (text === undefined) return undefined;
    try {
      value = JSON.parse(text);
    } catch {
      value = parseTags(text);
    }
  }
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const entry of value) {
      const key = textField(at(entry, 'key') ?? at(entry, 'Key'));
      const tagValue = at(entry, 'value') ?? at(entry, 'Value');
      if (key !== undefined)
        tags[key] = typeof tagValue === 'string' ? tagValue : '';
    }
  } else {
    const object = asObject(value);
    if (!object) return undefined;
    for (const [key, tagValue] of Object.entries(object)) {
      if (tagValue === null || tagValue === undefined) continue;
      tags[key] =
        typeof tagValue === 'string' ? tagValue : JSON.stringify(tagValue);
    }
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** JSON text of a configuration: text as given, objects serialized; undefined when empty. */
export function configurationText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return cell(raw);
  if (raw === null || raw === undefined) return undefined;
  return JSON.stringify(raw);
}

/**
 * Whether a recommendation must name its resource: all but commitment
 * purchases (a Savings Plan or reservation is bought for an account, not a
 * resource).
 */
export function needsResource(subcategory: RecommendationSubcategory): boolean {
  return subcategory !== 'Commitment Purchase';
}

/**
 * A subcategory from a recommendation's words (Azure Advisor's problem and
 * solution, a sub-category name): right-sizing first ("Right-size or
 * shutdown underutilized virtual machines" is right-sizing), then
 * commitments, idle resources, scaling and modernization.
 */
export function subcategoryFromText(text: string): RecommendationSubcategory {
  const t = text.toLowerCase();
  if (/right[- ]?siz|resiz|downsiz|underutili[sz]ed|overprovision/.test(t))
    return 'Rightsizing';
  if (
    /reserved instance|reserved capacity|reservation|savings plan|commitment/.test(
      t,
    )
  )
    return 'Commitment Purchase';
  if (
    /\bidle\b|shut ?down|\bdelete\b|\bunused\b|unattached|orphan|\bstop\b/.test(
      t,
    )
  )
    return 'Idle Resource Removal';
  if (/auto-?scal|scale (in|down)/.test(t)) return 'Scaling';
  if (/upgrade|newer generation|modern|migrate to/.test(t))
    return 'Modernization';
  return 'Other';
}

/** An ARN's parts (`arn:partition:service:region:account:resource`), or undefined. */
export function arnParts(arn: string | undefined):
  | {
      service: string;
      region: string;
      account: string;
      resource: string;
    }
  | undefined {
  const m = arn ? /^arn:[^:]+:([^:]*):([^:]*):([^:]*):(.+)$/.exec(arn) : null;
  if (!m) return undefined;
  return { service: m[1], region: m[2], account: m[3], resource: m[4] };
}
