import type { AskLlmConfig } from '../../config';
import { TOOL_DESCRIPTION, TOOL_NAME, TOOL_PARAMETERS } from './schema';

/** A conversation with a model: its tool call, and how to hand it the result. */
export interface ModelTurn {
  /** The tool's input as the model wrote it; undefined when it called no tool. */
  toolInput?: unknown;
  /** Sends the tool's result and returns the model's text, if any. */
  answer(result: unknown, instruction: string): Promise<string | undefined>;
}

/** The HTTP client of a model provider: one tool call, then one answer. */
export interface ModelClient {
  start(system: string, question: string): Promise<ModelTurn>;
}

type Fetch = typeof fetch;

async function post(
  fetchImpl: Fetch,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs: number,
): Promise<any> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok)
    throw new Error(
      `${url} answered ${response.status} ${response.statusText}`.trim(),
    );
  return response.json();
}

/** An OpenAI-compatible chat-completions endpoint with function tools. */
function openAiClient(config: AskLlmConfig, fetchImpl: Fetch): ModelClient {
  const url = `${config.baseUrl}/chat/completions`;
  const headers = { authorization: `Bearer ${config.apiKey}` };
  const tools = [
    {
      type: 'function',
      function: {
        name: TOOL_NAME,
        description: TOOL_DESCRIPTION,
        parameters: TOOL_PARAMETERS,
      },
    },
  ];
  return {
    async start(system, question) {
      const messages: any[] = [
        { role: 'system', content: system },
        { role: 'user', content: question },
      ];
      const first = await post(
        fetchImpl,
        url,
        headers,
        {
          model: config.model,
          messages,
          tools,
          tool_choice: 'auto',
          temperature: 0,
        },
        config.timeoutMs,
      );
      const message = first?.choices?.[0]?.message;
      const call = message?.tool_calls?.find(
        (c: any) => c?.function?.name === TOOL_NAME,
      );
      let toolInput: unknown;
      if (call) {
        try {
          toolInput = JSON.parse(call.function.arguments ?? '{}');
        } catch {
          toolInput = undefined;
        }
      }
      return {
        toolInput,
        async answer(result, instruction) {
          const second = await post(
            fetchImpl,
            url,
            headers,
            {
              model: config.model,
              temperature: 0,
              messages: [
                ...messages,
                {
                  role: 'assistant',
                  content: message?.content ?? null,
                  tool_calls: [call],
                },
                {
                  role: 'tool',
                  tool_call_id: call.id,
                  content: JSON.stringify(result),
                },
                { role: 'user', content: instruction },
              ],
            },
            config.timeoutMs,
          );
          const text = second?.choices?.[0]?.message?.content;
          return typeof text === 'string' && text.trim()
            ? text.trim()
            : undefined;
        },
      };
    },
  };
}

/** The Anthropic messages API with tools. */
function anthropicClient(config: AskLlmConfig, fetchImpl: Fetch): ModelClient {
  const url = `${config.baseUrl}/v1/messages`;
  const headers = {
    'x-api-key': config.apiKey,
    'anthropic-version': '2023-06-01',
  };
  const tools = [
    {
      name: TOOL_NAME,
      description: TOOL_DESCRIPTION,
      input_schema: TOOL_PARAMETERS,
    },
  ];
  return {
    async start(system, question) {
      const messages: any[] = [{ role: 'user', content: question }];
      const first = await post(
        fetchImpl,
        url,
        headers,
        {
          model: config.model,
          max_tokens: 1024,
          system,
          messages,
          tools,
          tool_choice: { type: 'auto' },
        },
        config.timeoutMs,
      );
      const content: any[] = Array.isArray(first?.content) ? first.content : [];
      const call = content.find(
        c => c?.type === 'tool_use' && c.name === TOOL_NAME,
      );
      return {
        toolInput: call?.input,
        async answer(result, instruction) {
          const second = await post(
            fetchImpl,
            url,
            headers,
            {
              model: config.model,
              max_tokens: 1024,
              system,
              messages: [
                ...messages,
                { role: 'assistant', content },
                {
                  role: 'user',
                  content: [
                    {
                      type: 'tool_result',
                      tool_use_id: call.id,
                      content: JSON.stringify(result),
                    },
                    { type: 'text', text: instruction },
                  ],
                },
              ],
            },
            config.timeoutMs,
          );
          const text = (Array.isArray(second?.content) ? second.content : [])
            .filter((c: any) => c?.type === 'text')
            .map((c: any) => c.text)
            .join('')
            .trim();
          return text || undefined;
        },
      };
    },
  };
}

/** The client of the configured provider, on `fetchImpl` (the global `fetch` by default). */
export function modelClient(
  config: AskLlmConfig,
  fetchImpl: Fetch = fetch,
): ModelClient {
  return config.provider === 'anthropic'
    ? anthropicClient(config, fetchImpl)
    : openAiClient(config, fetchImpl);
}
