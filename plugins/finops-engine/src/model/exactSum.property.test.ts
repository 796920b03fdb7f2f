import fc from 'fast-check';
import {
  ExactSum,
  ExactSumColumns,
  parseDecimalText,
  ParsedDecimal,
} from './exactSum';

/**
 * Sums of decimal text against a reference written with nothing but
 * bigints: every amount scaled to the largest scale and added as an integer.
 */

interface Amount {
  text: string;
  /** The amount is `units × 10^-scale`. */
  units: bigint;
  scale: number;
}

/** Decimal text as exports write it: signs, leading and trailing zeros, no integer part, up to 30 digits and 20 places. */
const amount: fc.Arbitrary<Amount> = fc
  .record({
    negative: fc.boolean(),
    whole: fc.oneof(
      fc.bigInt({ min: 0n, max: 999n }),
      fc.bigInt({ min: 0n, max: 2n ** 53n + 10n }),
      fc.bigInt({ min: 0n, max: 10n ** 30n }),
    ),
    fraction: fc.string({
      unit: fc.constantFrom('0', '1', '5', '9'),
      maxLength: 20,
    }),
    form: fc.constantFrom('plain', 'no-integer', 'plus', 'leading-zeros'),
  })
  .map(({ negative, whole, fraction, form }) => {
    let integer = whole.toString();
    if (form === 'no-integer' && fraction.length > 0) integer = '';
    if (form === 'leading-zeros') integer = `00${integer}`;
    let sign = form === 'plus' ? '+' : '';
    if (negative) sign = '-';
    const text = `${sign}${integer}${fraction ? `.${fraction}` : ''}`;
    const digits = BigInt(`${integer || '0'}${fraction}`);
    return {
      text,
      units: negative ? -digits : digits,
      scale: fraction.length,
    };
  });

/** The exact sum of amounts, as units at a scale, by the reference. */
function referenceSum(amounts: Amount[]): { units: bigint; scale: number } {
  const scale = Math.max(0, ...amounts.map(a => a.scale));
  let units = 0n;
  for (const a of amounts) units += a.units * 10n ** BigInt(scale - a.scale);
  return { units, scale };
}

/** Reads a sum's text back as units at `scale` (the reference's), failing on anything but plain decimal text. */
function unitsOf(text: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not plain decimal text: '${text}'`);
  const fraction = match[3] ?? '';
  if (fraction.length > scale)
    throw new Error(`'${text}' has more places than ${scale}`);
  const units = BigInt(`${match[2]}${fraction.padEnd(scale, '0')}`);
  return match[1] ? -units : units;
}

function addAll(sum: ExactSum, amounts: Amount[]) {
  const parsed: ParsedDecimal = { units: 0, scale: 0, decimal: undefined };
  for (const a of amounts) {
    if (!parseDecimalText(a.text, parsed))
      throw new Error(`not read: ${a.text}`);
    sum.addParsed(parsed);
  }
}

describe('exact sums against a bigint reference', () => {
  it('ExactSum adds decimal text exactly, at any size', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 60 }), amounts => {
        const sum = new ExactSum();
        addAll(sum, amounts);
        const expected = referenceSum(amounts);
        const text = sum.toString();
        expect(unitsOf(text, expected.scale)).toBe(expected.units);
        // written without trailing zeros, and zero as "0"
        expect(text).not.toMatch(/\.\d*0$|^-0$|^-?0\d/);
        expect(sum.toDecimal().toString()).toBe(text);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same sum however the amounts are split and merged (as threads and columns do)', () => {
    fc.assert(
      fc.property(
        fc.array(amount, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        (amounts, choices, parts) => {
          const expected = new ExactSum();
          addAll(expected, amounts);

          // split among `parts` sums, merged two ways
          const sums = Array.from({ length: parts }, () => new ExactSum());
          const columns = new ExactSumColumns(1);
          const first = columns.push(parts);
          const parsed: ParsedDecimal = {
            units: 0,
            scale: 0,
            decimal: undefined,
          };
          amounts.forEach((a, i) => {
            const part = (choices[i] ?? 0) % parts;
            parseDecimalText(a.text, parsed);
            sums[part].addParsed(parsed);
            columns.addParsed(first + part, parsed);
          });
          const merged = new ExactSum();
          for (const s of sums) merged.addSum(s);
          const fromParts = new ExactSum();
          for (const s of sums)
            fromParts.addParts(s.smallUnits, s.bigUnits, s.unitScale);
          const fromColumns = new ExactSum();
          for (let p = 0; p < parts; p++)
            fromColumns.addSum(columns.sumAt(first + p));

          expect(merged.toString()).toBe(expected.toString());
          expect(fromParts.toString()).toBe(expected.toString());
          expect(fromColumns.toString()).toBe(expected.toString());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reconciles to the cent when the same cents are added a million times', () => {
    const sum = new ExactSum();
    const parsed: ParsedDecimal = { units: 0, scale: 0, decimal: undefined };
    parseDecimalText('0.01', parsed);
    for (let i = 0; i < 1_000_000; i++) sum.addParsed(parsed);
    expect(sum.toString()).toBe('10000');
  });
});
