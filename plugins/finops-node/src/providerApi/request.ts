import { ProviderApiError, shownUrl } from './errors';
import { ExactJson, isJsonObject, parseExactJson } from './json';

/**
 * How a provider API call is retried: on HTTP 429, HTTP 5xx and when the
 * endpoint cannot be reached, waiting what the answer's `Retry-After` asks,
 * else `initialDelayMs` doubled at each retry, at most `maxDelayMs`.
 *
 * @public
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** The wait before the first retry without `Retry-After`. Default 1,000 ms. */
  initialDelayMs?: number;
  /**
   * The longest wait between two attempts. Default 60,000 ms. An answer
   * whose `Retry-After` asks for longer fails the call at once (as
   * `rate-limited`): the next scheduled pull tries again.
   */
  maxDelayMs?: number;
  /** Waits `ms`; tests pass one that does not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * How a provider API is called.
 *
 * @public
 */
export interface ProviderRequestOptions {
  /** Names the API in messages, e.g. `OpenAI`. */
  service: string;
  /** Request headers, the key among them. */
  headers: Record<string, string>;
  retry?: RetryPolicy;
  /** Gives up on one attempt after this long. Default 60,000 ms. */
  timeoutMs?: number;
  /** Aborts the call (and the waits between attempts). */
  signal?: AbortSignal;
  /** Added to the message of a refused key, e.g. which setting holds it. */
  authHint?: string;
  /** Told each retry, for logs. */
  onRetry?: (retry: {
    url: string;
    attempt: number;
    delayMs: number;
    reason: string;
  }) => void;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
}

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_INITIAL_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_SHOWN_BODY = 300;

/**
 * Waits `ms` milliseconds, or rejects when `signal` aborts.
 *
 * @public
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The wait a `Retry-After` header asks for, in ms: seconds, or an HTTP date.
 * Undefined when absent or unreadable.
 *
 * @public
 */
export function retryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** What the answer's body says went wrong: its `error.message`, `message` or text. */
function messageOf(text: string): string {
  let message: string | undefined;
  try {
    const body = JSON.parse(text);
    const error = isJsonObject(body) ? body.error : undefined;
    if (isJsonObject(error) && typeof error.message === 'string')
      message = error.message;
    else if (typeof error === 'string') message = error;
    else if (isJsonObject(body) && typeof body.message === 'string')
      message = body.message;
  } catch {
    // not JSON: the text itself
  }
  const shown = (message ?? text).replace(/\s+/g, ' ').trim();
  return shown.length > MAX_SHOWN_BODY
    ? `${shown.slice(0, MAX_SHOWN_BODY)}…`
    : shown;
}

function causeOf(error: unknown): string {
  const e = error as {
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const code = e?.cause?.code;
  const detail = e?.cause?.message ?? e?.message ?? String(error);
  // a URL in the detail may carry credentials
  return shownUrl(
    code && !detail.includes(code) ? `${code}: ${detail}` : detail,
  );
}

/** An attempt that may be retried: why it failed and how long to wait. */
interface Retryable {
  reason: string;
  kind: 'unreachable' | 'rate-limited' | 'server';
  status?: number;
  /** What the answer's Retry-After asked for, if anything. */
  retryAfter?: number;
}

/** One GET: the parsed body, or why it may be retried; throws what may not. */
async function attemptOnce(
  url: string | URL,
  target: string,
  options: ProviderRequestOptions,
): Promise<{ body: ExactJson } | { retryable: Retryable }> {
  const { service } = options;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: options.headers,
      signal: options.signal
        ? AbortSignal.any([options.signal, timeout])
        : timeout,
    });
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      retryable: {
        reason: `could not be reached (${causeOf(error)})`,
        kind: 'unreachable',
      },
    };
  }
  const status = response.status;
  if (response.ok) {
    try {
      return { body: parseExactJson(text) };
    } catch {
      throw new ProviderApiError(
        `${service} answered ${target} with a body that is not JSON: '${messageOf(
          text,
        )}'`,
        'malformed',
        status,
      );
    }
  }
  const said = messageOf(text) || response.statusText;
  if (status === 401 || status === 403) {
    throw new ProviderApiError(
      `${service} refused the admin key (HTTP ${status} to ${target}): ${said}${
        options.authHint ? `. ${options.authHint}` : ''
      }`,
      'auth',
      status,
    );
  }
  if (status === 429 || status >= 500) {
    return {
      retryable: {
        reason: `answered HTTP ${status}${said ? ` (${said})` : ''}`,
        kind: status === 429 ? 'rate-limited' : 'server',
        status,
        retryAfter: retryAfterMs(response.headers.get('retry-after')),
      },
    };
  }
  throw new ProviderApiError(
    `${service} answered HTTP ${status} to ${target}: ${said}`,
    'request',
    status,
  );
}

/**
 * GETs a provider API URL and parses its JSON body with exact numbers
 * ({@link parseExactJson}). Retries HTTP 429, HTTP 5xx and unreachable
 * endpoints as the {@link RetryPolicy} says; fails at once, without retry,
 * when the key is refused (401, 403) or the request is wrong (other 4xx).
 * Every failure is a {@link ProviderApiError} whose message names the
 * service, the URL and what the answer said.
 *
 * @public
 */
export async function fetchProviderJson(
  url: string | URL,
  options: ProviderRequestOptions,
): Promise<ExactJson> {
  const { service, retry = {} } = options;
  const attempts = Math.max(1, retry.maxAttempts ?? DEFAULT_ATTEMPTS);
  const initialDelay = retry.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const maxDelay = retry.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const wait = retry.sleep ?? sleep;
  const shown = shownUrl(url);
  const target = `GET ${shown}`;

  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(url, target, options);
    if ('body' in outcome) return outcome.body;
    const failure = outcome.retryable;
    if (failure.retryAfter !== undefined && failure.retryAfter > maxDelay) {
      throw new ProviderApiError(
        `${service} ${
          failure.reason
        } to ${target} and asked to wait ${Math.ceil(
          failure.retryAfter / 1000,
        )} s before retrying, longer than the ${Math.ceil(
          maxDelay / 1000,
        )} s allowed; the next pull tries again`,
        failure.kind,
        failure.status,
      );
    }
    if (attempt >= attempts) {
      throw new ProviderApiError(
        failure.kind === 'unreachable'
          ? `The ${service} API at ${shownUrl(new URL(String(url)).origin)} ${
              failure.reason
            }; gave up after ${attempts} attempt(s) of ${target}`
          : `${service} ${failure.reason} to ${target}; gave up after ${attempts} attempt(s)`,
        failure.kind,
        failure.status,
      );
    }
    const delayMs =
      failure.retryAfter ??
      Math.min(maxDelay, initialDelay * 2 ** (attempt - 1));
    options.onRetry?.({ url: shown, attempt, delayMs, reason: failure.reason });
    await wait(delayMs, options.signal);
  }
}
