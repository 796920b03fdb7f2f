import type { RejectedRow } from '@costwise/plugin-finops-common';
import {
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
import {
  analyticsRows,
  count,
  DEFAULT_WORKSPACE,
  dollarsOf,
  JsonObject,
  Parsed,
  reportResults,
  text,
  Unreadable,
} from './results';

/** The token kind a cost's `token_type` names. */
const TOKEN_TYPES: Record<string, LlmTokenKind> = {
  uncached_input_tokens: { direction: 'Input', cacheAction: 'Uncached' },
  cache_read_input_tokens: { direction: 'Input', cacheAction: 'Read' },
  'cache_creation.ephemeral_5m_input_tokens': {
    direction: 'Input',
    cacheAction: 'Write',
    cacheTtl: '5m',
  },
  'cache_creation.ephemeral_1h_input_tokens': {
    direction: 'Input',
    cacheAction: 'Write',
    cacheTtl: '1h',
  },
  output_tokens: { direction: 'Output' },
};

/**
 * The model and token kind a cost description names when the result lacks
 * them: `Claude Sonnet 4 Usage - Input Tokens` → `claude-sonnet-4`, input.
 */
export function descriptionMatch(description: string): {
  model?: string;
  kind?: LlmTokenKind;
} {
  const m = /^(.*?)\s+usage\s*-\s*(.+)$/i.exec(description.trim());
  if (!m) return {};
  const model = m[1]
    .trim()
    .toLowerCase()
    .replace(/[\s.]+/g, '-');
  const type = m[2].toLowerCase();
  let kind: LlmTokenKind | undefined;
  if (/output/.test(type)) kind = { direction: 'Output' };
  else if (/cache (write|creation)|cache_creation/.test(type))
    kind = {
      direction: 'Input',
      cacheAction: 'Write',
      cacheTtl: /1h|1 hour/.test(type) ? '1h' : '5m',
    };
  else if (/cache (read|hit)|cached/.test(type))
    kind = { direction: 'Input', cacheAction: 'Read' };
  else if (/input/.test(type))
    kind = { direction: 'Input', cacheAction: 'Uncached' };
  return { model, kind };
}

/** The usage a cost is for, and the columns it names itself. */
function costMatch(
  result: JsonObject,
  strict: boolean,
): {
  match: LlmCostLine['match'];
  tags: Record<string, string>;
  kind?: LlmTokenKind;
  model?: string;
} {
  const costType =
    text(result, 'cost_type') ?? (result.token_type ? 'tokens' : undefined);
  const description = text(result, 'description');
  const tokenType = text(result, 'token_type');
  const fromDescription = description ? descriptionMatch(description) : {};
  const model = text(result, 'model') ?? fromDescription.model;
  const kind = tokenType ? TOKEN_TYPES[tokenType] : fromDescription.kind;
  const tier = text(result, 'service_tier');
  const context = text(result, 'context_window');
  const tags: Record<string, string> = {};
  if (costType) tags.x_CostType = costType;
  if (description) tags.x_CostDescription = description;
  if (model) tags.x_ModelId = model;
  if (tier) tags.x_ServiceTier = tier;
  if (context) tags.x_ContextWindow = context;
  const match: Record<string, string | null> = {};
  if (strict) match.credential = text(result, 'api_key_id') ?? null;
  if (model) match.model = model;
  if (tier) match.serviceTier = tier;
  if (context) match.contextWindow = context;
  if (costType === 'web_search') {
    return { match: { ...match, tool: 'web_search' }, tags, model };
  }
  if (costType !== 'tokens' || (tokenType && !kind))
    return { match: undefined, tags, model };
  if (kind) {
    Object.assign(match, llmTokenDims(kind));
    Object.assign(tags, llmTokenTags(kind));
  }
  match.unit = 'Tokens';
  return { match, tags, kind, model };
}

/**
 * The cost report's results (grouped by workspace and description), or the
 * analytics cost rows (grouped by workspace, API key, model, cost and token
 * type, with list amounts), as cost lines. Amounts are cents as decimal
 * strings: `123.45` is $1.2345.
 */
export function parseCosts(
  pages: ProviderPage[],
  window: PullWindow,
  analytics: boolean,
): Parsed<LlmCostLine> {
  const rejections: RejectedRow[] = [];
  const lines: LlmCostLine[] = [];
  const located = analytics
    ? analyticsRows(pages, window, 'cost', rejections)
    : reportResults(pages, window, rejections);
  for (const { day, result, file, line } of located) {
    try {
      const values = analytics ? (result.metrics as JsonObject) : result;
      const amount = dollarsOf(values.amount, 'amount');
      const listAmount =
        analytics &&
        values.list_amount !== undefined &&
        values.list_amount !== null
          ? dollarsOf(values.list_amount, 'list_amount')
          : undefined;
      const currency = (text(values, 'currency') ?? 'USD').toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency))
        throw new Unreadable(`currency '${currency}' is not a currency code`);
      const { match, tags, kind, model } = costMatch(result, analytics);
      const workspace = text(result, 'workspace_id');
      lines.push({
        day,
        subAccountId: workspace ?? DEFAULT_WORKSPACE,
        subAccountName: workspace ? undefined : 'Default workspace',
        amount,
        listAmount,
        currency,
        match,
        skuId:
          text(result, 'description') ??
          (model && kind ? `${model}, ${llmTokenLabel(kind)}` : undefined) ??
          ([model, text(result, 'cost_type')].filter(Boolean).join(', ') ||
            'Anthropic API'),
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

/** The cache-creation tokens of a usage result, nested or flat. */
function cacheWrites(values: JsonObject): [bigint, bigint] {
  const nested = values.cache_creation;
  if (isJsonObject(nested))
    return [
      count(
        nested.ephemeral_5m_input_tokens,
        'cache_creation.ephemeral_5m_input_tokens',
      ),
      count(
        nested.ephemeral_1h_input_tokens,
        'cache_creation.ephemeral_1h_input_tokens',
      ),
    ];
  return [
    count(
      values.cache_creation_5m_input_tokens,
      'cache_creation_5m_input_tokens',
    ),
    count(
      values.cache_creation_1h_input_tokens,
      'cache_creation_1h_input_tokens',
    ),
  ];
}

/**
 * The messages usage report's results, or the analytics usage rows, grouped
 * by workspace, API key, model, service tier and context window, as usage
 * lines: one per token kind, web searches, and (analytics) requests.
 */
export function parseUsage(
  pages: ProviderPage[],
  window: PullWindow,
  analytics: boolean,
  prices: LlmPriceTable,
): Parsed<LlmUsageLine> {
  const rejections: RejectedRow[] = [];
  const lines: LlmUsageLine[] = [];
  const located = analytics
    ? analyticsRows(pages, window, 'usage', rejections)
    : reportResults(pages, window, rejections);
  for (const { day, result, file, line } of located) {
    try {
      const values = analytics ? (result.metrics as JsonObject) : result;
      const workspace = text(result, 'workspace_id');
      const key = text(result, 'api_key_id');
      const model = text(result, 'model');
      const tier = text(result, 'service_tier');
      const context = text(result, 'context_window');
      const modelName = model ?? '(unknown model)';
      const common = {
        day,
        subAccountId: workspace ?? DEFAULT_WORKSPACE,
        subAccountName: workspace ? undefined : 'Default workspace',
        billable: true,
        resourceId: key,
        resourceType: key ? 'API Key' : undefined,
        source: { file, line },
      };
      const baseDims = {
        model,
        credential: key,
        serviceTier: tier,
        contextWindow: context,
      };
      const baseTags: Record<string, string> = {};
      if (model) baseTags.x_ModelId = model;
      if (key) baseTags.x_CredentialId = key;
      if (tier) baseTags.x_ServiceTier = tier;
      if (context) baseTags.x_ContextWindow = context;
      const [write5m, write1h] = cacheWrites(values);
      const kinds: Array<[LlmTokenKind, bigint]> = [
        [
          { direction: 'Input', cacheAction: 'Uncached' },
          count(values.uncached_input_tokens, 'uncached_input_tokens'),
        ],
        [
          { direction: 'Input', cacheAction: 'Read' },
          count(values.cache_read_input_tokens, 'cache_read_input_tokens'),
        ],
        [{ direction: 'Input', cacheAction: 'Write', cacheTtl: '5m' }, write5m],
        [{ direction: 'Input', cacheAction: 'Write', cacheTtl: '1h' }, write1h],
        [{ direction: 'Output' }, count(values.output_tokens, 'output_tokens')],
      ];
      const made: LlmUsageLine[] = kinds.map(([kind, quantity]) => ({
        ...common,
        dims: { ...baseDims, ...llmTokenDims(kind), unit: 'Tokens' },
        quantity,
        unit: 'Tokens',
        skuId: `${modelName}, ${llmTokenLabel(kind)}`,
        unitPrice: model
          ? prices.unitPrice('anthropic', model, day, kind, {
              serviceTier: tier,
              contextWindow: context,
            })
          : undefined,
        tags: { ...baseTags, ...llmTokenTags(kind) },
      }));
      const tools = isJsonObject(values.server_tool_use)
        ? values.server_tool_use
        : {};
      made.push({
        ...common,
        dims: { ...baseDims, tool: 'web_search', unit: 'Searches' },
        quantity: count(
          tools.web_search_requests,
          'server_tool_use.web_search_requests',
        ),
        unit: 'Searches',
        skuId: `${modelName}, web search`,
        tags: { ...baseTags, x_ServerTool: 'web_search' },
      });
      if (analytics)
        made.push({
          ...common,
          billable: false,
          dims: { model, credential: key, unit: 'Requests' },
          quantity: count(values.requests, 'requests'),
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
