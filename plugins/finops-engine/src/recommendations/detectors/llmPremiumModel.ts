import type { Knex } from 'knex';
import {
  AI_TOKEN_TYPES,
  AiTokenType,
  Decimal,
  RecommendationRow,
} from '@costwise/plugin-finops-common';
import type { RecommendationProvider } from '@costwise/plugin-finops-node';
import { AiPriceTable, DEFAULT_AI_PRICES, findModelPrice } from '../../config';
import { AiGroupInfo, classifyAiGroup, priceTokens } from '../../queries';
import type { DetectorConfig } from './config';
import {
  CompiledModel,
  compileModels,
  distinctSkus,
  groupsOfSkus,
  modelFor,
} from './matching';
import {
  chunked,
  daysText,
  detectorRow,
  DetectorGroup,
  factsOf,
  findingId,
  groupIdsFigure,
  groupsById,
  isRunningCost,
  perThirtyDays,
  resourceColumns,
  shownAmount,
  sortRows,
  SumsByKey,
  times,
  windowOf,
} from './shared';

interface Finding {
  currency: string;
  /** The resource, else the project, workspace or account the spend is in. */
  key: string;
  model: CompiledModel;
  groups: DetectorGroup[];
  /** What named the model: SKUs or tag values. */
  names: Set<string>;
}

/** The token type and unit of each group, where it is LLM usage, for the price table. */
async function tokenInfoOf(
  knex: Knex,
  ids: Iterable<string>,
): Promise<Map<string, AiGroupInfo>> {
  const out = new Map<string, AiGroupInfo>();
  for (const slice of chunked([...new Set(ids)])) {
    const rows = await knex('finops_fact_groups')
      .whereIn('id', slice.map(Number))
      .select(
        'id',
        'provider',
        'billing_account_id',
        'service_name',
        'sku_id',
        'consumed_unit',
        'currency',
        'tags',
      );
    for (const r of rows) {
      const info = classifyAiGroup({
        id: String(r.id),
        provider: String(r.provider),
        billingAccountId: String(r.billing_account_id),
        serviceName: String(r.service_name),
        skuId: r.sku_id ?? undefined,
        consumedUnit: r.consumed_unit ?? undefined,
        currency: String(r.currency),
        tags: JSON.parse(r.tags || '{}'),
      });
      if (info) out.set(info.groupId, info);
    }
  }
  return out;
}

/**
 * The alternative's price as a share of the model's for the finding's own
 * mix of token types, from the price table; undefined when the table does
 * not list both or the usage has no token counts (the rule's ratio then
 * applies).
 */
function tableRatio(
  prices: AiPriceTable,
  names: Iterable<string>,
  alternative: string,
  tokens: Record<AiTokenType, Decimal>,
): Decimal | undefined {
  if (AI_TOKEN_TYPES.every(t => tokens[t].isZero())) return undefined;
  const current = [...names]
    .sort()
    .map(n => findModelPrice(prices, n))
    .find(p => p !== undefined);
  const cheaper = findModelPrice(prices, alternative);
  if (!current || !cheaper || current === cheaper) return undefined;
  const now = priceTokens(current, tokens);
  const then = priceTokens(cheaper, tokens);
  if (!now || !then || now.cost.isZero()) return undefined;
  return then.cost.divide(now.cost, 6);
}

const noTokens = (): Record<AiTokenType, Decimal> =>
  Object.fromEntries(AI_TOKEN_TYPES.map(t => [t, Decimal.ZERO])) as Record<
    AiTokenType,
    Decimal
  >;

/** The groups whose model tag names a premium model, with the value. */
async function groupsByModelTag(
  knex: Knex,
  tagKeys: string[],
  rules: CompiledModel[],
): Promise<Map<string, string>> {
  const keys = tagKeys.map(k => k.trim().toLowerCase());
  if (keys.length === 0) return new Map();
  const values = (
    await knex('finops_fact_group_tags')
      .whereIn('tag_key', keys)
      .distinct('tag_value')
  )
    .map(r => String(r.tag_value))
    .filter(v => modelFor(rules, v));
  const out = new Map<string, string>();
  for (const slice of chunked(values.sort())) {
    const rows = await knex('finops_fact_group_tags')
      .whereIn('tag_key', keys)
      .whereIn('tag_value', slice)
      .select('group_id', 'tag_value');
    for (const r of rows) out.set(String(r.group_id), String(r.tag_value));
  }
  return out;
}

/**
 * LLM spend on a premium model where a cheaper model of the same vendor
 * may serve the same traffic (the table of `llm.models`, matched against
 * the SKU or a model tag such as `x_ModelId`), per resource, else per
 * project, workspace or account, above a floor per 30 days. The estimate
 * is that spend times (1 − the price ratio): the ratio of the two models'
 * list prices in the AI price table (`finops.ai.prices`, the one the model
 * what-if uses) for the finding's own tokens of each type, or the rule's
 * `priceRatio` where the table lists either model not or the usage counts
 * no tokens.
 *
 * Subcategory `Rightsizing`: a smaller model of the same family and
 * generation is a smaller size of the same thing (`Modernization` is for
 * a newer generation, the previous-generation detector's subcategory).
 */
export function llmPremiumModelDetector(
  knex: Knex,
  config: DetectorConfig,
  prices: AiPriceTable = DEFAULT_AI_PRICES,
): RecommendationProvider {
  const settings = config.llm;
  const rules = compileModels(settings.models);
  return {
    id: 'llm-premium-model',
    title: 'Premium LLMs with a cheaper sibling',
    async run({ asOf, currency: configured }) {
      const window = windowOf(asOf, settings.days);
      const skus = (await distinctSkus(knex, { withResourceId: false }))
        .map(s => s.sku)
        .filter(sku => modelFor(rules, sku));
      const tagged = await groupsByModelTag(knex, settings.modelTagKeys, rules);
      const groups = [
        ...(await groupsOfSkus(knex, skus, { withResourceId: false })),
        ...(await groupsById(knex, tagged.keys())),
      ];
      const findings = new Map<string, Finding>();
      const byGroup = new Map<string, string>();
      for (const g of groups) {
        if (byGroup.has(g.id) || !isRunningCost(g)) continue;
        // the model column first: a connector's SKU is "<model>, <token type>"
        const named =
          tagged.get(g.id) ??
          (g.skuId && modelFor(rules, g.skuId) ? g.skuId : undefined);
        const model = named ? modelFor(rules, named) : undefined;
        if (!named || !model) continue;
        const key = g.resourceId ?? g.subAccountId ?? g.billingAccountId;
        const id = `${g.currency}\u0000${key}\u0000${model.rule.model}`;
        let f = findings.get(id);
        if (!f)
          findings.set(
            id,
            (f = {
              currency: g.currency,
              key,
              model,
              groups: [],
              names: new Set(),
            }),
          );
        f.groups.push(g);
        f.names.add(named);
        byGroup.set(g.id, id);
      }
      const sums = new SumsByKey<string>();
      const infos = await tokenInfoOf(knex, byGroup.keys());
      const tokens = new Map<string, Record<AiTokenType, Decimal>>();
      for (const fact of await factsOf(
        knex,
        byGroup.keys(),
        window,
        config.measure,
      )) {
        const id = byGroup.get(fact.groupId)!;
        sums.add(id, fact.cost);
        const info = infos.get(fact.groupId);
        const quantity = Decimal.tryParse(String(fact.quantity ?? '0'));
        if (!info || !quantity || info.factor === 0) continue;
        if (info.line === 'requests' || info.line === 'other') continue;
        let mix = tokens.get(id);
        if (!mix) tokens.set(id, (mix = noTokens()));
        mix[info.line] = mix[info.line].add(
          quantity.mulInt(Math.round(info.factor)),
        );
      }

      const floor = Decimal.parse(settings.minMonthlySpend);
      const one = Decimal.parse('1');
      const rows: RecommendationRow[] = [];
      for (const [id, f] of findings) {
        const spend = sums.get(id);
        if (spend.compare(Decimal.ZERO) <= 0) continue;
        if (perThirtyDays(spend, window.days).compare(floor) < 0) continue;
        const { rule } = f.model;
        const fromTable = tableRatio(
          prices,
          f.names,
          rule.alternative,
          tokens.get(id) ?? noTokens(),
        );
        const ratio = fromTable ?? Decimal.parse(rule.priceRatio);
        // the table may say the alternative costs as much or more
        if (ratio.compare(one) >= 0) continue;
        const saving = perThirtyDays(times(spend, one.sub(ratio)), window.days);
        const columns = resourceColumns(f.groups);
        const name =
          columns.ResourceName ??
          f.groups.find(g => g.subAccountName)?.subAccountName ??
          f.key;
        const names = [...f.names].sort();
        const amount = shownAmount(spend, f.currency);
        const percent = times(ratio, Decimal.parse('100')).toString();
        rows.push(
          detectorRow({
            id: findingId(`${f.key}#${rule.model}`, f.currency, configured),
            detector: 'llm-premium-model',
            subcategory: 'Rightsizing',
            description: `${name} spent ${amount} on ${
              rule.model
            } over the last ${daysText(window.days)} (${names.join(', ')}). ${
              rule.alternative
            } costs ${percent}% as much ${
              fromTable
                ? `for the same tokens at list prices (price table of ${prices.asOf})`
                : 'per token'
            }: where it serves the same requests well enough (compare on a sample of them first), moving them saves about ${shownAmount(
              saving,
              f.currency,
            )} per 30 days.`,
            saving,
            currency: f.currency,
            effort: 'Medium',
            resourceId: f.key,
            columns: {
              ...columns,
              ...(columns.ResourceName ? {} : { ResourceName: name }),
              ResourceConfigurationDetailsCurrent: JSON.stringify({
                model: rule.model,
                skus: names,
              }),
              ResourceConfigurationDetailsRecommended: JSON.stringify({
                model: rule.alternative,
              }),
            },
            evidence: {
              summary: `spent ${amount} on ${rule.model} over ${daysText(
                window.days,
              )}; ${rule.alternative} costs ${percent}% as much`,
              from: window.from,
              to: window.to,
              days: window.days,
              amount: spend.toString(),
              figures: {
                measure: config.measure,
                model: rule.model,
                alternative: rule.alternative,
                priceRatio: ratio.toString(),
                priceRatioFrom: fromTable
                  ? `price table of ${prices.asOf}`
                  : 'rule',
                skus: names.join(','),
                factGroups: groupIdsFigure(f.groups.map(g => g.id)),
              },
            },
          }),
        );
      }
      return { rows: sortRows(rows) };
    },
  };
}
