/**
 * A Costwise FinOps backend module that ingests OpenAI's organization
 * Costs and Usage APIs as a cost source (`type: openai`).
 *
 * @packageDocumentation
 */
export { finopsModuleOpenAi as default } from './module';
export { createOpenAiSourceType } from './OpenAiSourceType';
export type { OpenAiSourceOptions } from './OpenAiSourceType';
export {
  OPENAI_API_URL,
  OPENAI_USAGE_ENDPOINTS,
  readOpenAiConfig,
} from './config';
export type { OpenAiConfig, OpenAiUsageEndpoint } from './config';
