import {
  AskBreakdownRow,
  AskDimension,
  AskQuery,
  Decimal,
} from '@costwise/plugin-finops-common';
import { monthStart } from '../../model';
import { totalOf } from '../data/cube';
import {
  AnswerContext,
  AnswerParts,
  breakdownRows,
  hiddenNote,
  labelOf,
  readFiltered,
  subjectOf,
  sumsBy,
  upToToday,
} from './context';
import { answerChange } from './change';
import { dimensionWords } from './cost';
import { money, periodLabel, share } from './format';

const KIND_WORDS: Record<string, string> = {
  component: 'components',
  system: 'systems',
  group: 'teams',
  domain: 'domains',
  resource: 'resources (catalog)',
  api: 'APIs',
};

/**
 * The most expensive entities of a catalog kind (each with its whole
 * rollup, as its page shows it) or services, resources, regions, ... of
 * the organization or an entity, in a period (default: the month to
 * date). Entities the asker may not read are not ranked; a rollup counts
 * only the members the asker may read.
 */
export async function answerTop(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const period = upToToday(
    query.period ?? { from: monthStart(ctx.today), to: ctx.today },
    ctx.today,
  );
  const by: AskDimension = query.by ?? 'service';
  const limit = query.limit ?? 5;
  const cube = await readFiltered(ctx, scope, query, period);
  const currency = cube.currency;
  let breakdown: AskBreakdownRow[];
  let what: string;
  if (by === 'entity' && query.kind) {
    // rollups: each candidate's own members, within the scope and readable
    const direct = new Map<string, Decimal>();
    for (const r of cube.rows)
      if (r.entityRef)
        direct.set(
          r.entityRef,
          (direct.get(r.entityRef) ?? Decimal.ZERO).add(r.amount),
        );
    let candidates = [...ctx.entities.values()]
      .filter(e => e.kind.toLowerCase() === query.kind)
      .map(e =>
        `${e.kind}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`.toLowerCase(),
      );
    if (scope.ref)
      candidates = candidates.filter(
        c => scope.members.has(c) && c !== scope.ref,
      );
    // "teams": groups of type team, where the catalog has any
    if (query.kind === 'group') {
      const teams = candidates.filter(
        c =>
          (ctx.entities.get(c)?.spec as { type?: string } | undefined)?.type ===
          'team',
      );
      if (teams.length > 0) candidates = teams;
    }
    if (ctx.viewer) {
      const readable = await ctx.viewer.readable(candidates);
      candidates = candidates.filter(c => readable.has(c));
    }
    const membersOf = await ctx.store.membersOf(candidates);
    const memberRefs = new Set<string>();
    for (const m of membersOf.values())
      for (const ref of m.keys()) memberRefs.add(ref);
    const readableMembers = ctx.viewer
      ? await ctx.viewer.readable([...memberRefs])
      : memberRefs;
    const totals = candidates.map(ref => {
      let total = Decimal.ZERO;
      for (const member of membersOf.get(ref)?.keys() ?? [ref])
        if (member === ref || readableMembers.has(member))
          total = total.add(direct.get(member) ?? Decimal.ZERO);
      return { ref, total };
    });
    totals.sort(
      (a, b) => b.total.compare(a.total) || a.ref.localeCompare(b.ref),
    );
    const sum = Decimal.sum(totals.map(t => t.total));
    breakdown = totals.slice(0, Math.max(limit, 5)).map(t => ({
      label: labelOf(ctx.entities, t.ref),
      key: t.ref,
      amount: t.total.toString(),
      change: null,
      share: share(t.total, sum),
    }));
    what = KIND_WORDS[query.kind] ?? `${query.kind} entities`;
  } else {
    breakdown = breakdownRows(sumsBy(ctx, cube, cube.rows, by, scope), {
      limit: Math.max(limit, 5),
    });
    what = `${dimensionWords(by)}s`;
  }
  const ranked = breakdown.filter(b => b.key !== '(other)').slice(0, limit);
  const entityKeys = by === 'entity' || by === 'child';
  const inScope = scope.ref ? ` of ${subjectOf(ctx, scope)}` : '';
  let answer = `No cost is recorded${inScope} for ${periodLabel(period)}.`;
  if (ranked.length > 0 && limit === 1)
    answer = `The most expensive of the ${what}${inScope} for ${periodLabel(
      period,
    )} is ${ranked[0].label} at ${money(
      Decimal.parse(ranked[0].amount),
      currency,
    )}.${hiddenNote(scope)}`;
  else if (ranked.length > 0)
    answer = `The top ${ranked.length} ${what}${inScope} for ${periodLabel(
      period,
    )}: ${ranked
      .map(
        (r, i) =>
          `${i + 1}. ${r.label} (${money(Decimal.parse(r.amount), currency)})`,
      )
      .join(', ')}.${hiddenNote(scope)}`;
  return {
    answer,
    period,
    figures: ranked.map(r => ({
      label: r.label,
      entity: entityKeys && r.key?.includes(':') ? r.key : null,
      amount: r.amount,
      currency,
    })),
    breakdown,
    breakdownBy: by === 'entity' && query.kind ? query.kind : by,
    currency,
    sources: cube.sources,
    scope,
    query: { ...query, period, by, limit },
  };
}

/**
 * Two or more entities side by side in one period (default: the month to
 * date), or one scope in two periods.
 */
export async function answerCompare(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const period = upToToday(
    query.period ?? { from: monthStart(ctx.today), to: ctx.today },
    ctx.today,
  );
  if (!query.compareWith?.length) return comparePeriods(ctx, query, period);
  const refs = [query.entityRef!, ...query.compareWith];
  const totals: Array<{ ref: string; total: Decimal; currency: string }> = [];
  const sources = new Set<string>();
  let currency = query.currency;
  let hidden = 0;
  for (const ref of refs) {
    const scope = await ctx.scopeOf(ref);
    hidden += scope.hidden;
    const cube = await readFiltered(ctx, scope, { ...query, currency }, period);
    currency ??= cube.currency;
    cube.sources.forEach(s => sources.add(s));
    totals.push({ ref, total: totalOf(cube.rows), currency: cube.currency });
  }
  const c = currency ?? 'USD';
  const [a, b] = totals;
  const difference = a.total.sub(b.total);
  const sum = Decimal.sum(totals.map(t => t.total));
  const name = (ref: string) => labelOf(ctx.entities, ref);
  const answer = `${name(a.ref)} cost ${money(a.total, c)} for ${periodLabel(
    period,
  )}, ${money(difference.abs(), c)} ${
    difference.isNegative() ? 'less' : 'more'
  } than ${name(b.ref)} (${money(b.total, c)})${
    totals.length > 2
      ? `; ${totals
          .slice(2)
          .map(t => `${name(t.ref)} cost ${money(t.total, c)}`)
          .join(', ')}`
      : ''
  }.${
    hidden > 0
      ? ` ${hidden} members' cost is left out: you are not allowed to read it.`
      : ''
  }`;
  return {
    answer,
    period,
    figures: [
      ...totals.map(t => ({
        label: `Cost of ${name(t.ref)}, ${periodLabel(period)}`,
        entity: t.ref,
        amount: t.total.toString(),
        currency: c,
      })),
      {
        label: `Difference (${name(a.ref)} − ${name(b.ref)})`,
        entity: null,
        amount: difference.toString(),
        currency: c,
      },
    ],
    breakdown: totals.map(t => ({
      label: name(t.ref),
      key: t.ref,
      amount: t.total.toString(),
      change: null,
      share: share(t.total, sum),
    })),
    breakdownBy: 'entity',
    currency: c,
    sources: [...sources],
    scope: null,
    evidenceEntities: refs,
    query: { ...query, period },
  };
}

async function comparePeriods(
  ctx: AnswerContext,
  query: AskQuery,
  period: { from: string; to: string },
): Promise<AnswerParts> {
  // the same decomposition as a change question
  const parts = await answerChange(ctx, { ...query, intent: 'change', period });
  return { ...parts, query: { ...parts.query, intent: 'compare' } };
}
