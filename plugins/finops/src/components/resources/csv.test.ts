import { resources } from '../../__testUtils__/fixtures';
import { csvField, resourcesCsv, toCsv } from './csv';

describe('csv', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField(undefined)).toBe('');
  });

  it('keeps numbers, negative ones included, as numbers', () => {
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(0.25)).toBe('0.25');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('writes one row per resource with the exact amount', () => {
    const lines = resourcesCsv(resources).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(',345.6789,USD,');
  });

  it('writes what each line consumed and its unit in columns of their own', () => {
    const page = {
      ...resources,
      items: [
        {
          ...resources.items[1],
          skuId: 'InstanceUsage:db.r6g.xlarge',
          consumedQuantity: '14.4',
          consumedUnit: 'Hours',
        },
        {
          ...resources.items[1],
          groupId: 'g3',
          skuId: 'gpt-4o input tokens',
          consumedQuantity: '1234567.000001',
          consumedUnit: 'Tokens',
        },
        { ...resources.items[1], groupId: 'g4', skuId: 'BackupUsage' },
      ],
    };
    const [header, ...rows] = resourcesCsv(page)
      .trimEnd()
      .split('\r\n')
      .map(line => line.split(','));
    const column = (name: string) => rows.map(r => r[header.indexOf(name)]);
    expect(header).toContain('consumedQuantity');
    expect(header.indexOf('consumedUnit')).toBe(
      header.indexOf('consumedQuantity') + 1,
    );
    expect(column('skuId').slice(0, 2)).toEqual([
      'InstanceUsage:db.r6g.xlarge',
      'gpt-4o input tokens',
    ]);
    // exact, as the API gave it; empty where the source gave no quantity
    expect(column('consumedQuantity')).toEqual(['14.4', '1234567.000001', '']);
    expect(column('consumedUnit')).toEqual(['Hours', 'Tokens', '']);
  });
});
