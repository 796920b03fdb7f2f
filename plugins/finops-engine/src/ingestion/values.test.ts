import {
  parseTags,
  moneyCell,
  isKnownCurrency,
  cell,
  quantityCell,
  detach,
} from './values';
import { parseTimestamp } from './instants';

describe('parseTimestamp', () => {
  const jan3 = Date.UTC(2024, 0, 3);
  it.each([
    ['2024-01-03T00:00:00Z', jan3],
    ['2024-01-03T00:00:00.000Z', jan3],
    ['2024-01-03 00:00:00', jan3],
    ['2024-01-03T00:00', jan3],
    ['2024-01-03', jan3],
    ['2024-01-03T02:00:00+02:00', jan3],
    ['2024-01-02T19:00:00-0500', jan3],
    ['2024-01-03 00:00:00 UTC', jan3],
    ['01/03/2024', jan3],
  ])('reads %s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each(['2024-13-01', '2024-02-30', 'yesterday', '', '2024/01/03'])(
    'rejects %j',
    text => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );
});

describe('parseTags', () => {
  it('reads a FOCUS JSON object, keeping keys as they are', () => {
    expect(
      parseTags(
        '{"application": "BrightLensMatrix", " org": "x", "n": 3, "flag": true, "gone": null}',
      ),
    ).toEqual({
      application: 'BrightLensMatrix',
      ' org': 'x',
      n: '3',
      flag: 'true',
    });
  });
  it('reads Azure tags without outer braces', () => {
    expect(parseTags('"CostCenter": "1234","env": "prod"')).toEqual({
      CostCenter: '1234',
      env: 'prod',
    });
  });
  it('treats NULL and empty as no tags', () => {
    expect(parseTags('NULL')).toEqual({});
    expect(parseTags('')).toEqual({});
  });
  it('refuses what is not an object', () => {
    expect(parseTags('[1,2]')).toBeUndefined();
    expect(parseTags('env=prod')).toBeUndefined();
  });
});

describe('moneyCell', () => {
  it('keeps every decimal exactly', () => {
    expect(moneyCell('BilledCost', '0.00000000001')).toEqual({
      ok: true,
      value: '0.00000000001',
    });
    expect(moneyCell('BilledCost', '1.2E-05')).toEqual({
      ok: true,
      value: '0.000012',
    });
    // plain decimals are kept as written; they are parsed exactly where they are summed
    expect(moneyCell('BilledCost', '-12.50')).toEqual({
      ok: true,
      value: '-12.50',
    });
  });
  it('names the column and the bad value', () => {
    expect(moneyCell('EffectiveCost', 'abc')).toEqual({
      ok: false,
      reason: "EffectiveCost is not a number: 'abc'",
    });
    expect(moneyCell('EffectiveCost', 'NULL')).toEqual({
      ok: false,
      reason: "EffectiveCost is empty ('NULL' is read as no value)",
    });
  });
});

describe('isKnownCurrency', () => {
  it('knows ISO 4217 codes and nothing else', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('EUR')).toBe(true);
    expect(isKnownCurrency('XXY')).toBe(false);
    expect(isKnownCurrency('usd')).toBe(false);
  });
});

describe('cell', () => {
  it('trims, and reads empty cells and NULL literals as no value', () => {
    expect(cell(' a b ')).toBe('a b');
    expect(cell('\u00a0padded\u00a0')).toBe('padded');
    expect(cell('  plain-value-with-no-spaces')).toBe(
      'plain-value-with-no-spaces',
    );
    for (const empty of ['', '   ', ' NULL ', 'null', 'None', 'NaN', 'N/A'])
      expect(cell(empty)).toBeUndefined();
    expect(cell('NULLS')).toBe('NULLS');
  });
});

describe('quantityCell', () => {
  it('gives the canonical decimal, as the sums store it', () => {
    expect(quantityCell('Q', '007.500')).toEqual({ ok: true, value: '7.5' });
    expect(quantityCell('Q', '-0.00')).toEqual({ ok: true, value: '0' });
    expect(quantityCell('Q', '-0.250')).toEqual({ ok: true, value: '-0.25' });
    expect(quantityCell('Q', '12')).toEqual({ ok: true, value: '12' });
    expect(quantityCell('Q', '1e3')).toEqual({ ok: true, value: '1000' });
    expect(quantityCell('Q', 'NULL')).toBeUndefined();
    expect(quantityCell('Q', 'lots')).toEqual({
      ok: false,
      reason: "Q is not a number: 'lots'",
    });
  });
});

describe('detach', () => {
  it('copies a string exactly', () => {
    const chunk = `prefix,arn:aws:ec2:eu-west-1:123:instance/i-0abc\ud800é,suffix`;
    const field = chunk.slice(7, chunk.length - 7);
    expect(detach(field)).toBe(field);
    expect(detach('short')).toBe('short');
    expect(detach(undefined)).toBeUndefined();
  });
});
