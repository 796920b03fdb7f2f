import { AskFigure, AskQuery, Decimal } from '@costwise/plugin-finops-common';
import {
  addDays,
  daysBetween,
  eachDay,
  monthEnd,
  monthStart,
} from '../../model';
import { monthEndForecast } from '../../queries';
import { totalOf } from '../data/cube';
import {
  AnswerContext,
  AnswerParts,
  filterWords,
  hiddenNote,
  readFiltered,
  subjectOf,
  upToToday,
} from './context';
import { money, periodLabel, quantity, unitMoney } from './format';

/**
 * The entity's cost per unit of its business metric over a period
 * (default: the 30 days up to today) and the trend of its daily (monthly,
 * over more than two months) unit cost, from the unit-cost view.
 */
export async function answerUnitCost(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const subject = subjectOf(ctx, scope);
  const period = upToToday(
    query.period ?? { from: addDays(ctx.today, -29), to: ctx.today },
    ctx.today,
  );
  const granularity =
    daysBetween(period.from, period.to) > 62 ? 'month' : 'day';
  const response = await ctx.unitCosts!.unitCost(
    scope.entity!,
    { ...period, granularity, measure: ctx.measure },
    ctx.viewer,
  );
  const base = {
    period,
    breakdown: [],
    currency: response.currency,
    sources: ['allocations', 'metrics'],
    scope,
    query: { ...query, period },
  };
  if (response.empty || !response.unitMetric || !response.totals.unitCost)
    return {
      ...base,
      answer: `${subject} has no unit cost for ${periodLabel(period)}: ${
        response.empty?.message ??
        'no usage of its unit metric was recorded in the period.'
      }`,
      figures: [],
    };
  const unit = response.unitMetric;
  const c = response.currency;
  // "cost per user" of an entity that counts orders is not its unit cost
  const asked = query.unit?.replace(/s$/, '');
  if (asked && !unit.metric.includes(asked) && !unit.label.includes(asked))
    return {
      ...base,
      answer: '',
      figures: [],
      unsupported: `${subject} measures its unit cost per ${unit.label} (costwise.dev/unit-metric: ${unit.metric}), not per ${asked}.`,
    };
  const trend = response.trend;
  const figures: AskFigure[] = [
    {
      label: `Cost per ${unit.label}, ${periodLabel(period)}`,
      entity: scope.ref,
      amount: response.totals.unitCost,
      currency: c,
    },
    {
      label: `Cost, ${periodLabel(period)}`,
      entity: scope.ref,
      amount: response.totals.cost,
      currency: c,
    },
    {
      label: `${unit.metric}, ${periodLabel(period)}`,
      entity: scope.ref,
      amount: Decimal.fromNumber(response.totals.metric ?? 0).toString(),
      currency: '',
    },
  ];
  if (trend.change !== null)
    figures.push({
      label: `Change of the unit-cost trend line over the ${trend.periods} ${granularity}s with usage`,
      entity: scope.ref,
      amount: trend.change,
      currency: c,
    });
  let trendWords = '';
  if (trend.change !== null && trend.direction === 'flat')
    trendWords = ' It held steady over the period.';
  else if (trend.change !== null)
    trendWords = ` It went ${trend.direction} by ${unitMoney(
      Decimal.parse(trend.change).abs(),
      c,
    )} per ${unit.label}${
      trend.ratio !== null
        ? ` (${trend.ratio > 0 ? '+' : '-'}${Math.round(
            Math.abs(trend.ratio) * 100,
          )}%)`
        : ''
    } over the period.`;
  return {
    ...base,
    answer: `${subject} cost ${unitMoney(
      Decimal.parse(response.totals.unitCost),
      c,
    )} per ${unit.label} for ${periodLabel(period)} (${money(
      Decimal.parse(response.totals.cost),
      c,
    )} for ${quantity(response.totals.metric ?? 0)} ${
      unit.metric
    }).${trendWords}`,
    figures,
    chart: {
      granularity,
      unit: `${c} per ${unit.label}`,
      points: response.series
        .filter(p => p.unitCost !== null)
        .map(p => ({ date: p.date, amount: p.unitCost! })),
    },
  };
}

/**
 * The month-end forecast of the entity (or organization) from the month to
 * date and the last 14 days, by the same function the cost card uses.
 */
export async function answerForecast(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const subject = subjectOf(ctx, scope);
  const today = ctx.today;
  const start = monthStart(today);
  const from = addDays(today, -13) < start ? addDays(today, -13) : start;
  const cube = await readFiltered(ctx, scope, query, { from, to: today });
  const byDay = new Map<string, Decimal>();
  for (const r of cube.rows)
    byDay.set(r.day, (byDay.get(r.day) ?? Decimal.ZERO).add(r.amount));
  const monthToDate = totalOf(cube.rows.filter(r => r.day >= start));
  const forecast = monthEndForecast(byDay, monthToDate, today);
  const c = cube.currency;
  const left = daysBetween(today, monthEnd(today));
  const period = { from: start, to: monthEnd(today) };
  const narrowed = filterWords(query);
  return {
    answer: `${subject}${
      narrowed ? `'s ${narrowed} cost` : ''
    } is forecast to ${narrowed ? 'reach' : 'spend'} ${money(
      Decimal.parse(forecast.amount),
      c,
    )} in ${periodLabel(period)} (likely ${money(
      Decimal.parse(forecast.low),
      c,
    )} to ${money(Decimal.parse(forecast.high), c)}): ${money(
      monthToDate,
      c,
    )} up to ${today}${
      left > 0
        ? ` and ${left} days still to come`
        : ', the last day of the month'
    }.${hiddenNote(scope)}`,
    period,
    figures: [
      {
        label: `Month to date (to ${today})`,
        entity: scope.ref,
        amount: monthToDate.toString(),
        currency: c,
      },
      {
        label: `Forecast for ${periodLabel(period)}`,
        entity: scope.ref,
        amount: forecast.amount,
        currency: c,
      },
      {
        label: 'Forecast, low',
        entity: scope.ref,
        amount: forecast.low,
        currency: c,
      },
      {
        label: 'Forecast, high',
        entity: scope.ref,
        amount: forecast.high,
        currency: c,
      },
    ],
    breakdown: [],
    chart: {
      granularity: 'day',
      unit: c,
      points: eachDay(start, today).map(date => ({
        date,
        amount: (byDay.get(date) ?? Decimal.ZERO).toString(),
      })),
    },
    currency: c,
    sources: cube.sources,
    scope,
    query: { ...query, period: { from: start, to: today } },
  };
}
