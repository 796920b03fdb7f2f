export { AiUsageService, NO_TEAM, WHAT_IF_DAYS } from './AiUsageService';
export { classifyAiGroup, tokenTypeOfText, unitFactor } from './classify';
export type { AiGroupInfo } from './classify';
export { readUsageLines } from './lines';
export type { AiUsageLine } from './lines';
export { computeWhatIf, priceTokens } from './whatIf';
export type { SpendEntry } from './spend';
