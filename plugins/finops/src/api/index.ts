export { finopsApiRef } from './FinopsApi';
export type { FinopsApi, FinopsHealth } from './FinopsApi';
export { FinopsClient } from './FinopsClient';
