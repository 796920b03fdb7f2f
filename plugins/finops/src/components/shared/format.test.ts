import {
  formatMoney,
  formatQuantity,
  formatShare,
  formatUnitMoney,
  isNegative,
  isZero,
  sumAmounts,
} from './format';

describe('format', () => {
  it('rounds exact decimal strings to cents without float error', () => {
    expect(formatMoney('1.005', 'USD')).toBe('$1.01');
    expect(formatMoney('1234.5678', 'USD')).toBe('$1,234.57');
    expect(formatMoney('-0.5', 'USD')).toBe('-$0.50');
  });

  it('formats in the currency of the response', () => {
    expect(formatMoney('10', 'EUR')).toBe('€10.00');
  });

  it('survives a currency code Intl does not know', () => {
    expect(formatMoney('10', 'not-a-currency')).toBe('10.00 not-a-currency');
  });

  it('reads signs and zeros exactly', () => {
    expect(isNegative('-0.0000001')).toBe(true);
    expect(isNegative('0')).toBe(false);
    expect(isZero('0.000')).toBe(true);
    expect(isZero('0.001')).toBe(false);
  });

  it('sums exactly', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.3');
  });

  it('formats shares as percentages', () => {
    expect(formatShare(0.1079)).toBe('10.8%');
    expect(formatShare(0.92, 0)).toBe('92%');
  });

  it('keeps about three significant digits of a unit cost below a unit', () => {
    expect(formatUnitMoney('0.42', 'USD')).toBe('$0.42');
    expect(formatUnitMoney('0.596969', 'USD')).toBe('$0.597');
    expect(formatUnitMoney('0.004213', 'USD')).toBe('$0.00421');
    expect(formatUnitMoney('0.000003', 'USD')).toBe('$0.000003');
    expect(formatUnitMoney('3.205', 'USD')).toBe('$3.21');
    expect(formatUnitMoney('0', 'USD')).toBe('$0.00');
    expect(formatUnitMoney('0.5', 'not-a-currency')).toBe(
      '0.50 not-a-currency',
    );
  });

  it('writes a quantity exactly, with separators and no float noise', () => {
    expect(formatQuantity('1234567')).toBe('1,234,567');
    expect(formatQuantity('0.3')).toBe('0.3');
    expect(formatQuantity('12345678901234567.25')).toBe(
      '12,345,678,901,234,567.25',
    );
  });
});
