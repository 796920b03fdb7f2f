import { llmProvidersServedBySources } from './demoData';

describe('llmProvidersServedBySources', () => {
  const installed = (...types: string[]) => ({
    getSourceType: (type: string) =>
      types.includes(type) ? { type, read: async function* () {} } : undefined,
  });

  it('names the providers a configured source of an installed connector pulls', () => {
    expect(
      llmProvidersServedBySources(
        [
          { type: 'focus' },
          { type: 'anthropic' },
          { type: 'openai' },
          { type: 'openai' },
        ],
        installed('focus', 'openai', 'anthropic'),
      ),
    ).toEqual(['Anthropic', 'OpenAI']);
  });

  it('keeps the rows of a provider whose connector is not installed or has no source', () => {
    expect(
      llmProvidersServedBySources(
        [{ type: 'openai' }, { type: 'focus' }],
        installed('focus', 'anthropic'),
      ),
    ).toEqual([]);
    expect(
      llmProvidersServedBySources([], installed('openai', 'anthropic')),
    ).toEqual([]);
  });
});
