import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import {
  AskBreakdownRow,
  AskChart,
  AskDimension,
  AskFigure,
  AskPeriod,
  AskQuery,
  AskSection,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import { eachDay } from '../../model';
import type {
  CostViewer,
  CostViewService,
  UnitCostService,
} from '../../queries';
import type {
  AnomalyStore,
  AttributionStore,
  RecommendationStore,
} from '../../stores';
import {
  CostScope,
  Cube,
  CubeReads,
  CubeRow,
  readCube,
  sumRows,
} from '../data/cube';
import { EntityLabels, keyOf, matchesFilter } from '../data/dimensions';
import { share } from './format';

/** What every answer reads from and knows about the asker. */
export interface AnswerContext {
  knex: Knex;
  store: AttributionStore;
  views: CostViewService;
  unitCosts?: UnitCostService;
  recommendations?: Pick<RecommendationStore, 'list'>;
  reads: CubeReads;
  entities: Map<string, Entity>;
  viewer?: CostViewer;
  today: string;
  /** The measure asked for, else the configured one. */
  measure: CostMeasure;
  modelTagKeys: string[];
  /** The anomalies detected, for "why did it change" answers to link to. */
  anomalies?: Pick<AnomalyStore, 'list'>;
  /** An entity's scope for the asker (refused as its page refuses it), or the organization's. */
  scopeOf(ref: string | undefined): Promise<CostScope & { entity?: Entity }>;
}

/** An answer before the engine adds what every answer has (freshness, lineage, suggestions). */
export interface AnswerParts {
  answer: string;
  period: AskPeriod | null;
  figures: AskFigure[];
  breakdown: AskBreakdownRow[];
  breakdownBy?: string;
  sections?: AskSection[];
  chart?: AskChart;
  currency: string;
  sources: string[];
  scope: CostScope | null;
  /** Fact groups whose attribution evidence backs the answer. */
  evidenceGroups?: string[];
  /** Or: the entities whose evidence backs it. */
  evidenceEntities?: string[];
  /** The query as run, its defaults filled in. */
  query: AskQuery;
  /** Why the question cannot be answered after all (the answer is then a refusal with this reason). */
  unsupported?: string;
}

/** How an entity is named in sentences: its title, else its name. */
export function labelOf(entities: Map<string, Entity>, ref: string): string {
  const e = entities.get(ref);
  return e?.metadata.title ?? e?.metadata.name ?? ref;
}

/** Labels for keys by entity and by rollup child. */
export function entityLabels(
  entities: Map<string, Entity>,
  scope: CostScope | null,
): EntityLabels {
  return {
    label: ref => labelOf(entities, ref),
    childOf: ref => scope?.members.get(ref) ?? ref,
  };
}

/** The subject of a sentence: the entity's title, or "The organization". */
export function subjectOf(
  ctx: Pick<AnswerContext, 'entities'>,
  scope: CostScope,
): string {
  return scope.ref ? labelOf(ctx.entities, scope.ref) : 'The organization';
}

/** The cost of a scope over a range, the query's filter applied. */
export async function readFiltered(
  ctx: AnswerContext,
  scope: CostScope,
  query: Pick<AskQuery, 'filter' | 'currency'>,
  range: AskPeriod,
  keep: (row: CubeRow, cube: Cube) => boolean = () => true,
): Promise<Cube> {
  const cube = await readCube(ctx.reads, scope, {
    ...range,
    measure: ctx.measure,
    currency: query.currency,
  });
  return {
    ...cube,
    rows: cube.rows.filter(
      r =>
        matchesFilter(
          cube.groups.get(r.groupId)!,
          query.filter,
          ctx.modelTagKeys,
        ) && keep(r, cube),
    ),
  };
}

/** Rows' sums by a dimension. */
export function sumsBy(
  ctx: AnswerContext,
  cube: Cube,
  rows: CubeRow[],
  dimension: AskDimension,
  scope: CostScope | null,
  /** By entity: only entities of this kind are named, the rest summed as one. */
  kind?: string,
) {
  const labels = entityLabels(ctx.entities, scope);
  return sumRows(rows, r => {
    const k = keyOf(
      dimension,
      { group: cube.groups.get(r.groupId)!, entityRef: r.entityRef },
      labels,
      ctx.modelTagKeys,
    );
    if (kind && (dimension === 'entity' || dimension === 'child')) {
      if (!k.key.startsWith(`${kind}:`))
        return { key: `(not ${kind})`, label: `Cost not of a ${kind}` };
    }
    return k;
  });
}

/**
 * How a scope's cost is split when the question does not say: a rollup by
 * its direct children, or by entity when it has one child (a team of one
 * system), anything else by service.
 */
export function defaultSplit(
  ctx: AnswerContext,
  cube: Cube,
  rows: CubeRow[],
  scope: CostScope,
): AskDimension {
  if (scope.members.size <= 1) return 'service';
  return sumsBy(ctx, cube, rows, 'child', scope).size > 1 ? 'child' : 'entity';
}

/** The subject inside a label: "the organization", or the entity's title. */
export function inLabel(subject: string): string {
  return subject === 'The organization' ? 'the organization' : subject;
}

type Sums = Map<string, { label: string; amount: Decimal }>;

/**
 * Breakdown rows, largest first (by change when a baseline is given), the
 * first `limit` named and the rest summed into one "Other" row, so that
 * the rows add up to the total (and their changes to the total change).
 */
export function breakdownRows(
  current: Sums,
  options: { limit?: number; previous?: Sums; byChange?: boolean } = {},
): AskBreakdownRow[] {
  const { previous } = options;
  const keys = new Set([...current.keys(), ...(previous?.keys() ?? [])]);
  const total = Decimal.sum([...current.values()].map(v => v.amount));
  const rows = [...keys].map(k => {
    const now = current.get(k)?.amount ?? Decimal.ZERO;
    const before = previous?.get(k)?.amount ?? Decimal.ZERO;
    return {
      key: k,
      label: current.get(k)?.label ?? previous?.get(k)?.label ?? k,
      now,
      before,
      change: now.sub(before),
    };
  });
  rows.sort((a, b) =>
    options.byChange
      ? b.change.abs().compare(a.change.abs()) || a.key.localeCompare(b.key)
      : b.now.compare(a.now) || a.key.localeCompare(b.key),
  );
  const limit = options.limit ?? 5;
  const shown = rows.slice(0, limit);
  const rest = rows.slice(limit);
  const out: AskBreakdownRow[] = shown.map(r => ({
    label: r.label,
    key: r.key,
    amount: r.now.toString(),
    change: previous ? r.change.toString() : null,
    ...(previous ? { previous: r.before.toString() } : {}),
    share: share(r.now, total),
    ...(previous && r.before.isZero() && !r.now.isZero()
      ? { note: 'new' }
      : {}),
    ...(previous && r.now.isZero() && !r.before.isZero()
      ? { note: 'vanished' }
      : {}),
  }));
  if (rest.length > 0) {
    const now = Decimal.sum(rest.map(r => r.now));
    const before = Decimal.sum(rest.map(r => r.before));
    out.push({
      label: `Other (${rest.length})`,
      key: '(other)',
      amount: now.toString(),
      change: previous ? now.sub(before).toString() : null,
      ...(previous ? { previous: before.toString() } : {}),
      share: share(now, total),
    });
  }
  return out;
}

/** Daily totals of rows over a range, every day present. */
export function dailyPoints(
  rows: CubeRow[],
  range: AskPeriod,
): Array<{ date: string; amount: string }> {
  const byDay = new Map<string, Decimal>();
  for (const r of rows)
    byDay.set(r.day, (byDay.get(r.day) ?? Decimal.ZERO).add(r.amount));
  return eachDay(range.from, range.to).map(date => ({
    date,
    amount: (byDay.get(date) ?? Decimal.ZERO).toString(),
  }));
}

/** A period cut to end no later than today. */
export function upToToday(period: AskPeriod, today: string): AskPeriod {
  return period.to > today ? { from: period.from, to: today } : period;
}

/** The figure of a scope's total. */
export function totalFigure(
  label: string,
  scope: CostScope,
  amount: Decimal,
  currency: string,
): AskFigure {
  return { label, entity: scope.ref, amount: amount.toString(), currency };
}

/** What a filter narrows the cost to, for sentences: "AWS Lambda", "gpt-4o in eu-west-1". */
export function filterWords(query: AskQuery): string | undefined {
  const f = query.filter;
  if (!f) return undefined;
  const parts = [
    f.model,
    f.service,
    f.resource,
    f.provider,
    f.chargeCategory && `${f.chargeCategory.toLowerCase()} charges`,
    f.account && `account ${f.account}`,
    f.region && `in ${f.region}`,
  ].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** "(2 members you may not read are left out.)" */
export function hiddenNote(scope: CostScope): string {
  if (scope.hidden === 0) return '';
  return scope.hidden === 1
    ? " 1 member's cost is left out: you are not allowed to read it."
    : ` ${scope.hidden} members' cost is left out: you are not allowed to read it.`;
}

/** The fact groups with the most cost among rows, for the evidence behind an answer. */
export function topGroups(rows: CubeRow[], count = 5): string[] {
  return [...sumRows(rows, r => ({ key: r.groupId, label: r.groupId }))]
    .sort((a, b) => b[1].amount.abs().compare(a[1].amount.abs()))
    .slice(0, count)
    .map(([k]) => k);
}
