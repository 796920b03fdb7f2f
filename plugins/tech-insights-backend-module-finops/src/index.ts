/**
 * A Tech Insights backend module with the Costwise FinOps facts of each
 * entity, and scorecard checks on them for the JSON rules engine fact
 * checker.
 *
 * @packageDocumentation
 */
export { techInsightsModuleFinops as default } from './module';
export {
  COSTWISE_FACT_RETRIEVER_ID,
  createCostwiseFactRetriever,
} from './costwiseFactRetriever';
export { costwiseFactSchema } from './facts';
export type { CostwiseFacts } from './facts';
export { costwiseChecks, costwiseChecksConfig } from './checks';
export type { CostwiseCheck } from './checks';
