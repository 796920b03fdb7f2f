import { focusFormat } from './focus';

const HEADER = [
  'BilledCost',
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ProviderName',
  'ServiceName',
  'SubAccountId',
  'Tags',
  'x_ModelId',
  'x_CredentialId',
  'x_TokenDirection',
  'x_TokenCacheAction',
];

const map = (fields: string[], header = HEADER) =>
  focusFormat.createMapper(header, {})(fields);

describe('the FOCUS AI columns', () => {
  it('are kept as tags of the row, a Tags entry of the same name winning', () => {
    const row = map([
      '1.25',
      'USD',
      '2026-11-01T00:00:00Z',
      '2026-11-02T00:00:00Z',
      'OpenAI',
      'OpenAI API',
      'proj_a',
      '{"team": "ml", "x_ModelId": "gpt-4o-2024-08-06"}',
      'gpt-4o',
      'key_1',
      'Input',
      'Read',
    ]);
    expect(typeof row).toBe('object');
    expect((row as any).tags).toEqual({
      team: 'ml',
      x_ModelId: 'gpt-4o-2024-08-06',
      x_CredentialId: 'key_1',
      x_TokenDirection: 'Input',
      x_TokenCacheAction: 'Read',
    });
  });

  it('leave the tags alone where they are empty or absent', () => {
    const row = map([
      '1',
      'USD',
      '2026-11-01T00:00:00Z',
      '2026-11-02T00:00:00Z',
      'OpenAI',
      'OpenAI API',
      'proj_a',
      '{}',
      '',
      'NULL',
      '',
      '',
    ]);
    expect((row as any).tags).toEqual({});
    const plain = map(
      [
        '1',
        'USD',
        '2026-11-01T00:00:00Z',
        '2026-11-02T00:00:00Z',
        'AWS',
        'Amazon S3',
        'acct',
        '{"a": "b"}',
      ],
      HEADER.slice(0, 8),
    );
    expect((plain as any).tags).toEqual({ a: 'b' });
  });
});
