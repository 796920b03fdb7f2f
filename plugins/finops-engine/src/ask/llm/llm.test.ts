import http from 'http';
import type { AddressInfo } from 'net';
import { startEngine } from '../../__testUtils__/engine';
import type { AskLlmConfig } from '../../config';
import { askEngineOf } from '../__testUtils__/askEngines';
import { SHOP_ENTITIES, shopCsv } from '../__testUtils__/smallShop';
import type { AskEngine } from '../AskEngine';

jest.setTimeout(60_000);

interface Recorded {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** A model server on 127.0.0.1 answering each request in turn from a script. */
async function fakeModel(replies: Array<object | 'hang'>) {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => {
      requests.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(text),
      });
      const reply = replies[requests.length - 1];
      if (reply === 'hang') return;
      res.writeHead(reply ? 200 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply ?? { error: 'no more replies' }));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

const openAiToolCall = (args: object) => ({
  choices: [
    {
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: {
              name: 'run_cost_query',
              arguments: JSON.stringify(args),
            },
          },
        ],
      },
    },
  ],
});
const openAiText = (content: string) => ({
  choices: [{ message: { role: 'assistant', content } }],
});
const anthropicToolUse = (input: object) => ({
  content: [{ type: 'tool_use', id: 'toolu_1', name: 'run_cost_query', input }],
  stop_reason: 'tool_use',
});
const anthropicText = (text: string) => ({
  content: [{ type: 'text', text }],
  stop_reason: 'end_turn',
});

const SPIKE = {
  intent: 'change',
  entityRef: 'system:default/store',
  spike: true,
};

describe('Ask Costwise with a language model', () => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let plain: AskEngine;
  beforeAll(async () => {
    engine = await startEngine({ csv: shopCsv(), entities: SHOP_ENTITIES });
    plain = askEngineOf(engine, SHOP_ENTITIES);
  });
  const withModel = (
    llm: Partial<AskLlmConfig> & Pick<AskLlmConfig, 'provider' | 'baseUrl'>,
  ) =>
    askEngineOf(engine, SHOP_ENTITIES, {
      config: {
        timeZone: 'UTC',
        llm: {
          model: 'test-model',
          apiKey: 'secret-key',
          timeoutMs: 5000,
          ...llm,
        },
      },
    });

  it('OpenAI tools: the model writes the query and phrases the answer from the engine’s figures', async () => {
    const text =
      'Store spiked on 7 Mar 2025: it cost $31.25, $19.00 more than the $12.25 of the day before, mostly AWS Lambda.';
    const server = await fakeModel([openAiToolCall(SPIKE), openAiText(text)]);
    try {
      const answer = await withModel({
        provider: 'openai',
        baseUrl: `http://127.0.0.1:${server.port}/v1`,
      }).ask('Why did the store spike?');
      expect(answer.answer).toBe(text);
      expect(answer.figures.map(f => f.amount)).toEqual([
        '31.25',
        '12.25',
        '19',
      ]);
      expect(answer.lineage).toMatchObject({
        parsedBy: 'model',
        phrasedBy: 'model',
        query: { intent: 'change', day: '2025-03-07' },
      });
      const [first, second] = server.requests;
      expect(first.path).toBe('/v1/chat/completions');
      expect(first.headers.authorization).toBe('Bearer secret-key');
      expect(first.body).toMatchObject({
        model: 'test-model',
        tool_choice: 'auto',
      });
      expect(first.body.tools[0].function).toMatchObject({
        name: 'run_cost_query',
        parameters: { required: ['intent'] },
      });
      expect(first.body.messages[0].content).toMatch(/Today is 2025-03-07/);
      expect(first.body.messages[1]).toEqual({
        role: 'user',
        content: 'Why did the store spike?',
      });
      const tool = second.body.messages.find((m: any) => m.role === 'tool');
      expect(tool.tool_call_id).toBe('call_1');
      expect(JSON.parse(tool.content).figures[0].amount).toBe('31.25');
    } finally {
      await server.close();
    }
  });

  it('OpenAI tools: a sentence with a number the engine did not return is replaced by the engine’s own', async () => {
    const server = await fakeModel([
      openAiToolCall(SPIKE),
      openAiText('Store spiked by $25.00 on 7 Mar 2025.'),
    ]);
    try {
      const answer = await withModel({
        provider: 'openai',
        baseUrl: `http://127.0.0.1:${server.port}/v1`,
      }).ask('Why did the store spike?');
      const engineOnly = await plain.ask('Why did the store spike?');
      expect(answer.answer).toBe(engineOnly.answer);
      expect(answer.answer).not.toMatch(/25\.00/);
      expect(answer.lineage).toMatchObject({
        parsedBy: 'model',
        phrasedBy: 'engine',
      });
    } finally {
      await server.close();
    }
  });

  it('Anthropic tools: the model writes the query and phrases the answer', async () => {
    const text = 'Shop API cost $33.00 from 1 to 7 Mar 2025.';
    const server = await fakeModel([
      anthropicToolUse({
        intent: 'cost',
        entityRef: 'component:default/shop-api',
      }),
      anthropicText(text),
    ]);
    try {
      const answer = await withModel({
        provider: 'anthropic',
        baseUrl: `http://127.0.0.1:${server.port}`,
      }).ask('How much has the shop API cost us?');
      expect(answer.answer).toBe(text);
      expect(answer.figures[0]).toMatchObject({
        entity: 'component:default/shop-api',
        amount: '33',
      });
      expect(answer.lineage).toMatchObject({
        parsedBy: 'model',
        phrasedBy: 'model',
      });
      const [first, second] = server.requests;
      expect(first.path).toBe('/v1/messages');
      expect(first.headers['x-api-key']).toBe('secret-key');
      expect(first.headers['anthropic-version']).toBe('2023-06-01');
      expect(first.body.tools[0]).toMatchObject({
        name: 'run_cost_query',
        input_schema: { type: 'object' },
      });
      expect(first.body.system).toMatch(
        /component:default\/shop-api \(Shop API\)/,
      );
      const result = second.body.messages[2].content[0];
      expect(result).toMatchObject({
        type: 'tool_result',
        tool_use_id: 'toolu_1',
      });
      expect(JSON.parse(result.content).figures[0].amount).toBe('33');
    } finally {
      await server.close();
    }
  });

  it('Anthropic tools: an invented number falls back to the engine’s phrasing', async () => {
    const server = await fakeModel([
      anthropicToolUse({
        intent: 'cost',
        entityRef: 'component:default/shop-api',
      }),
      anthropicText('Shop API cost about $40 this month, 12% more than usual.'),
    ]);
    try {
      const answer = await withModel({
        provider: 'anthropic',
        baseUrl: `http://127.0.0.1:${server.port}`,
      }).ask('How much has the shop API cost us?');
      expect(answer.answer).toMatch(
        /^Shop API's amortized cost for 1–7 Mar 2025 is \$33\.00/,
      );
      expect(answer.lineage).toMatchObject({
        parsedBy: 'model',
        phrasedBy: 'engine',
      });
    } finally {
      await server.close();
    }
  });

  it('answers alone, the same as without a model, when the endpoint cannot be reached, hangs, calls no tool or writes a query the engine refuses', async () => {
    const question = 'Why did the store spike on Friday?';
    const expected = await plain.ask(question);
    // a port nothing listens on
    const closed = await fakeModel([]);
    await closed.close();
    const unreachable = await withModel({
      provider: 'openai',
      baseUrl: `http://127.0.0.1:${closed.port}/v1`,
    }).ask(question);
    expect(unreachable.answer).toBe(expected.answer);
    expect(unreachable.figures).toEqual(expected.figures);
    expect(unreachable.lineage?.parsedBy).toBe('engine');

    const hanging = await fakeModel(['hang']);
    try {
      const slow = await withModel({
        provider: 'anthropic',
        baseUrl: `http://127.0.0.1:${hanging.port}`,
        timeoutMs: 300,
      }).ask(question);
      expect(slow.answer).toBe(expected.answer);
    } finally {
      await hanging.close();
    }

    const chatty = await fakeModel([
      openAiText('It spiked because of Lambda.'),
    ]);
    try {
      const noTool = await withModel({
        provider: 'openai',
        baseUrl: `http://127.0.0.1:${chatty.port}/v1`,
      }).ask(question);
      expect(noTool.answer).toBe(expected.answer);
      expect(chatty.requests).toHaveLength(1);
    } finally {
      await chatty.close();
    }

    const wrong = await fakeModel([
      openAiToolCall({
        intent: 'cost',
        entityRef: 'component:default/not-there',
      }),
    ]);
    try {
      const refused = await withModel({
        provider: 'openai',
        baseUrl: `http://127.0.0.1:${wrong.port}/v1`,
      }).ask(question);
      expect(refused.answer).toBe(expected.answer);
      expect(refused.lineage?.parsedBy).toBe('engine');
    } finally {
      await wrong.close();
    }
  });
});
