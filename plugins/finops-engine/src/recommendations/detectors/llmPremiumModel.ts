import type { Knex } from 'knex';
import { Decimal, RecommendationRow } from '@costwise/plugin-finops-common';
import type { RecommendationProvider } from '@costwise/plugin-finops-node';
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
 * is that spend times (1 − the price ratio).
 *
 * Subcategory `Rightsizing`: a smaller model of the same family and
 * generation is a smaller size of the same thing (`Modernization` is for
 * a newer generation, the previous-generation detector's subcategory).
 */
export function llmPremiumModelDetector(
  knex: Knex,
  config: DetectorConfig,
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
        const named =
          g.skuId && modelFor(rules, g.skuId) ? g.skuId : tagged.get(g.id);
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
      for (const fact of await factsOf(
        knex,
        byGroup.keys(),
        window,
        config.measure,
      ))
        sums.add(byGroup.get(fact.groupId)!, fact.cost);

      const floor = Decimal.parse(settings.minMonthlySpend);
      const one = Decimal.parse('1');
      const rows: RecommendationRow[] = [];
      for (const [id, f] of findings) {
        const spend = sums.get(id);
        if (spend.compare(Decimal.ZERO) <= 0) continue;
        if (perThirtyDays(spend, window.days).compare(floor) < 0) continue;
        const { rule } = f.model;
        const ratio = Decimal.parse(rule.priceRatio);
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
            } costs ${percent}% as much per token: where it serves the same requests well enough (compare on a sample of them first), moving them saves about ${shownAmount(
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
                priceRatio: rule.priceRatio,
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
