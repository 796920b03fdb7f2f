import {
  AskDimension,
  AskFigure,
  AskQuery,
  AskSection,
  Decimal,
} from '@costwise/plugin-finops-common';
import { addDays, monthStart } from '../../model';
import { totalOf } from '../data/cube';
import { isAiSpend } from '../data/dimensions';
import {
  AnswerContext,
  AnswerParts,
  breakdownRows,
  dailyPoints,
  defaultSplit,
  filterWords,
  hiddenNote,
  inLabel,
  readFiltered,
  subjectOf,
  sumsBy,
  topGroups,
  totalFigure,
  upToToday,
} from './context';
import { listWords, measureWords, money, percent, periodLabel } from './format';

const DIMENSION_WORDS: Record<AskDimension, string> = {
  service: 'service',
  resource: 'resource',
  region: 'region',
  sku: 'SKU',
  chargeCategory: 'charge category',
  provider: 'provider',
  account: 'account',
  entity: 'entity',
  child: 'member',
  model: 'model',
  feature: 'feature',
};

/**
 * What every answer read from one cube shares: the split's dimension, the
 * daily chart of the period, its currency, what was read, the scope and the
 * query as run.
 */
function cubeParts(
  cube: Awaited<ReturnType<typeof readFiltered>>,
  scope: AnswerParts['scope'],
  query: AskQuery,
  period: { from: string; to: string },
  by: AskDimension,
) {
  return {
    breakdownBy: by,
    chart: {
      granularity: 'day' as const,
      unit: cube.currency,
      points: dailyPoints(cube.rows, period),
    },
    currency: cube.currency,
    sources: cube.sources,
    scope,
    query: { ...query, period, by },
  };
}

/** How a dimension is named in sentences. */
export function dimensionWords(by: AskDimension): string {
  return DIMENSION_WORDS[by];
}

/**
 * What an entity (or the organization, or a provider, service, account,
 * region or model within either) cost in a period: the total, its split by
 * member (a rollup) or service, and the cost per day. Default period: the
 * month to date.
 */
export async function answerCost(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const period = upToToday(
    query.period ?? { from: monthStart(ctx.today), to: ctx.today },
    ctx.today,
  );
  const cube = await readFiltered(ctx, scope, query, period);
  const total = totalOf(cube.rows);
  const by: AskDimension =
    query.by ?? defaultSplit(ctx, cube, cube.rows, scope);
  const breakdown = breakdownRows(
    sumsBy(ctx, cube, cube.rows, by, scope, query.kind),
    {
      limit: query.limit ?? 5,
    },
  );
  const subject = subjectOf(ctx, scope);
  const narrowed = filterWords(query);
  const what = narrowed
    ? `${subject}'s ${narrowed} cost`
    : `${subject}'s ${measureWords(ctx.measure)}`;
  const top = breakdown.filter(b => b.key !== '(other)').slice(0, 2);
  const days = cube.rows.length ? undefined : await ctx.store.allocationDays();
  const answer = cube.rows.length
    ? `${what} for ${periodLabel(period)} is ${money(total, cube.currency)}${
        top.length > 0
          ? `; most of it is ${listWords(
              top.map(
                t =>
                  `${t.label} (${money(
                    Decimal.parse(t.amount),
                    cube.currency,
                  )})`,
              ),
            )}`
          : ''
      }.${hiddenNote(scope)}`
    : `${what} for ${periodLabel(period)} is ${money(
        total,
        cube.currency,
      )}: no cost is recorded for it in that period${
        days
          ? ` (the data covers ${periodLabel({
              from: days.first,
              to: days.last,
            })})`
          : ''
      }.${hiddenNote(scope)}`;
  return {
    answer,
    period,
    figures: [
      totalFigure(
        `${narrowed ? `${narrowed} cost` : 'Cost'} of ${inLabel(
          subject,
        )}, ${periodLabel(period)}`,
        scope,
        total,
        cube.currency,
      ),
    ],
    breakdown,
    ...cubeParts(cube, scope, query, period, by),
    evidenceGroups: topGroups(cube.rows),
  };
}

/**
 * What an entity's cost is made of: the split by one dimension (service by
 * default) with the other main dimensions as further tables. Default
 * period: the 30 days up to today, as the cost card's drivers.
 */
export async function answerDrivers(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const period = upToToday(
    query.period ?? { from: addDays(ctx.today, -29), to: ctx.today },
    ctx.today,
  );
  const cube = await readFiltered(ctx, scope, query, period);
  const total = totalOf(cube.rows);
  const by: AskDimension = query.by ?? 'service';
  const limit = Math.max(query.limit ?? 5, 3);
  const breakdown = breakdownRows(sumsBy(ctx, cube, cube.rows, by, scope), {
    limit,
  });
  const others: AskDimension[] = (
    ['service', 'resource', 'child', 'region', 'chargeCategory'] as const
  ).filter(
    d => d !== by && (d !== 'child' || scope.members.size > 1),
  ) as AskDimension[];
  const sections: AskSection[] = others.map(d => ({
    title: `By ${dimensionWords(d)}`,
    dimension: d,
    rows: breakdownRows(sumsBy(ctx, cube, cube.rows, d, scope), { limit }),
  }));
  const subject = subjectOf(ctx, scope);
  const named = breakdown.filter(b => b.key !== '(other)').slice(0, 3);
  const figures: AskFigure[] = [
    totalFigure(
      `Cost of ${inLabel(subject)}, ${periodLabel(period)}`,
      scope,
      total,
      cube.currency,
    ),
    ...named.map(n => ({
      label: n.label,
      entity: by === 'entity' || by === 'child' ? n.key ?? null : null,
      amount: n.amount,
      currency: cube.currency,
    })),
  ];
  const answer =
    named.length === 0
      ? `${subject} has no cost recorded for ${periodLabel(
          period,
        )}.${hiddenNote(scope)}`
      : `${subject}'s cost for ${periodLabel(period)} (${money(
          total,
          cube.currency,
        )}) is driven by ${listWords(
          named.map(n => {
            const amount = Decimal.parse(n.amount);
            const p = percent(amount, total);
            return `${n.label} (${money(amount, cube.currency)}${
              p ? `, ${p}` : ''
            })`;
          }),
        )}, by ${dimensionWords(by)}.${hiddenNote(scope)}`;
  return {
    answer,
    period,
    figures,
    breakdown,
    sections,
    ...cubeParts(cube, scope, query, period, by),
    evidenceGroups: topGroups(cube.rows),
  };
}

/**
 * AI spend: the cost of fact groups that name a model (a model tag, or
 * token-priced usage) or are AI and machine learning services, by model
 * (or feature), with the split by feature (or model) and provider.
 */
export async function answerAiSpend(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const period = upToToday(
    query.period ?? { from: monthStart(ctx.today), to: ctx.today },
    ctx.today,
  );
  const cube = await readFiltered(ctx, scope, query, period, (r, c) =>
    isAiSpend(c.groups.get(r.groupId)!, ctx.modelTagKeys),
  );
  const total = totalOf(cube.rows);
  const by: AskDimension =
    query.by === 'feature' || query.by === 'provider' || query.by === 'entity'
      ? query.by
      : 'model';
  const limit = Math.max(query.limit ?? 5, 5);
  const breakdown = breakdownRows(sumsBy(ctx, cube, cube.rows, by, scope), {
    limit,
  });
  const sections: AskSection[] = (['model', 'feature', 'provider'] as const)
    .filter(d => d !== by)
    .map(d => ({
      title: `By ${dimensionWords(d)}`,
      dimension: d,
      rows: breakdownRows(sumsBy(ctx, cube, cube.rows, d, scope), { limit }),
    }));
  const subject = subjectOf(ctx, scope);
  const named = breakdown.filter(b => b.key !== '(other)').slice(0, 3);
  const answer =
    named.length === 0
      ? `${subject} has no AI spend recorded for ${periodLabel(period)}.`
      : `${subject}'s AI spend for ${periodLabel(period)} is ${money(
          total,
          cube.currency,
        )}, mostly ${listWords(
          named.map(
            n =>
              `${n.label} (${money(Decimal.parse(n.amount), cube.currency)})`,
          ),
        )}, by ${dimensionWords(by)}.${hiddenNote(scope)}`;
  return {
    answer,
    period,
    figures: [
      totalFigure(
        `AI spend of ${inLabel(subject)}, ${periodLabel(period)}`,
        scope,
        total,
        cube.currency,
      ),
      ...named.map(n => ({
        label: n.label,
        entity:
          by === 'entity' ||
          (by === 'feature' &&
            n.key?.includes(':') &&
            !n.key.startsWith('feature:'))
            ? n.key ?? null
            : null,
        amount: n.amount,
        currency: cube.currency,
      })),
    ],
    breakdown,
    sections,
    ...cubeParts(cube, scope, query, period, by),
  };
}
