export { attribute } from './engine';
export { rollupMembers } from './rollups';
export { toAttributionReport } from './report';
export { loadAttributionInput } from './loadInput';
export type {
  LoadAttributionOptions,
  LoadedAttributionInput,
} from './loadInput';
export {
  CatalogFileError,
  parseCatalogYaml,
  readCatalogFiles,
} from './catalogFiles';
export { readFinopsConfigFiles } from './configFiles';
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
