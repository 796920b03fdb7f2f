export { DEFAULT_LLM_PRICES, DEFAULT_LLM_PRICES_AS_OF } from './defaultPrices';
export { LlmPriceTable } from './prices';
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
} from './lines';
export { llmTokenDims, llmTokenLabel, llmTokenTags } from './tokens';
