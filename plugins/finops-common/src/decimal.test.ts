import { Decimal } from './decimal';

describe('Decimal', () => {
  it('parses and prints exactly', () => {
    expect(Decimal.parse('0.1').add(Decimal.parse('0.2')).toString()).toBe(
      '0.3',
    );
    expect(Decimal.parse('-0.000000000010').toString()).toBe('-0.00000000001');
    expect(Decimal.parse('1e3').toString()).toBe('1000');
    expect(Decimal.parse('.5').toString()).toBe('0.5');
    expect(Decimal.parse('+7.').toString()).toBe('7');
    expect(
      Decimal.parse('123456789012345678901234567890.123456789012').toString(),
    ).toBe('123456789012345678901234567890.123456789012');
  });

  it('rejects what is not a number', () => {
    for (const bad of [
      '',
      'abc',
      '1.2.3',
      '--1',
      '1e',
      'NaN',
      'Infinity',
      '1,5',
    ]) {
      expect(Decimal.tryParse(bad)).toBeUndefined();
    }
    expect(() => Decimal.parse('x')).toThrow("Not a decimal number: 'x'");
  });

  it('sums a million cents to exactly ten thousand', () => {
    let total = Decimal.ZERO;
    const cent = Decimal.parse('0.01');
    for (let i = 0; i < 1_000_000; i++) total = total.add(cent);
    expect(total.toString()).toBe('10000');
  });

  it('allocates so that the parts add up to the whole', () => {
    const amount = Decimal.parse('100');
    const parts = amount.allocate([1n, 1n, 1n], 2);
    expect(parts.map(p => p.toString())).toEqual(['33.34', '33.33', '33.33']);
    expect(Decimal.sum(parts).toString()).toBe('100');
    const negative = Decimal.parse('-10.00000000001').allocate([60n, 40n]);
    expect(Decimal.sum(negative).toString()).toBe('-10.00000000001');
  });

  it('compares and rounds for display', () => {
    expect(Decimal.parse('2.50').compare(Decimal.parse('2.5'))).toBe(0);
    expect(Decimal.parse('-1').compare(Decimal.parse('0'))).toBe(-1);
    expect(Decimal.parse('2.345').toFixed(2)).toBe('2.35');
    expect(Decimal.parse('-2.345').toFixed(2)).toBe('-2.35');
    expect(Decimal.parse('2').toFixed(2)).toBe('2.00');
  });
});

describe('Decimal.divide', () => {
  const div = (a: string, b: string, digits = 6) =>
    Decimal.parse(a).divide(Decimal.parse(b), digits).toFixed(digits);

  it('divides exactly where the quotient terminates', () => {
    expect(div('10', '4')).toBe('2.500000');
    expect(div('0.3', '0.1')).toBe('3.000000');
    expect(div('123456789.123456789', '1000', 9)).toBe('123456.789123457');
    expect(div('1', '1e-7', 0)).toBe('10000000');
  });

  it('rounds half to even at the last digit', () => {
    expect(div('1', '8', 2)).toBe('0.12'); // 0.125 → 0.12
    expect(div('3', '8', 2)).toBe('0.38'); // 0.375 → 0.38
    expect(div('2.5', '1', 0)).toBe('2');
    expect(div('3.5', '1', 0)).toBe('4');
    expect(div('-2.5', '1', 0)).toBe('-2');
    expect(div('1', '3')).toBe('0.333333');
    expect(div('2', '3')).toBe('0.666667');
    expect(div('0.0000015', '1')).toBe('0.000002');
    expect(div('0.0000025', '1')).toBe('0.000002');
  });

  it('keeps signs', () => {
    expect(div('-1', '3')).toBe('-0.333333');
    expect(div('1', '-3')).toBe('-0.333333');
    expect(div('-1', '-4')).toBe('0.250000');
  });

  it('agrees with an independent computation on many quotients', () => {
    // reference: scaled integer division with half-even rounding done by hand
    for (let a = -50; a <= 50; a += 7) {
      for (let b = 1; b <= 40; b += 3) {
        const units = BigInt(a) * 1000000n;
        const q = units / BigInt(b);
        const r = units % BigInt(b);
        let expected = q;
        const twice = (r < 0n ? -r : r) * 2n;
        if (twice > BigInt(b) || (twice === BigInt(b) && q % 2n !== 0n))
          expected += a < 0 ? -1n : 1n;
        expect(
          Decimal.parse(String(a))
            .divide(Decimal.parse(String(b)), 6)
            .equals(Decimal.fromUnits(expected, 6)),
        ).toBe(true);
      }
    }
  });

  it('refuses to divide by zero', () => {
    expect(() => Decimal.parse('1').divide(Decimal.ZERO, 6)).toThrow(
      'Division by zero',
    );
  });

  it('reads numbers as they print', () => {
    expect(Decimal.fromNumber(0.1).toString()).toBe('0.1');
    expect(Decimal.fromNumber(1e-7).toString()).toBe('0.0000001');
    expect(Decimal.fromNumber(1.5e21).toString()).toBe(
      '1500000000000000000000',
    );
    expect(() => Decimal.fromNumber(NaN)).toThrow(RangeError);
  });
});
