import type { Knex } from 'knex';
import { Decimal, RecommendationRow } from '@costwise/plugin-finops-common';
import type { RecommendationProvider } from '@costwise/plugin-finops-node';
import type { DetectorConfig } from './config';
import {
  CompiledSuccessor,
  compileSuccessors,
  distinctSkus,
  groupsOfSkus,
  successorFor,
} from './matching';
import {
  daysText,
  detectorRow,
  DetectorGroup,
  factsOf,
  findingId,
  groupIdsFigure,
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
  resourceId: string;
  successor: CompiledSuccessor;
  groups: DetectorGroup[];
}

/**
 * Resources on a previous generation of instance, volume or machine type
 * whose provider lists a successor (the table of
 * `previousGeneration.successors`, matched against the SKU): the estimate
 * is the cost of the last days (30 by default) per 30 days times the
 * rule's expected saving ratio. Subcategory `Modernization`.
 */
export function previousGenerationDetector(
  knex: Knex,
  config: DetectorConfig,
): RecommendationProvider {
  const settings = config.previousGeneration;
  const rules = compileSuccessors(settings.successors);
  return {
    id: 'previous-generation',
    title: 'Previous-generation resources',
    async run({ asOf, currency: configured }) {
      const window = windowOf(asOf, settings.days);
      const matched = new Map<string, CompiledSuccessor>();
      for (const s of await distinctSkus(knex, { withResourceId: true })) {
        const rule = successorFor(rules, s.provider, s.service, s.sku);
        if (rule)
          matched.set(`${s.provider}\u0000${s.service}\u0000${s.sku}`, rule);
      }
      if (matched.size === 0) return { rows: [] };
      const skus = [...matched.keys()].map(k => k.split('\u0000')[2]);
      const groups = new Map<string, CompiledSuccessor>();
      const findings = new Map<string, Finding>();
      const byGroup = new Map<string, string>();
      for (const g of await groupsOfSkus(knex, skus, {
        withResourceId: true,
      })) {
        const rule = matched.get(
          `${g.provider}\u0000${g.serviceName}\u0000${g.skuId}`,
        );
        if (!rule || !isRunningCost(g)) continue;
        groups.set(g.id, rule);
        const key = `${g.currency}\u0000${g.resourceId}\u0000${rule.rule.from}`;
        let f = findings.get(key);
        if (!f)
          findings.set(
            key,
            (f = {
              currency: g.currency,
              resourceId: g.resourceId!,
              successor: rule,
              groups: [],
            }),
          );
        f.groups.push(g);
        byGroup.set(g.id, key);
      }
      const sums = new SumsByKey<string>();
      for (const fact of await factsOf(
        knex,
        groups.keys(),
        window,
        config.measure,
      ))
        sums.add(byGroup.get(fact.groupId)!, fact.cost);

      const floor = Decimal.parse(settings.minMonthlyCost);
      const rows: RecommendationRow[] = [];
      for (const [key, f] of findings) {
        const cost = sums.get(key);
        if (cost.compare(Decimal.ZERO) <= 0) continue;
        if (perThirtyDays(cost, window.days).compare(floor) < 0) continue;
        const { rule } = f.successor;
        const ratio = Decimal.parse(rule.savingRatio);
        const saving = perThirtyDays(times(cost, ratio), window.days);
        const columns = resourceColumns(f.groups);
        const skuList = [...new Set(f.groups.map(g => g.skuId!))].sort();
        const amount = shownAmount(cost, f.currency);
        const percent = times(ratio, Decimal.parse('100')).toString();
        rows.push(
          detectorRow({
            id: findingId(
              `${f.resourceId}#${rule.from}`,
              f.currency,
              configured,
            ),
            detector: 'previous-generation',
            subcategory: 'Modernization',
            description: `${columns.ResourceName ?? f.resourceId} runs on ${
              rule.from
            } (${skuList.join(', ')}), a previous generation: ${
              rule.to
            } is its successor. Moving to it is expected to save ${percent}% of its ${amount} over the last ${daysText(
              window.days,
            )}${rule.note ? ` (${rule.note})` : ''}.`,
            saving,
            currency: f.currency,
            effort: 'Medium',
            resourceId: f.resourceId,
            columns: {
              ...columns,
              ResourceConfigurationDetailsCurrent: JSON.stringify({
                generation: rule.from,
                skus: skuList,
              }),
              ResourceConfigurationDetailsRecommended: JSON.stringify({
                generation: rule.to,
              }),
            },
            evidence: {
              summary: `billed ${amount} over ${daysText(window.days)} on ${
                rule.from
              }; ${rule.to} is expected to cost ${percent}% less`,
              from: window.from,
              to: window.to,
              days: window.days,
              amount: cost.toString(),
              figures: {
                measure: config.measure,
                skus: skuList.join(','),
                from: rule.from,
                to: rule.to,
                savingRatio: rule.savingRatio,
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
