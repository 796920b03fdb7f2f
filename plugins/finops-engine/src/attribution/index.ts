export { attribute } from './engine';
export { rollupMemberKeys, rollupMembers } from './rollups';
export type { MemberKeys } from './rollups';
export { toAttributionReport } from './report';
export {
  CatalogFileError,
  parseCatalogYaml,
  readCatalogFiles,
} from './catalogFiles';
export type {
  AttributionAmount,
  AttributionConfig,
  AttributionGroup,
  AttributionInput,
  AttributionOverride,
  AttributionResult,
  GroupAttribution,
} from './types';
export { entityRefOf, normalizeEntityRef, readRelations } from './relations';
export type { EntityRelations } from './relations';
export * from './runner';
export { OverrideService } from './OverrideService';
export type { OverrideRequest } from './OverrideService';
export {
  MAX_PATTERN_LENGTH,
  MAX_PATTERN_STARS,
  patternProblem,
} from './patterns';
