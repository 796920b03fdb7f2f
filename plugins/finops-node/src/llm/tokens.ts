import type { LlmTokenKind } from './prices';

/**
 * The SKU label of a token kind, after the model in a SKU id:
 * `input`, `cached input`, `cache write`, `cache write 1h`, `output`,
 * `audio input` ...
 *
 * @public
 */
export function llmTokenLabel(kind: LlmTokenKind): string {
  const words: string[] = [];
  if (kind.modality) words.push(kind.modality.toLowerCase());
  if (kind.direction === 'Output') {
    words.push('output');
  } else if (kind.cacheAction === 'Read') {
    words.push('cached input');
  } else if (kind.cacheAction === 'Write') {
    words.push('cache write');
    if (kind.cacheTtl) words.push(kind.cacheTtl);
  } else {
    words.push('input');
  }
  return words.join(' ');
}

/**
 * The `x_` columns of a token kind (tags of the rows): `x_TokenDirection`
 * (`Input`, `Output`), `x_TokenCacheAction` (`Uncached`, `Read`, `Write`;
 * input only), `x_CacheTtl` and `x_TokenModality` where they apply. A key
 * that does not apply is left out, as the FOCUS draft asks.
 *
 * @public
 */
export function llmTokenTags(kind: LlmTokenKind): Record<string, string> {
  const tags: Record<string, string> = { x_TokenDirection: kind.direction };
  if (kind.direction === 'Input')
    tags.x_TokenCacheAction = kind.cacheAction ?? 'Uncached';
  if (kind.cacheTtl) tags.x_CacheTtl = kind.cacheTtl;
  if (kind.modality) tags.x_TokenModality = kind.modality;
  return tags;
}

/**
 * The match keys of a token kind (see `LlmUsageLine.dims`):
 * `tokenDirection`, `tokenCacheAction`, `cacheTtl` and `modality` (`Text`
 * unless said otherwise).
 *
 * @public
 */
export function llmTokenDims(kind: LlmTokenKind): Record<string, string> {
  const dims: Record<string, string> = { tokenDirection: kind.direction };
  if (kind.direction === 'Input')
    dims.tokenCacheAction = kind.cacheAction ?? 'Uncached';
  if (kind.cacheTtl) dims.cacheTtl = kind.cacheTtl;
  dims.modality = kind.modality ?? 'Text';
  return dims;
}
