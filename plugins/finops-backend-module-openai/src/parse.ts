import { Decimal, RejectedRow } from '@costwise/plugin-finops-common';
import {
  bucketResults,
  ExactJson,
  isJsonObject,
  LlmCostLine,
  LlmPriceTable,
  LlmTokenKind,
  llmTokenDims,
  llmTokenLabel,
  llmTokenTags,
  LlmUsageLine,
  ProviderPage,
  PullWindow,
} from '@costwise/plugin-finops-node';
import type { OpenAiUsageEndpoint } from './config';

/** What the results of one endpoint became. */
export interface Parsed<T> {
  lines: T[];
  rejections: RejectedRow[];
}

type JsonObject = { [key: string]: ExactJson };

/** A result that cannot be read: rejected with this reason, the others kept. */
class Unreadable extends Error {}

/** A bucket's results with the day they are for; throws on a page that is not buckets. */
function resultsOf(
  pages: ProviderPage[],
  window: PullWindow,
  endpoint: string,
  rejections: RejectedRow[],
) {
  return bucketResults(pages, window, rejections, {
    provider: 'OpenAI',
    dayField: 'start_time',
    resultFields: ['results', 'result'],
    file: endpoint,
  });
}

/** A string field, undefined when null or absent; throws a reason when another type. */
function text(result: JsonObject, field: string): string | undefined {
  const value = result[field];
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string')
    throw new Unreadable(`${field} is not a string`);
  return value;
}

/** A count field: a whole number of 0 or more (0 when null or absent). */
function count(result: JsonObject, field: string): bigint {
  const value = result[field];
  if (value === null || value === undefined) return 0n;
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new Unreadable(
      `${field} is not a whole number of 0 or more: '${String(
        JSON.stringify(value),
      ).slice(0, 40)}'`,
    );
  return BigInt(value);
}

const UNIT_OF_QUANTITY: Record<string, string> = {
  tokens: 'Tokens',
  '1000_tokens': '1K Tokens',
  images: 'Images',
  characters: 'Characters',
  gibibyte_hours: 'GiB-Hours',
  duration_seconds: 'Seconds',
  duration_minutes: 'Minutes',
  duration_hours: 'Hours',
};

/** Whether a line item's first part reads as a model id (`gpt-4o-2024-08-06`), not a product name. */
function looksLikeModel(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9._:-]*$/i.test(name) &&
    /\d|gpt|dall|whisper|tts|embedding|moderation/i.test(name)
  );
}

/** What the part of a line item after the model names: a token kind, or a unit. */
function typeOfLineItem(
  type: string,
): { kind?: LlmTokenKind; unit?: string; batch: boolean } | undefined {
  let t = type
    .toLowerCase()
    .replace(/[()_]/g, ' ')
    .replace(/\btokens?\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const batch = /\bbatch\b/.test(t);
  t = t.replace(/\bbatch\b/g, '').trim();
  const modality = /\baudio\b/.test(t) ? 'Audio' : undefined;
  let kind: LlmTokenKind | undefined;
  if (/\boutput\b|\bcompletion\b/.test(t))
    kind = { direction: 'Output', modality };
  else if (/cache(d)? ?(write|creation)/.test(t))
    kind = { direction: 'Input', cacheAction: 'Write', modality };
  else if (/\bcached\b|cache ?(read|hit)/.test(t))
    kind = { direction: 'Input', cacheAction: 'Read', modality };
  else if (/\binput\b|\bprompt\b/.test(t))
    kind = { direction: 'Input', cacheAction: 'Uncached', modality };
  if (kind) return { kind, batch };
  if (/\bimages?\b/.test(t)) return { unit: 'Images', batch };
  if (/\bcharacters?\b/.test(t)) return { unit: 'Characters', batch };
  if (/\bseconds?\b|\bminutes?\b/.test(t)) return { unit: 'Seconds', batch };
  return undefined;
}

/**
 * The usage a Costs API line item is for. `gpt-4o-2024-08-06, input` is
 * the uncached text input of that model; `…, cached input`, `…, output`,
 * `…, audio input` and `(batch)` likewise; a model alone is all its
 * usage; no line item (costs not grouped by line item) is all the
 * project's usage; a product name (`Web search tool calls`) is none.
 */
export function lineItemMatch(lineItem: string | undefined): {
  match: LlmCostLine['match'];
  tags: Record<string, string>;
} {
  if (lineItem === undefined) return { match: {}, tags: {} };
  const comma = lineItem.indexOf(',');
  const model = (comma < 0 ? lineItem : lineItem.slice(0, comma)).trim();
  const tags: Record<string, string> = { x_LineItem: lineItem };
  if (!looksLikeModel(model)) return { match: undefined, tags };
  tags.x_ModelId = model;
  if (comma < 0) return { match: { model }, tags };
  const type = typeOfLineItem(lineItem.slice(comma + 1));
  if (!type) return { match: { model }, tags };
  const match: Record<string, string> = { model };
  if (type.kind) {
    Object.assign(match, llmTokenDims(type.kind), { unit: 'Tokens' });
    Object.assign(tags, llmTokenTags(type.kind));
  } else if (type.unit) match.unit = type.unit;
  if (type.batch) match.batch = 'true';
  return { match, tags };
}

/** The Costs API's results (grouped by project and line item) as cost lines. */
export function parseCosts(
  pages: ProviderPage[],
  window: PullWindow,
): Parsed<LlmCostLine> {
  const rejections: RejectedRow[] = [];
  const lines: LlmCostLine[] = [];
  for (const { day, result, file, line } of resultsOf(
    pages,
    window,
    'costs',
    rejections,
  )) {
    try {
      const amount = result.amount;
      if (!isJsonObject(amount)) throw new Unreadable('amount is missing');
      const value =
        typeof amount.value === 'string'
          ? Decimal.tryParse(amount.value)
          : undefined;
      if (!value)
        throw new Unreadable(
          `amount.value is not a number: '${String(
            JSON.stringify(amount.value),
          ).slice(0, 40)}'`,
        );
      const currency = (text(amount, 'currency') ?? 'usd').toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency))
        throw new Unreadable(
          `amount.currency '${currency}' is not a currency code`,
        );
      const lineItem = text(result, 'line_item');
      const quantity = result.quantity;
      const quantityText =
        typeof quantity === 'string' && Decimal.tryParse(quantity)
          ? quantity
          : undefined;
      const unitName = text(result, 'quantity_unit');
      const { match, tags } = lineItemMatch(lineItem);
      lines.push({
        day,
        subAccountId: text(result, 'project_id'),
        amount: value,
        currency,
        match,
        skuId: lineItem ?? 'OpenAI API (all line items)',
        quantity: quantityText,
        unit: quantityText
          ? UNIT_OF_QUANTITY[unitName ?? ''] ?? unitName
          : undefined,
        tags,
        source: { file, line },
      });
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      rejections.push({ file, line, reason: error.message });
    }
  }
  return { lines, rejections };
}

/** The fields of a usage result besides tokens: who and how. */
function whoOf(result: JsonObject) {
  return {
    project: text(result, 'project_id'),
    key: text(result, 'api_key_id'),
    model: text(result, 'model'),
    batch: text(result, 'batch'),
    tier: text(result, 'service_tier'),
  };
}

/** The token kinds of a completions result and their counts. */
function completionTokens(result: JsonObject): Array<[LlmTokenKind, bigint]> {
  const cached = count(result, 'input_cached_tokens');
  const written = count(result, 'input_cache_write_tokens');
  // the newer schema breaks input_tokens down by modality; the older one
  // counts text in input_tokens and audio apart
  const newer = [
    'input_text_tokens',
    'output_text_tokens',
    'input_uncached_tokens',
  ].some(f => result[f] !== undefined && result[f] !== null);
  const uncached =
    result.input_uncached_tokens !== undefined &&
    result.input_uncached_tokens !== null
      ? count(result, 'input_uncached_tokens')
      : count(result, 'input_tokens') - cached - written;
  if (uncached < 0n)
    throw new Unreadable(
      `input_tokens (${count(
        result,
        'input_tokens',
      )}) is less than its cached (${cached}) and cache-write (${written}) tokens`,
    );
  const out: Array<[LlmTokenKind, bigint]> = [
    [{ direction: 'Input', cacheAction: 'Uncached' }, uncached],
    [{ direction: 'Input', cacheAction: 'Read' }, cached],
    [{ direction: 'Input', cacheAction: 'Write' }, written],
    [{ direction: 'Output' }, count(result, 'output_tokens')],
  ];
  if (!newer) {
    out.push(
      [
        { direction: 'Input', cacheAction: 'Uncached', modality: 'Audio' },
        count(result, 'input_audio_tokens'),
      ],
      [
        { direction: 'Output', modality: 'Audio' },
        count(result, 'output_audio_tokens'),
      ],
    );
  }
  return out;
}

/** The quantity (other than tokens) each non-token endpoint reports. */
const UNIT_FIELDS: Partial<
  Record<OpenAiUsageEndpoint, [string, string, string]>
> = {
  images: ['images', 'Images', 'images'],
  audio_speeches: ['characters', 'Characters', 'characters'],
  audio_transcriptions: ['seconds', 'Seconds', 'seconds'],
};

/** A usage endpoint's results (grouped by project, API key and model) as usage lines. */
export function parseUsage(
  endpoint: OpenAiUsageEndpoint,
  pages: ProviderPage[],
  window: PullWindow,
  prices: LlmPriceTable,
): Parsed<LlmUsageLine> {
  const rejections: RejectedRow[] = [];
  const lines: LlmUsageLine[] = [];
  for (const { day, result, file, line } of resultsOf(
    pages,
    window,
    endpoint,
    rejections,
  )) {
    try {
      const who = whoOf(result);
      const modelName = who.model ?? '(unknown model)';
      const common = {
        day,
        subAccountId: who.project,
        billable: true,
        resourceId: who.key,
        resourceType: who.key ? 'API Key' : undefined,
        source: { file, line },
      };
      const baseDims = {
        model: who.model,
        credential: who.key,
        serviceTier: who.tier,
        batch: who.batch,
      };
      const baseTags: Record<string, string> = {};
      if (who.model) baseTags.x_ModelId = who.model;
      if (who.key) baseTags.x_CredentialId = who.key;
      if (who.tier) baseTags.x_ServiceTier = who.tier;
      if (who.batch) baseTags.x_Batch = who.batch;
      const made: LlmUsageLine[] = [];
      const unitField = UNIT_FIELDS[endpoint];
      if (unitField) {
        const [field, unit, label] = unitField;
        made.push({
          ...common,
          dims: { ...baseDims, unit },
          quantity: count(result, field),
          unit,
          skuId: `${modelName}, ${label}`,
          tags: baseTags,
        });
      } else {
        const kinds: Array<[LlmTokenKind, bigint]> =
          endpoint === 'completions'
            ? completionTokens(result)
            : [
                [
                  { direction: 'Input', cacheAction: 'Uncached' },
                  count(result, 'input_tokens'),
                ],
              ];
        for (const [kind, quantity] of kinds)
          made.push({
            ...common,
            dims: { ...baseDims, ...llmTokenDims(kind), unit: 'Tokens' },
            quantity,
            unit: 'Tokens',
            skuId: `${modelName}, ${llmTokenLabel(kind)}`,
            unitPrice: who.model
              ? prices.unitPrice('openai', who.model, day, kind, {
                  batch: who.batch === 'true',
                  serviceTier: who.tier,
                })
              : undefined,
            tags: { ...baseTags, ...llmTokenTags(kind) },
          });
      }
      made.push({
        ...common,
        billable: false,
        dims: { model: who.model, credential: who.key, unit: 'Requests' },
        quantity: count(result, 'num_model_requests'),
        unit: 'Requests',
        skuId: `${modelName}, requests`,
        tags: baseTags,
      });
      lines.push(...made);
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      rejections.push({ file, line, reason: error.message });
    }
  }
  return { lines, rejections };
}
