import { Decimal } from '@costwise/plugin-finops-common';
import { mulberry32 } from './prng';
import {
  ExactSum,
  ExactSumColumns,
  parseDecimalText,
  ParsedDecimal,
} from './exactSum';

function sumOf(texts: string[]): string {
  const sum = new ExactSum();
  const parsed: ParsedDecimal = { units: 0, scale: 0, decimal: undefined };
  for (const text of texts) {
    if (!parseDecimalText(text, parsed))
      throw new Error(`not a number: ${text}`);
    sum.addParsed(parsed);
  }
  return sum.toString();
}

function decimalSum(texts: string[]): string {
  return Decimal.sum(texts.map(t => Decimal.parse(t))).toString();
}

describe('ExactSum', () => {
  it('adds decimals of different scales exactly, where binary floating point does not', () => {
    expect(sumOf(['0.1', '0.2'])).toBe('0.3');
    expect(sumOf(['1', '0.00000000001', '-0.5'])).toBe('0.50000000001');
    expect(sumOf(['12.50', '-12.5'])).toBe('0');
    expect(sumOf(['-0.00'])).toBe('0');
    expect(sumOf([])).toBe('0');
  });

  it('stays exact past the largest safe integer', () => {
    // Each cell is the largest safe integer of units; their sum is not.
    const big = '900719925.4740991';
    const texts = Array.from({ length: 5000 }, () => big);
    expect(sumOf(texts)).toBe('4503599627370.4955');
    expect(sumOf(texts)).toBe(decimalSum(texts));
    // Digits beyond a safe integer in a single cell.
    expect(sumOf(['123456789012345678.123456789', '0.000000001'])).toBe(
      '123456789012345678.12345679',
    );
  });

  it('reads exponents, a leading plus or dot, and spaces, as Decimal does', () => {
    const texts = ['1.2E-05', '+3', '.5', ' 7 ', '1e3', '-2.5e-1'];
    expect(sumOf(texts)).toBe(decimalSum(texts));
    expect(sumOf(texts)).toBe('1010.250012');
  });

  it('refuses what is not a number', () => {
    const parsed: ParsedDecimal = { units: 0, scale: 0, decimal: undefined };
    for (const text of ['', '-', '.', 'abc', '1.2.3', '1,5', '--1']) {
      expect(parseDecimalText(text, parsed)).toBe(false);
    }
  });

  it('equals the Decimal sum of random amounts of every scale', () => {
    const random = mulberry32(3);
    const texts = Array.from({ length: 20000 }, (_, i) => {
      const digits = 1 + Math.floor(random() * 12);
      const scale = Math.floor(random() * 14);
      const units = Math.floor(random() * 10 ** digits);
      const text = Decimal.fromUnits(BigInt(units), scale).toString();
      return i % 3 === 0 ? `-${text}` : text;
    });
    expect(sumOf(texts)).toBe(decimalSum(texts));
  });

  it('adds other sums and decimals', () => {
    const a = new ExactSum();
    a.addText('0.25');
    const b = new ExactSum();
    b.addText('99999999999999999999.75');
    b.addDecimal(Decimal.parse('1e-20'));
    a.addSum(b);
    expect(a.toString()).toBe('100000000000000000000.00000000000000000001');
    expect(a.toDecimal().equals(Decimal.parse(a.toString()))).toBe(true);
  });
});

describe('ExactSumColumns', () => {
  it('keeps each column exactly the Decimal sum of what was added to it, past safe integers and growth', () => {
    const random = mulberry32(11);
    const columns = new ExactSumColumns(4);
    const added: string[][] = [];
    const parsed: ParsedDecimal = { units: 0, scale: 0, decimal: undefined };
    for (let step = 0; step < 30_000; step++) {
      // new sums now and then, so that the columns grow while in use
      if (added.length === 0 || random() < 0.002) {
        columns.push(3);
        added.push([], [], []);
      }
      const at = Math.floor(random() * added.length);
      const kind = random();
      let text: string;
      if (kind < 0.05)
        text = '900719925474099.1'; // a safe integer of units: sums overflow
      else if (kind < 0.08)
        text = '123456789012345678901.5'; // beyond a safe integer
      else if (kind < 0.1) text = '1e-25';
      else {
        const units = Math.floor(
          random() * 10 ** (1 + Math.floor(random() * 12)),
        );
        text = Decimal.fromUnits(
          BigInt(units),
          Math.floor(random() * 14),
        ).toString();
        if (random() < 0.4) text = `-${text}`;
      }
      expect(parseDecimalText(text, parsed)).toBe(true);
      columns.addParsed(at, parsed);
      added[at].push(text);
    }
    // parts of a sum added to another column give the same sum
    const copy = columns.push(1);
    columns.addParts(
      copy,
      columns.smallAt(0),
      columns.bigAt(0),
      columns.scaleAt(0),
    );
    added.push([...added[0]]);
    expect(columns.length).toBe(added.length);
    added.forEach((texts, at) =>
      expect(columns.sumAt(at).toString()).toBe(
        decimalSum(texts.length ? texts : ['0']),
      ),
    );
  });
});
