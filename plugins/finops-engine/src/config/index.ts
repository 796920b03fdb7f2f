export { DEFAULT_INFERENCE_TAG_KEYS, readFinopsConfig } from './config';
export type {
  FinopsConfig,
  RecommendationConfig,
  SourceConfig,
} from './config';
export type { GovernanceConfig } from './governance';
export { readConfigFiles, readFinopsConfigFiles } from './configFiles';
export { DEFAULT_ANOMALY_CONFIG, readAnomalyConfig } from './anomalies';
export { DEFAULT_BUDGET_CONFIG, readBudgetConfig } from './budgets';
export type { BudgetConfig } from './budgets';
export type { AnomalyConfig } from './anomalies';
export { readAskConfig } from './ask';
export type { AskConfig, AskLlmConfig } from './ask';
export {
  DEFAULT_AI_PRICES,
  findModelPrice,
  priceOfTokenType,
  readAiPriceTable,
} from './aiPrices';
export type { AiModelPrice, AiPriceTable } from './aiPrices';
