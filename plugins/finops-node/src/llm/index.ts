export {
  DEFAULT_LLM_PRICES,
  DEFAULT_LLM_PRICES_AS_OF,
  LlmPriceTable,
} from './prices';
export type {
  LlmModelPrice,
  LlmPriceModifiers,
  LlmTokenKind,
  LlmTokenPrices,
} from './prices';
export { allocateLlmCosts, LLM_ALLOCATION_METHODS } from './allocate';
export type {
  LlmCostLine,
  LlmRowTemplate,
  LlmSourceRef,
  LlmUsageLine,
} from './allocate';
export { llmTokenDims, llmTokenLabel, llmTokenTags } from './tokens';
