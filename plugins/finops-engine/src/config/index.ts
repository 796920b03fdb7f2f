export { DEFAULT_INFERENCE_TAG_KEYS, readFinopsConfig } from './config';
export type {
  FinopsConfig,
  GovernanceConfig,
  RecommendationConfig,
  SourceConfig,
} from './config';
export { readConfigFiles, readFinopsConfigFiles } from './configFiles';
