import { AskPeriod, Decimal } from '@costwise/plugin-finops-common';
import { monthEndForecast } from '../../../queries';
import type { Expected } from './runEvaluation';
import { isAi, modelOfRow, Reference, RefRow, shiftDay } from './reference';

/**
 * Expected answers, computed from the reference's own reading of the data
 * by the rules the README states for each kind of question.
 */

type Where = (r: RefRow) => boolean;
type Key =
  | 'service'
  | 'child'
  | 'entity'
  | 'resource'
  | 'region'
  | 'model'
  | 'feature'
  | 'provider'
  | 'sku';

const all: Where = () => true;

function keyFn(key: Key, members?: Map<string, string>): (r: RefRow) => string {
  switch (key) {
    case 'child':
      return r =>
        r.entity ? members?.get(r.entity) ?? r.entity : '(unattributed)';
    case 'entity':
      return r => r.entity ?? '(unattributed)';
    case 'resource':
      return r =>
        r.resourceId ?? r.resourceName ?? `(no resource) ${r.service}`;
    case 'region':
      return r => r.region ?? '(no region)';
    case 'model':
      return r => modelOfRow(r) ?? '(no model)';
    case 'provider':
      return r => r.provider;
    case 'sku':
      return r => r.sku ?? `(no SKU) ${r.service}`;
    case 'feature':
      return r => {
        for (const [k, v] of Object.entries(r.tags))
          if (['x_feature', 'x_featureid', 'feature'].includes(k.toLowerCase()))
            return `feature:${v}`;
        return r.entity ?? '(unattributed)';
      };
    default:
      return r => r.service;
  }
}

/** How a scope's cost is split by default: a rollup by child (by entity when it has one child), else by service. */
function rollupKey(
  members: Map<string, string> | undefined,
  rows: RefRow[],
): Key {
  if (!members || members.size <= 1) return 'service';
  const children = new Set(rows.map(keyFn('child', members)));
  return children.size > 1 ? 'child' : 'entity';
}

/** The rows of a scope: an entity's members' allocations, or every allocation and the unattributed rest. */
async function rowsOf(
  r: Reference,
  ref: string | null,
  p: AskPeriod,
  measure?: string,
) {
  if (ref)
    return {
      rows: await r.entityRows(ref, p.from, p.to, measure),
      members: await r.members(ref),
    };
  const refs = (await r.knex('finops_allocations').distinct('entity_ref')).map(
    x => x.entity_ref,
  );
  return {
    rows: [
      ...(await r.allocations(refs, p.from, p.to, measure)),
      ...(await r.unattributed(p.from, p.to, measure)),
    ],
    members: undefined,
  };
}

/** What an entity (or the organization) cost in a period, and its largest part. */
export function cost(
  ref: string | null,
  period: AskPeriod,
  options: {
    where?: Where;
    by?: Key;
    measure?: string;
    currency?: string;
  } = {},
) {
  return async (r: Reference): Promise<Expected> => {
    const { rows, members } = await rowsOf(r, ref, period, options.measure);
    const c = r.currency(rows, options.currency);
    const where = options.where ?? all;
    const inScope = rows.filter(x => x.currency === c && where(x));
    const by: Key = options.by ?? rollupKey(members, inScope);
    const [first] = r.ranked(inScope, keyFn(by, members));
    return {
      period,
      figures: [{ amount: r.total(inScope, all, c), entity: ref }],
      ...(first ? { first: { key: first[0], amount: first[1] } } : {}),
    };
  };
}

/** What drives a scope's cost: the total and the three largest parts by a dimension. */
export function drivers(
  ref: string | null,
  period: AskPeriod,
  by: Key = 'service',
  where: Where = all,
  aiOnly = false,
) {
  return async (r: Reference): Promise<Expected> => {
    const { rows, members } = await rowsOf(r, ref, period);
    const c = r.currency(rows);
    const inScope = rows.filter(
      x => x.currency === c && where(x) && (!aiOnly || isAi(x)),
    );
    const ranked = r.ranked(inScope, keyFn(by, members));
    return {
      period,
      figures: [r.total(inScope, all, c), ...ranked.slice(0, 3).map(x => x[1])],
      ...(ranked[0]
        ? { first: { key: ranked[0][0], amount: ranked[0][1] } }
        : {}),
    };
  };
}

/** A change between two periods: both totals, the change and the part that changed most. */
export function change(
  ref: string | null,
  period: AskPeriod,
  baseline: AskPeriod,
  options: { by?: Key; where?: Where; says?: RegExp[]; kind?: string } = {},
) {
  return async (r: Reference): Promise<Expected> => {
    const from = [period.from, baseline.from].sort()[0];
    const to = [period.to, baseline.to].sort()[1];
    const { rows, members } = await rowsOf(r, ref, { from, to });
    const c = r.currency(rows);
    const where = options.where ?? all;
    const inRange = (p: AskPeriod) => (x: RefRow) =>
      x.day >= p.from && x.day <= p.to && where(x);
    const after = rows.filter(inRange(period));
    const before = rows.filter(inRange(baseline));
    const p = r.total(after, all, c);
    const b = r.total(before, all, c);
    const by: Key =
      options.by ??
      rollupKey(
        members,
        [...after, ...before].filter(x => x.currency === c),
      );
    let key = keyFn(by, members);
    if (options.kind) {
      const inner = key;
      key = x =>
        inner(x).startsWith(`${options.kind}:`)
          ? inner(x)
          : `(not ${options.kind})`;
    }
    const [first] = r.rankedChange(after, before, key, c);
    return {
      period,
      figures: [p, b, p.sub(b)],
      ...(first ? { first: { key: first[0], change: first[1] } } : {}),
      says: options.says,
    };
  };
}

/** The day of the largest spike in a window (above the median of its 7 days before), then its change against the day before. */
export function spike(
  ref: string | null,
  window: AskPeriod,
  options: { says?: RegExp[]; day?: string } = {},
) {
  return async (r: Reference): Promise<Expected> => {
    const { rows } = await rowsOf(r, ref, {
      from: shiftDay(window.from, -7),
      to: window.to,
    });
    const c = r.currency(rows);
    const byDay = r.daily(rows, c);
    let best: { day: string; excess: Decimal } | undefined;
    for (let day = window.from; day <= window.to; day = shiftDay(day, 1)) {
      const before = [1, 2, 3, 4, 5, 6, 7]
        .map(n => byDay.get(shiftDay(day, -n)) ?? Decimal.ZERO)
        .sort((a, b) => a.compare(b));
      const excess = (byDay.get(day) ?? Decimal.ZERO).sub(before[3]);
      if (
        excess.compare(Decimal.ZERO) > 0 &&
        (!best || excess.compare(best.excess) >= 0)
      )
        best = { day, excess };
    }
    if (options.day && best?.day !== options.day)
      throw new Error(
        `the reference finds the spike on ${best?.day}, not ${options.day}`,
      );
    const day = best!.day;
    return change(
      ref,
      { from: day, to: day },
      { from: shiftDay(day, -1), to: shiftDay(day, -1) },
      { says: options.says },
    )(r);
  };
}

/** The N largest parts of a scope's cost by a dimension. */
export function top(
  ref: string | null,
  period: AskPeriod,
  by: Key,
  limit: number,
  where: Where = all,
) {
  return async (r: Reference): Promise<Expected> => {
    const { rows, members } = await rowsOf(r, ref, period);
    const c = r.currency(rows);
    const ranked = r.ranked(
      rows.filter(x => x.currency === c && where(x)),
      keyFn(by, members),
    );
    return {
      period,
      figures: ranked.slice(0, limit).map(x => x[1]),
      ...(ranked[0]
        ? { first: { key: ranked[0][0], amount: ranked[0][1] } }
        : {}),
    };
  };
}

/** The most expensive entities of a kind, each with its whole rollup ("teams": groups of type team). */
export function topEntities(kind: string, period: AskPeriod, limit: number) {
  return async (r: Reference): Promise<Expected> => {
    let candidates = r.entities.filter(e => e.kind.toLowerCase() === kind);
    if (
      kind === 'group' &&
      candidates.some(e => (e.spec as any)?.type === 'team')
    )
      candidates = candidates.filter(e => (e.spec as any)?.type === 'team');
    const totals: Array<[string, Decimal]> = [];
    for (const e of candidates) {
      const ref = r.ref(e);
      const rows = await r.entityRows(ref, period.from, period.to);
      totals.push([
        ref,
        Decimal.sum(rows.filter(x => x.currency === 'USD').map(x => x.amount)),
      ]);
    }
    totals.sort((a, b) => b[1].compare(a[1]) || a[0].localeCompare(b[0]));
    return {
      period,
      figures: totals
        .slice(0, limit)
        .map(([ref, amount]) => ({ amount, entity: ref })),
      first: { key: totals[0][0], amount: totals[0][1] },
    };
  };
}

/** Entities side by side: each total, then the first less the second. */
export function compare(refs: string[], period: AskPeriod) {
  return async (r: Reference): Promise<Expected> => {
    const totals: Decimal[] = [];
    let c: string | undefined;
    for (const ref of refs) {
      const rows = await r.entityRows(ref, period.from, period.to);
      c ??= r.currency(rows);
      totals.push(r.total(rows, all, c));
    }
    return {
      period,
      figures: [
        ...totals.map((amount, i) => ({ amount, entity: refs[i] })),
        totals[0].sub(totals[1]),
      ],
    };
  };
}

/** Cost per unit: cost · per / the metric's sum (the entity's own values, else its members'), 6 places half to even. */
export function unitCost(
  ref: string,
  period: AskPeriod,
  metric: string,
  per = 1,
) {
  return async (r: Reference): Promise<Expected> => {
    const members = [...(await r.members(ref)).keys()];
    const rows = await r.allocations(members, period.from, period.to);
    const c = r.currency(rows);
    const costTotal = r.total(rows, all, c);
    const own = await r.withMetric([ref], metric);
    const sources = own.length
      ? own
      : await r.withMetric(
          members.filter(m => m !== ref),
          metric,
        );
    const value = await r.metric(sources, metric, period.from, period.to);
    return {
      period,
      figures: [costTotal.mulInt(per).divide(value, 6), costTotal, value],
    };
  };
}

/** The month-end forecast from the month to date and the 14 days up to today, by the cost card's function. */
export function forecast(ref: string | null, today: string) {
  return async (r: Reference): Promise<Expected> => {
    const start = `${today.slice(0, 7)}-01`;
    const from = shiftDay(today, -13) < start ? shiftDay(today, -13) : start;
    const { rows } = await rowsOf(r, ref, { from, to: today });
    const c = r.currency(rows);
    const byDay = r.daily(rows, c);
    const mtd = Decimal.sum(
      [...byDay].filter(([d]) => d >= start).map(([, v]) => v),
    );
    const f = monthEndForecast(byDay, mtd, today);
    const end = new Date(
      Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0),
    )
      .toISOString()
      .slice(0, 10);
    return {
      period: { from: start, to: end },
      figures: [mtd, f.amount, f.low, f.high],
    };
  };
}

/** Who a resource's cost is attributed to in a period, largest first. */
export function owner(
  resource: string,
  period: AskPeriod,
  expectedOwner?: string,
) {
  return async (r: Reference): Promise<Expected> => {
    const rows = await r
      .knex('finops_allocations as a')
      .join('finops_fact_groups as g', 'g.id', 'a.group_id')
      .where(q =>
        q.where('g.resource_id', resource).orWhere('g.resource_name', resource),
      )
      .where('a.day', '>=', period.from)
      .where('a.day', '<=', period.to)
      .select('a.entity_ref', 'a.effective_cost');
    const by = new Map<string, Decimal>();
    for (const x of rows)
      by.set(
        x.entity_ref,
        (by.get(x.entity_ref) ?? Decimal.ZERO).add(
          Decimal.parse(String(x.effective_cost)),
        ),
      );
    const ranked = [...by].sort(
      (a, b) => b[1].compare(a[1]) || a[0].localeCompare(b[0]),
    );
    if (expectedOwner && ranked[0]?.[0] !== expectedOwner)
      throw new Error(
        `the reference finds ${ranked[0]?.[0]} owning ${resource}`,
      );
    return {
      period,
      figures: ranked.map(([entity, amount]) => ({ amount, entity })),
    };
  };
}

/** The cost no rule attributed, the total and the attributed part. */
export function unattributed(period: AskPeriod, where: Where = all) {
  return async (r: Reference): Promise<Expected> => {
    const facts = await r.facts(period.from, period.to);
    const c = r.currency(facts);
    const total = r.total(facts, where, c);
    const rest = r.total(
      await r.unattributed(period.from, period.to),
      where,
      c,
    );
    return { period, figures: [rest, total, total.sub(rest)] };
  };
}

/** AI spend: the total and its largest parts by model (or feature). */
export function aiSpend(
  ref: string | null,
  period: AskPeriod,
  by: Key = 'model',
) {
  return drivers(ref, period, by, all, true);
}

/** Open recommendations of a scope: how many, and their monthly savings. */
export function recommendations(refs?: string[]) {
  return async (r: Reference): Promise<Expected> => {
    const open = await r.openRecommendations(refs);
    const usd = open.filter(o => o.currency === 'USD');
    return {
      figures: [String(usd.length), Decimal.sum(usd.map(o => o.savings))],
    };
  };
}

/** An entity's members, for scopes given as "everything this group owns". */
export async function membersOf(r: Reference, ref: string): Promise<string[]> {
  return [...new Set([ref, ...(await r.members(ref)).keys()])];
}
