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
