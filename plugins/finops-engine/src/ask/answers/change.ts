import {
  AskDimension,
  AskPeriod,
  AskQuery,
  AskSection,
  Decimal,
} from '@costwise/plugin-finops-common';
import { addDays, daysBetween, eachDay, monthStart } from '../../model';
import { periodBefore } from '../parse/calendar';
import { CostScope, CubeRow, totalOf } from '../data/cube';
import { readQuantities } from '../data/quantities';
import {
  AnswerContext,
  AnswerParts,
  breakdownRows,
  dailyPoints,
  filterWords,
  hiddenNote,
  labelOf,
  defaultSplit,
  readFiltered,
  subjectOf,
  sumsBy,
  upToToday,
} from './context';
import { dimensionWords } from './cost';
import { groupChanges, spikeDay, usageAndPrice, usageWords } from './decompose';
import { dayLabel, money, percent, periodLabel, signedMoney } from './format';

const within = (r: CubeRow, p: AskPeriod) => r.day >= p.from && r.day <= p.to;
const lengthOf = (p: AskPeriod) => daysBetween(p.from, p.to) + 1;

/** The periods a change question compares, or the day of a spike found in a window. */
async function periodsOf(
  ctx: AnswerContext,
  scope: CostScope,
  query: AskQuery,
): Promise<
  { period: AskPeriod; baseline: AskPeriod; day?: string } | { none: AskPeriod }
> {
  if (query.day) {
    const day = query.day;
    return {
      period: { from: day, to: day },
      baseline: { from: addDays(day, -1), to: addDays(day, -1) },
      day,
    };
  }
  if (query.spike) {
    const window = upToToday(
      query.period ?? { from: addDays(ctx.today, -29), to: ctx.today },
      ctx.today,
    );
    const cube = await readFiltered(ctx, scope, query, {
      from: addDays(window.from, -7),
      to: window.to,
    });
    const byDay = new Map<string, Decimal>();
    for (const r of cube.rows)
      byDay.set(r.day, (byDay.get(r.day) ?? Decimal.ZERO).add(r.amount));
    const found = spikeDay(byDay, eachDay(window.from, window.to), day =>
      eachDay(addDays(day, -7), addDays(day, -1)),
    );
    if (!found) return { none: window };
    return {
      period: { from: found.day, to: found.day },
      baseline: {
        from: addDays(found.day, -1),
        to: addDays(found.day, -1),
      },
      day: found.day,
    };
  }
  const period = upToToday(
    query.period ?? { from: monthStart(ctx.today), to: ctx.today },
    ctx.today,
  );
  return { period, baseline: query.baseline ?? periodBefore(period) };
}

/**
 * Why cost changed: the total of a period (or a day) against a baseline
 * (the period before, or the day before), decomposed by member, service,
 * resource, region, SKU and charge category, into usage volume and unit
 * price where quantities exist, with the resources that appeared or
 * stopped. A spike question without a day finds the day first.
 */
export async function answerChange(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const subject = subjectOf(ctx, scope);
  const found = await periodsOf(ctx, scope, query);
  if ('none' in found) {
    return {
      answer: `${subject}'s cost had no spike from ${periodLabel(
        found.none,
      )}: no day cost more than the median of the 7 days before it.${hiddenNote(
        scope,
      )}`,
      period: found.none,
      figures: [],
      breakdown: [],
      currency: '',
      sources: ['allocations'],
      scope,
      query: { ...query, period: found.none },
    };
  }
  const { period, baseline, day } = found;
  const chartRange = day
    ? {
        from: addDays(day, -14),
        to: ctx.today < addDays(day, 7) ? ctx.today : addDays(day, 7),
      }
    : {
        from: baseline.from < period.from ? baseline.from : period.from,
        to: period.to,
      };
  const range = {
    from: [period.from, baseline.from, chartRange.from].sort()[0],
    to: [period.to, baseline.to, chartRange.to].sort()[2],
  };
  const cube = await readFiltered(ctx, scope, query, range);
  const after = cube.rows.filter(r => within(r, period));
  const before = cube.rows.filter(r => within(r, baseline));
  const totalAfter = totalOf(after);
  const totalBefore = totalOf(before);
  const change = totalAfter.sub(totalBefore);
  const currency = cube.currency;
  const rollup = scope.members.size > 1;
  const by: AskDimension =
    query.by ?? defaultSplit(ctx, cube, [...after, ...before], scope);
  const limit = query.limit ?? 5;
  const compared = (d: AskDimension, kind?: string) =>
    breakdownRows(sumsBy(ctx, cube, after, d, scope, kind), {
      previous: sumsBy(ctx, cube, before, d, scope, kind),
      byChange: true,
      limit,
    });
  const breakdown = compared(by, query.kind);
  const dims: AskDimension[] = [
    ...(rollup ? (['child'] as const) : []),
    'service',
    'resource',
    'region',
    'sku',
    'chargeCategory',
    ...(scope.ref ? [] : (['entity'] as const)),
  ].filter(d => d !== by) as AskDimension[];
  const sections: AskSection[] = dims.map(d => ({
    title: `Change by ${dimensionWords(d)}`,
    dimension: d,
    rows: compared(d),
  }));

  // usage volume and unit price, per fact group
  const quantities = await readQuantities(
    ctx.knex,
    [...new Set([...after, ...before].map(r => r.groupId))],
    { from: range.from, to: range.to, measure: ctx.measure },
  );
  const groups = groupChanges(before, after, quantities);
  sections.push({ title: 'Usage and price', rows: usageAndPrice(groups) });
  const resources = sumsBy(ctx, cube, after, 'resource', scope);
  const earlier = sumsBy(ctx, cube, before, 'resource', scope);
  const real = (k: string) => !k.startsWith('(no resource)');
  const appeared = [...resources]
    .filter(([k, v]) => real(k) && !v.amount.isZero() && !earlier.get(k))
    .sort((a, b) => b[1].amount.compare(a[1].amount));
  const stopped = [...earlier]
    .filter(([k, v]) => real(k) && !v.amount.isZero() && !resources.get(k))
    .sort((a, b) => b[1].amount.compare(a[1].amount));
  if (appeared.length > 0)
    sections.push({
      title: 'New resources',
      dimension: 'resource',
      rows: appeared.slice(0, 20).map(([key, v]) => ({
        key,
        label: v.label,
        amount: v.amount.toString(),
        change: v.amount.toString(),
        note: 'new',
      })),
    });
  if (stopped.length > 0)
    sections.push({
      title: 'Vanished resources',
      dimension: 'resource',
      rows: stopped.slice(0, 20).map(([key, v]) => ({
        key,
        label: v.label,
        amount: '0',
        change: v.amount.negate().toString(),
        previous: v.amount.toString(),
        note: 'vanished',
      })),
    });

  // the sentence: the total, then the fact group that moved most
  const narrowed = filterWords(query);
  const what = narrowed ? `${subject}'s ${narrowed} cost` : `${subject}'s cost`;
  // mid-sentence: "the organization"
  const inner = what.replace(/^The organization/, 'the organization');
  const direction = change.isNegative() ? 'down' : 'up';
  const pct = percent(change.abs(), totalBefore.abs());
  let answer = day
    ? `On ${dayLabel(day)} ${inner} was ${money(
        totalAfter,
        currency,
      )}, ${signedMoney(change, currency)} against the day before (${money(
        totalBefore,
        currency,
      )}).`
    : `${what} for ${periodLabel(period)} was ${money(
        totalAfter,
        currency,
      )}, ${direction} ${money(change.abs(), currency)}${
        pct ? ` (${direction === 'up' ? '+' : '-'}${pct})` : ''
      } from ${money(totalBefore, currency)} for ${periodLabel(baseline)}${
        lengthOf(period) === lengthOf(baseline)
          ? ''
          : ` (${lengthOf(period)} days against ${lengthOf(baseline)})`
      }.`;
  // the resource (or service, without resource ids) that moved most
  const resourceKey = (groupId: string) => {
    const g = cube.groups.get(groupId)!;
    return g.resourceId ?? g.resourceName ?? `(no resource) ${g.serviceName}`;
  };
  const byResource = new Map<string, { change: Decimal; groupIds: string[] }>();
  for (const g of groups) {
    const k = resourceKey(g.groupId);
    const known = byResource.get(k) ?? { change: Decimal.ZERO, groupIds: [] };
    known.change = known.change.add(g.change);
    known.groupIds.push(g.groupId);
    byResource.set(k, known);
  }
  const topResource = [...byResource.values()].sort((a, b) =>
    b.change.abs().compare(a.change.abs()),
  )[0];
  if (topResource && !topResource.change.isZero()) {
    const topGroup = groups.find(g => g.groupId === topResource.groupIds[0])!;
    const g = cube.groups.get(topGroup.groupId)!;
    const where = g.resourceName ?? g.resourceId;
    const members = [
      ...new Set(
        [...after, ...before]
          .filter(r => topResource.groupIds.includes(r.groupId) && r.entityRef)
          .map(r => scope.members.get(r.entityRef!) ?? r.entityRef!),
      ),
    ];
    const inMember =
      rollup || !scope.ref
        ? members
            .slice(0, 2)
            .map(m => labelOf(ctx.entities, m))
            .join(', ')
        : '';
    const how = usageWords(topGroup);
    const share = percent(topResource.change, change);
    answer += ` The largest change is ${g.serviceName}${
      where ? ` on ${where}` : ''
    }${inMember ? ` (${inMember})` : ''}: ${signedMoney(
      topResource.change,
      currency,
    )}${
      share &&
      !change.isZero() &&
      topResource.change.isNegative() === change.isNegative()
        ? `, ${share} of the change`
        : ''
    }${how ? `; ${g.skuId ? `${g.skuId} ` : ''}${how}` : ''}.`;
  }
  if (appeared.length > 0)
    answer += ` New: ${appeared
      .slice(0, 3)
      .map(([, v]) => `${v.label} (${money(v.amount, currency)})`)
      .join(', ')}.`;
  if (stopped.length > 0)
    answer += ` Gone: ${stopped
      .slice(0, 3)
      .map(([, v]) => v.label)
      .join(', ')}.`;
  answer += hiddenNote(scope);

  const label = (p: AskPeriod) => periodLabel(p);
  return {
    answer,
    period,
    figures: [
      {
        label: `Cost, ${label(period)}`,
        entity: scope.ref,
        amount: totalAfter.toString(),
        currency,
      },
      {
        label: `Cost, ${label(baseline)}`,
        entity: scope.ref,
        amount: totalBefore.toString(),
        currency,
      },
      {
        label: 'Change',
        entity: scope.ref,
        amount: change.toString(),
        currency,
      },
    ],
    breakdown,
    breakdownBy: by,
    sections,
    chart: {
      granularity: 'day',
      unit: currency,
      points: dailyPoints(cube.rows, chartRange),
      ...(day ? { highlight: day } : {}),
    },
    currency,
    sources: [...cube.sources, 'facts'].filter((s, i, a) => a.indexOf(s) === i),
    scope,
    evidenceGroups: groups.slice(0, 3).map(g => g.groupId),
    query: {
      ...query,
      period,
      baseline,
      ...(day ? { day } : {}),
      by,
    },
  };
}
