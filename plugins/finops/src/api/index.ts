export { finopsApiRef } from './FinopsApi';
export type {
  FinopsApi,
  FinopsCostsQuery,
  FinopsHealth,
  FinopsResourcesQuery,
  FinopsSummaryOptions,
} from './FinopsApi';
export { FinopsClient } from './FinopsClient';
