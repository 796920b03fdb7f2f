import { ConfigReader } from '@backstage/config';
import { readAskConfig } from '../config';

const read = (ask: object) => readAskConfig(new ConfigReader({ ask }));

describe('finops.ask', () => {
  it('defaults to UTC and no language model', () => {
    expect(readAskConfig(undefined)).toEqual({ timeZone: 'UTC' });
    expect(read({})).toEqual({ timeZone: 'UTC' });
  });

  it('reads a model with the provider’s default base URL and a timeout', () => {
    expect(
      read({
        timeZone: 'Europe/Berlin',
        llm: {
          provider: 'anthropic',
          model: 'claude-3-5-haiku-20241022',
          apiKey: 'k',
        },
      }),
    ).toEqual({
      timeZone: 'Europe/Berlin',
      llm: {
        provider: 'anthropic',
        baseUrl: 'https://api.anthropic.com',
        model: 'claude-3-5-haiku-20241022',
        apiKey: 'k',
        timeoutMs: 20000,
      },
    });
    expect(
      read({
        llm: {
          provider: 'openai',
          baseUrl: 'http://localhost:8080/v1/',
          model: 'm',
          apiKey: 'k',
          timeoutMs: 5000,
        },
      }).llm,
    ).toMatchObject({
      baseUrl: 'http://localhost:8080/v1',
      timeoutMs: 5000,
    });
  });

  it('names the key that is wrong', () => {
    expect(() => read({ timeZone: 'Mars/Olympus' })).toThrow(
      /finops\.ask\.timeZone must be an IANA time zone/,
    );
    expect(() =>
      read({ llm: { provider: 'cohere', model: 'm', apiKey: 'k' } }),
    ).toThrow(/finops\.ask\.llm\.provider must be 'openai' or 'anthropic'/);
    expect(() =>
      read({
        llm: {
          provider: 'openai',
          baseUrl: 'ftp://x',
          model: 'm',
          apiKey: 'k',
        },
      }),
    ).toThrow(/baseUrl must be an http\(s\) URL/);
    expect(() => read({ llm: { provider: 'openai', model: 'm' } })).toThrow(
      /apiKey/,
    );
  });
});
