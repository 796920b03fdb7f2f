/**
 * A Costwise FinOps backend module that ingests Anthropic's Admin API cost
 * and usage reports as a cost source (`type: anthropic`).
 *
 * @packageDocumentation
 */
export { finopsModuleAnthropic as default } from './module';
export { createAnthropicSourceType } from './AnthropicSourceType';
export type { AnthropicSourceOptions } from './AnthropicSourceType';
export { ANTHROPIC_API_URL, readAnthropicConfig } from './config';
export type { AnthropicConfig } from './config';
