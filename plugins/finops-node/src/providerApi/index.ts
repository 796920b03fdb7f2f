export { ProviderApiError } from './errors';
export type { ProviderApiErrorKind } from './errors';
export { isJsonObject, parseExactJson } from './json';
export type { ExactJson } from './json';
export { fetchProviderJson, retryAfterMs } from './request';
export type { ProviderRequestOptions, RetryPolicy } from './request';
export { buildProviderUrl, fetchAllPages } from './pages';
export type { ProviderPage, QueryValue } from './pages';
export { bucketResults } from './buckets';
export type { BucketResult } from './buckets';
export { bucketDay, pullWindow, windowSpans } from './window';
export type { PullWindow } from './window';
export {
  checkProviderBaseUrl,
  finishLlmPull,
  llmPriceTableWith,
  logProviderRetries,
  providerSourceBaseUrl,
  readProviderApiConfig,
} from './llmSource';
export type { ProviderApiConfig } from './llmSource';
