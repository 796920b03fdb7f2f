/**
 * Why a provider API call failed:
 *
 * - `auth`: the key was refused (HTTP 401 or 403); never retried.
 * - `unreachable`: no answer (DNS, connection refused, timeout) after every attempt.
 * - `rate-limited`: HTTP 429 after every attempt, or a `Retry-After` longer than allowed.
 * - `server`: HTTP 5xx after every attempt.
 * - `request`: another HTTP error (400, 404 ...), never retried.
 * - `malformed`: an answer that is not the documented JSON.
 *
 * @public
 */
export type ProviderApiErrorKind =
  | 'auth'
  | 'unreachable'
  | 'rate-limited'
  | 'server'
  | 'request'
  | 'malformed';

/**
 * A provider API call that failed, with a message that says what to do.
 * Its message never contains a key: keys travel in headers, and URLs are
 * shown without credentials.
 *
 * @public
 */
export class ProviderApiError extends Error {
  readonly name = 'ProviderApiError';
  /**
   * Answered by a backend route as 502 Bad Gateway: the provider failed,
   * not the caller (a provider's 401 must not read as the caller's).
   */
  readonly statusCode = 502;

  constructor(
    message: string,
    readonly kind: ProviderApiErrorKind,
    /** The HTTP status of the provider's last answer, if there was one. */
    readonly providerStatus?: number,
  ) {
    super(message);
  }
}

/** A URL as it may be shown: without the credentials it may carry. */
export function shownUrl(url: string | URL): string {
  return String(url).replace(/\/\/[^/@\s]*@/g, '//***@');
}
