import type { AiLineType, AiTokenType } from '@costwise/plugin-finops-common';
import type { GroupDetails } from '../../stores';

/**
 * What a fact group of LLM usage is: which model, which token type (or
 * model requests, or other AI spend), and the factor that turns its
 * consumed quantity into tokens or requests.
 *
 * @public
 */
export interface AiGroupInfo {
  groupId: string;
  /** The model as the usage names it, `(unknown model)` when nothing does. */
  model: string;
  provider: string;
  /** A token type, `requests` for request counts, `other` for AI spend of no token type. */
  line: AiLineType | 'requests';
  /** Tokens (or requests) per unit of ConsumedQuantity: 1000 for `1K Tokens`. */
  factor: number;
  /** The API key or other credential, where the usage names it. */
  credential?: string;
}

/** The tags that carry the FOCUS AI columns the connectors write. */
const MODEL_TAGS = ['x_modelid', 'x_model'];
const DIRECTION_TAG = 'x_tokendirection';
const CACHE_TAG = 'x_tokencacheaction';
const CREDENTIAL_TAG = 'x_credentialid';

/** A tag's value, its key compared trimmed and in any case. */
export function tagValue(
  tags: Record<string, string>,
  keys: string | string[],
): string | undefined {
  const wanted = new Set(Array.isArray(keys) ? keys : [keys]);
  for (const [key, value] of Object.entries(tags)) {
    if (!wanted.has(key.trim().toLowerCase())) continue;
    const text = typeof value === 'string' ? value.trim() : String(value);
    if (text) return text;
  }
  return undefined;
}

/**
 * The token type a unit or SKU names, undefined when it names no tokens:
 * `Input Tokens`, `Cached Input Tokens`, `cache_creation_input_tokens`,
 * `uncached_input_tokens`, `1K Output Tokens` and the like.
 *
 * @public
 */
export function tokenTypeOfText(text: string): AiTokenType | undefined {
  const t = text.toLowerCase();
  if (!t.includes('token')) return undefined;
  if (/output|completion|generated/.test(t)) return 'output';
  if (/uncached|non[-_ ]?cached/.test(t)) return 'input';
  if (/cache[-_ ]?(?:write|creation|created)|cachewrite/.test(t))
    return 'cacheWrite';
  if (/cached|cache[-_ ]?(?:read|hit)/.test(t)) return 'cachedInput';
  return 'input';
}

/** The token type the FOCUS AI columns name: `x_TokenDirection` and `x_TokenCacheAction`. */
function tokenTypeOfColumns(
  direction: string,
  cacheAction: string | undefined,
): AiTokenType {
  if (/out/i.test(direction)) return 'output';
  if (cacheAction && /write|creat/i.test(cacheAction)) return 'cacheWrite';
  if (cacheAction && /read|hit/i.test(cacheAction)) return 'cachedInput';
  return 'input';
}

/**
 * Tokens (or requests) per unit of a quantity: `1K Tokens` → 1000,
 * `1000000 Tokens` or `1M tokens` → 1,000,000, `Tokens` → 1.
 *
 * @public
 */
export function unitFactor(unit: string | undefined): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([km])?\b/i.exec(unit ?? '');
  if (!match) return 1;
  const scale = { k: 1000, m: 1_000_000 }[
    (match[2] ?? '').toLowerCase() as 'k' | 'm'
  ];
  const factor = Number(match[1]) * (scale ?? 1);
  return Number.isFinite(factor) && factor > 0 ? factor : 1;
}

/** Whether a provider or service is an LLM API (OpenAI, Azure OpenAI, Anthropic, Bedrock). */
function isLlmProvider(group: GroupDetails): boolean {
  const name = `${group.provider} ${group.serviceName}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  return ['openai', 'anthropic', 'bedrock'].some(n => name.includes(n));
}

/**
 * Reads a fact group as LLM usage, undefined when it is not: the model
 * from `x_ModelId` (or `x_Model`), else the SKU; the token type from
 * `x_TokenDirection` and `x_TokenCacheAction`, else from the unit or SKU
 * (`Cached Input Tokens`); requests from a unit of requests. Other spend
 * of an LLM API (web searches, a residual no usage explains) is `other`.
 *
 * @public
 */
export function classifyAiGroup(group: GroupDetails): AiGroupInfo | undefined {
  const tags = group.tags ?? {};
  const modelTag = tagValue(tags, MODEL_TAGS);
  const direction = tagValue(tags, DIRECTION_TAG);
  const unit = group.consumedUnit ?? '';
  let line: AiGroupInfo['line'] | undefined;
  if (direction)
    line = tokenTypeOfColumns(direction, tagValue(tags, CACHE_TAG));
  else
    line =
      tokenTypeOfText(unit) ??
      (/request/i.test(unit) ? 'requests' : undefined) ??
      tokenTypeOfText(group.skuId ?? '');
  // requests of a function or a gateway are not a model's
  if (line === 'requests' && !modelTag && !isLlmProvider(group))
    return undefined;
  if (!line) {
    if (!modelTag && !isLlmProvider(group)) return undefined;
    line = 'other';
  }
  const credential = tagValue(tags, CREDENTIAL_TAG);
  return {
    groupId: group.id,
    model: modelTag ?? group.skuId ?? group.resourceName ?? '(unknown model)',
    provider: group.provider,
    line,
    // a quantity in another unit (hours, calls) says nothing of tokens
    factor: line === 'other' ? 0 : unitFactor(unit),
    ...(credential ? { credential } : {}),
  };
}
