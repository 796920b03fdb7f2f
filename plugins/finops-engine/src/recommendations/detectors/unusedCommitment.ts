import type { Knex } from 'knex';
import { Decimal, RecommendationRow } from '@costwise/plugin-finops-common';
import type { RecommendationProvider } from '@costwise/plugin-finops-node';
import type { DetectorConfig } from './config';
import {
  daysText,
  detectorRow,
  DetectorGroup,
  factsOf,
  findingId,
  GROUP_COLUMNS,
  groupIdsFigure,
  groupOf,
  perThirtyDays,
  resourceColumns,
  shownAmount,
  sortRows,
  SumsByKey,
  windowOf,
} from './shared';

/**
 * Commitments (savings plans, reservations, committed use discounts) that
 * went partly unused: the cost of their `CommitmentDiscountStatus =
 * Unused` charges over the last days, per 30 days. FOCUS puts that cost in
 * EffectiveCost only (the commitment was billed when bought), so it is
 * read whatever the configured measure.
 *
 * Subcategory `Other`: none of the FOCUS draft's cost subcategories is
 * about using or exchanging a commitment already bought (`Commitment
 * Purchase` is buying one).
 */
export function unusedCommitmentDetector(
  knex: Knex,
  config: DetectorConfig,
): RecommendationProvider {
  const settings = config.unusedCommitment;
  return {
    id: 'unused-commitment',
    title: 'Unused commitments',
    async run({ asOf, currency: configured }) {
      const window = windowOf(asOf, settings.days);
      const groups = (
        await knex('finops_fact_groups')
          .whereRaw('lower(commitment_status) = ?', ['unused'])
          .select(GROUP_COLUMNS)
      ).map(groupOf);
      const keyOf = (g: DetectorGroup) => g.commitmentId ?? g.resourceId;
      const byId = new Map(groups.map(g => [g.id, g]));
      const facts = await factsOf(
        knex,
        groups.filter(g => keyOf(g)).map(g => g.id),
        window,
        'EffectiveCost',
      );
      const sums = new SumsByKey<string>();
      const perDay = new Map<string, SumsByKey<string>>();
      const groupsByKey = new Map<string, DetectorGroup[]>();
      const lastDay = new Map<string, string>();
      for (const f of facts) {
        const g = byId.get(f.groupId)!;
        const key = `${g.currency}\u0000${keyOf(g)}`;
        sums.add(key, f.cost);
        let days = perDay.get(key);
        if (!days) perDay.set(key, (days = new SumsByKey<string>()));
        days.add(f.day, f.cost);
        const known = groupsByKey.get(key) ?? [];
        if (!known.includes(g)) groupsByKey.set(key, [...known, g]);
        if ((lastDay.get(key) ?? '') < f.day) lastDay.set(key, f.day);
      }
      const floor = Decimal.parse(settings.minMonthlyCost);
      const rows: RecommendationRow[] = [];
      for (const [key, found] of groupsByKey) {
        const [currency, commitmentId] = key.split('\u0000');
        const unused = sums.get(key);
        if (unused.compare(Decimal.ZERO) <= 0) continue;
        const monthly = perThirtyDays(unused, window.days);
        if (monthly.compare(floor) < 0) continue;
        const unusedDays = [...perDay.get(key)!.sums.values()].filter(
          sum => sum.toDecimal().compare(Decimal.ZERO) > 0,
        ).length;
        const columns = resourceColumns(found);
        const name = columns.ResourceName ?? commitmentId;
        const amount = shownAmount(unused, currency);
        rows.push(
          detectorRow({
            id: findingId(commitmentId, currency, configured),
            detector: 'unused-commitment',
            subcategory: 'Other',
            description: `The commitment ${name} left ${amount} unused over the last ${daysText(
              window.days,
            )} (${shownAmount(
              monthly,
              currency,
            )} per 30 days). Move eligible usage onto it, exchange or resize it where the provider allows, or do not renew it at this size.`,
            saving: monthly,
            currency,
            effort: 'Medium',
            resourceId: commitmentId,
            columns,
            evidence: {
              summary: `${amount} of commitment unused, on ${unusedDays} of the last ${daysText(
                window.days,
              )}`,
              from: window.from,
              to: window.to,
              days: window.days,
              amount: unused.toString(),
              figures: {
                measure: 'EffectiveCost',
                unusedDays: String(unusedDays),
                lastUnusedDay: lastDay.get(key)!,
                averagePerDay: unused
                  .divide(Decimal.fromUnits(BigInt(window.days), 0), 2)
                  .toString(),
                factGroups: groupIdsFigure(found.map(g => g.id)),
              },
            },
          }),
        );
      }
      return { rows: sortRows(rows) };
    },
  };
}
