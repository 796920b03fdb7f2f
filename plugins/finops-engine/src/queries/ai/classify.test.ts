import type { GroupDetails } from '../../stores';
import { classifyAiGroup, tokenTypeOfText, unitFactor } from './classify';

const group = (dims: Partial<GroupDetails>): GroupDetails => ({
  id: '1',
  provider: 'OpenAI',
  billingAccountId: 'org',
  serviceName: 'OpenAI API',
  currency: 'USD',
  tags: {},
  ...dims,
});

describe('reading fact groups as LLM usage', () => {
  it('names the token type of units and SKUs as providers and FOCUS exports spell them', () => {
    expect(tokenTypeOfText('Input Tokens')).toBe('input');
    expect(tokenTypeOfText('Cached Input Tokens')).toBe('cachedInput');
    expect(tokenTypeOfText('cache_read_input_tokens')).toBe('cachedInput');
    expect(tokenTypeOfText('uncached_input_tokens')).toBe('input');
    expect(tokenTypeOfText('cache_creation_input_tokens')).toBe('cacheWrite');
    expect(tokenTypeOfText('1K Output Tokens')).toBe('output');
    expect(tokenTypeOfText('Tokens')).toBe('input');
    expect(tokenTypeOfText('Hours')).toBeUndefined();
    expect([
      unitFactor('Tokens'),
      unitFactor('1K Tokens'),
      unitFactor('1000000 Tokens'),
      unitFactor('1M tokens'),
    ]).toEqual([1, 1000, 1_000_000, 1_000_000]);
  });

  it('reads the model and token type from the FOCUS AI columns first', () => {
    expect(
      classifyAiGroup(
        group({
          skuId: 'sku-1',
          consumedUnit: 'Tokens',
          tags: {
            x_ModelId: 'gpt-4o',
            x_TokenDirection: 'Input',
            x_TokenCacheAction: 'Read',
            x_CredentialId: 'key_1',
          },
        }),
      ),
    ).toEqual({
      groupId: '1',
      model: 'gpt-4o',
      provider: 'OpenAI',
      line: 'cachedInput',
      factor: 1,
      credential: 'key_1',
    });
    // the demo's rows: the model is the SKU, the token type the unit
    expect(
      classifyAiGroup(
        group({ skuId: 'gpt-4o-mini', consumedUnit: 'Output Tokens' }),
      ),
    ).toMatchObject({ model: 'gpt-4o-mini', line: 'output' });
  });

  it('keeps request counts and other spend of an LLM API apart, and ignores other cloud spend', () => {
    expect(
      classifyAiGroup(
        group({ consumedUnit: 'Requests', tags: { x_ModelId: 'gpt-4o' } }),
      ),
    ).toMatchObject({ line: 'requests', factor: 1 });
    expect(
      classifyAiGroup(
        group({
          provider: 'Anthropic',
          serviceName: 'Anthropic API',
          consumedUnit: 'Searches',
        }),
      ),
    ).toMatchObject({ line: 'other', factor: 0, model: '(unknown model)' });
    expect(
      classifyAiGroup(
        group({
          provider: 'AWS',
          serviceName: 'Amazon SageMaker',
          serviceCategory: 'AI and Machine Learning',
          consumedUnit: 'Hours',
        }),
      ),
    ).toBeUndefined();
    // a function's or a gateway's requests are not a model's
    for (const serviceName of ['AWS Lambda', 'Amazon API Gateway'])
      expect(
        classifyAiGroup(
          group({ provider: 'AWS', serviceName, consumedUnit: 'Requests' }),
        ),
      ).toBeUndefined();
  });
});
