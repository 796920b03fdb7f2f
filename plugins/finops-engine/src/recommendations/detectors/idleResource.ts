import type { Knex } from 'knex';
import { Decimal, RecommendationRow } from '@costwise/plugin-finops-common';
import type { RecommendationProvider } from '@costwise/plugin-finops-node';
import { eachDay } from '../../model';
import type { DetectorConfig } from './config';
import {
  daysText,
  DayWindow,
  detectorRow,
  DetectorGroup,
  findingId,
  groupIdsFigure,
  groupsById,
  isRunningCost,
  isZeroQuantity,
  measureColumn,
  perThirtyDays,
  resourceColumns,
  shownAmount,
  sortRows,
  SumsByKey,
  windowOf,
} from './shared';

interface ResourceDays {
  currency: string;
  resourceId: string;
  groups: DetectorGroup[];
  cost: SumsByKey<string>;
  /** Days with a consumed quantity other than zero. */
  used: Set<string>;
}

/** The daily facts of every group with a resource id within the window. */
async function resourceFacts(knex: Knex, window: DayWindow, column: string) {
  return knex('finops_cost_facts as f')
    .join('finops_fact_groups as g', 'g.id', 'f.group_id')
    .whereNotNull('g.resource_id')
    .where('f.day', '>=', window.from)
    .where('f.day', '<=', window.to)
    .select(
      'f.group_id',
      'f.day',
      `f.${column} as cost`,
      'f.consumed_quantity as quantity',
    );
}

/**
 * Resources billed on each of the last days (14 by default, up to the
 * as-of day) with no consumed quantity on any of them: nothing used what
 * was paid for. Only running cost counts (not purchases, not unused
 * commitment). Both floors must hold: the average cost per day
 * (`minDailyCost`) and the total (`minTotalCost`). The estimate is the
 * cost of those days per 30 days.
 */
export function idleResourceDetector(
  knex: Knex,
  config: DetectorConfig,
): RecommendationProvider {
  const settings = config.idle;
  return {
    id: 'idle-resource',
    title: 'Idle resources',
    async run({ asOf, currency: configured }) {
      const window = windowOf(asOf, settings.days);
      const facts = await resourceFacts(
        knex,
        window,
        measureColumn(config.measure),
      );
      const groups = new Map(
        (await groupsById(knex, new Set(facts.map(f => String(f.group_id)))))
          .filter(isRunningCost)
          .map(g => [g.id, g]),
      );
      const resources = new Map<string, ResourceDays>();
      for (const f of facts) {
        const g = groups.get(String(f.group_id));
        if (!g) continue;
        const key = `${g.currency}\u0000${g.resourceId}`;
        let r = resources.get(key);
        if (!r)
          resources.set(
            key,
            (r = {
              currency: g.currency,
              resourceId: g.resourceId!,
              groups: [],
              cost: new SumsByKey(),
              used: new Set(),
            }),
          );
        if (!r.groups.includes(g)) r.groups.push(g);
        r.cost.add(String(f.day), f.cost);
        if (!isZeroQuantity(f.quantity)) r.used.add(String(f.day));
      }

      const days = eachDay(window.from, window.to);
      const n = Decimal.fromUnits(BigInt(window.days), 0);
      const minDaily = Decimal.parse(settings.minDailyCost);
      const minTotal = Decimal.parse(settings.minTotalCost);
      const rows: RecommendationRow[] = [];
      for (const r of resources.values()) {
        const idle = days.every(
          day => !r.used.has(day) && r.cost.get(day).compare(Decimal.ZERO) > 0,
        );
        if (!idle) continue;
        let total = Decimal.ZERO;
        for (const day of days) total = total.add(r.cost.get(day));
        if (
          total.compare(minDaily.mulInt(window.days)) < 0 ||
          total.compare(minTotal) < 0
        )
          continue;
        const monthly = perThirtyDays(total, window.days);
        const columns = resourceColumns(r.groups);
        const amount = shownAmount(total, r.currency);
        rows.push(
          detectorRow({
            id: findingId(r.resourceId, r.currency, configured),
            detector: 'idle-resource',
            subcategory: 'Idle Resource Removal',
            description: `${
              columns.ResourceName ?? r.resourceId
            } was billed ${amount} over the last ${daysText(
              window.days,
            )} with no consumed quantity on any of them (${shownAmount(
              monthly,
              r.currency,
            )} per 30 days). Delete it, after a snapshot or backup if it holds data, or stop it until it is needed.`,
            saving: monthly,
            currency: r.currency,
            effort: 'Low',
            resourceId: r.resourceId,
            columns,
            evidence: {
              summary: `billed ${amount} over ${daysText(
                window.days,
              )} with no usage`,
              from: window.from,
              to: window.to,
              days: window.days,
              amount: total.toString(),
              figures: {
                measure: config.measure,
                consumedQuantity: '0',
                averagePerDay: total.divide(n, 2).toString(),
                factGroups: groupIdsFigure(r.groups.map(g => g.id)),
              },
            },
          }),
        );
      }
      return { rows: sortRows(rows) };
    },
  };
}
