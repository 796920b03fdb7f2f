import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_AI_PRICES,
  findModelPrice,
  priceOfTokenType,
  readAiPriceTable,
} from './aiPrices';
import { readFinopsConfig } from './config';

const read = (prices: object) =>
  readAiPriceTable(new ConfigReader({ ai: { prices } }));

describe('the LLM price table', () => {
  it('finds the entry of dated snapshots and vendor prefixes, the longest model id first', () => {
    const model = (id: string) => findModelPrice(DEFAULT_AI_PRICES, id)?.model;
    expect(model('gpt-4o')).toBe('gpt-4o');
    expect(model('gpt-4o-2024-08-06')).toBe('gpt-4o');
    expect(model('gpt-4o-mini-2024-07-18')).toBe('gpt-4o-mini');
    expect(model('GPT-4.1-mini')).toBe('gpt-4.1-mini');
    expect(model('claude-sonnet-4-20250514')).toBe('claude-sonnet-4');
    expect(model('claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4-5');
    expect(model('claude-3-5-haiku-latest')).toBe('claude-3-5-haiku');
    expect(model('anthropic.claude-sonnet-4-20250514-v1:0')).toBe(
      'claude-sonnet-4',
    );
    expect(model('claude-sonnet-4@20250514')).toBe('claude-sonnet-4');
    // another model that only starts the same
    expect(model('gpt-4o-audio-preview')).toBeUndefined();
    expect(model('anthropic.claude-3-opus-20240229-v1:0')).toBeUndefined();
    expect(model('')).toBeUndefined();
  });

  it('labels every built-in price with the day it was read and keeps prices exact', () => {
    for (const m of DEFAULT_AI_PRICES.models) {
      expect(m.asOf).toMatch(/^2026-\d{2}-\d{2}$/);
      expect(m.source).toMatch(/^https:\/\//);
      expect(m.kind === 'embedding' || m.output !== undefined).toBe(true);
    }
    const mini = findModelPrice(DEFAULT_AI_PRICES, 'gpt-4o-mini')!;
    expect(priceOfTokenType(mini, 'cachedInput')).toEqual({
      perMillion: expect.anything(),
    });
    expect(priceOfTokenType(mini, 'cachedInput')!.perMillion.toString()).toBe(
      '0.075',
    );
    // OpenAI has no cache-write price: writes are input
    expect(priceOfTokenType(mini, 'cacheWrite')).toEqual({
      perMillion: expect.anything(),
      note: 'no cache-write price: cache writes priced as input',
    });
    const embedding = findModelPrice(
      DEFAULT_AI_PRICES,
      'text-embedding-3-small',
    )!;
    expect(priceOfTokenType(embedding, 'output')).toBeUndefined();
  });

  it('reads configured models over the built-in ones, dated', () => {
    const table = read({
      asOf: '2026-12-01',
      models: [
        { model: 'gpt-4o', input: 2, cachedInput: 1, output: 8 },
        {
          model: 'acme-llm',
          provider: 'Acme',
          input: '0.5',
          output: '1.5',
          asOf: '2026-11-15',
        },
      ],
    });
    expect(table.asOf).toBe('2026-12-01');
    expect(table.models).toHaveLength(DEFAULT_AI_PRICES.models.length + 1);
    expect(findModelPrice(table, 'gpt-4o-2024-08-06')).toEqual({
      model: 'gpt-4o',
      provider: 'OpenAI',
      kind: 'chat',
      input: '2',
      cachedInput: '1',
      output: '8',
      asOf: '2026-12-01',
    });
    expect(findModelPrice(table, 'acme-llm')).toMatchObject({
      provider: 'Acme',
      asOf: '2026-11-15',
    });
    const only = read({
      replaceDefaults: true,
      currency: 'eur',
      models: [{ model: 'x', input: 1, output: 2, asOf: '2026-12-01' }],
    });
    expect(only).toEqual({
      currency: 'EUR',
      asOf: '2026-12-01',
      models: [
        {
          model: 'x',
          provider: '',
          kind: 'chat',
          input: '1',
          output: '2',
          asOf: '2026-12-01',
        },
      ],
    });
  });

  it('refuses a bad setting with a message that names it', () => {
    expect(() =>
      read({ models: [{ model: 'x', input: 1, output: 2 }] }),
    ).toThrow(/finops\.ai\.prices\.models\[0\]\.asOf: is missing/);
    expect(() =>
      read({ asOf: '2026-12-01', models: [{ model: 'x', input: -1 }] }),
    ).toThrow(/models\[0\]\.input: must be a price per million tokens/);
    expect(() =>
      read({ asOf: '2026-12-01', models: [{ model: 'x', input: 1 }] }),
    ).toThrow(/models\[0\]\.output: is missing/);
    expect(() => read({ asOf: '2026-13-01' })).toThrow(
      /finops\.ai\.prices\.asOf: must be a day/,
    );
    expect(() => read({ currency: 'EUR' })).toThrow(/replaceDefaults: true/);
    expect(() =>
      read({
        asOf: '2026-12-01',
        models: [{ model: 'x', input: 1, output: 2, match: '(' }],
      }),
    ).toThrow(/match: is not a regular expression/);
  });

  it('is part of the finops configuration, the built-in table by default', () => {
    expect(readFinopsConfig(new ConfigReader({})).ai?.prices).toBe(
      DEFAULT_AI_PRICES,
    );
  });
});
