import { AskFigure, AskQuery, Decimal } from '@costwise/plugin-finops-common';
import { readRelations } from '../../attribution';
import { addDays } from '../../model';
import { MEASURE_COLUMNS } from '../../model/measures';
import { currencyOf, totalOf } from '../data/cube';
import { readQuantities } from '../data/quantities';
import {
  AnswerContext,
  AnswerParts,
  labelOf,
  readFiltered,
  upToToday,
} from './context';
import { listWords, money, periodLabel } from './format';
import { evidenceWords } from './lineage';

const same = (a: string | undefined, b: string) =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Who owns a resource's cost and why: the entities its fact groups are
 * attributed to, each with the rule that matched and its amount in the
 * period (default: the 30 days up to today), and what no rule maps. For an
 * entity, its owner in the catalog. Owners the asker may not read are
 * counted, not named.
 */
export async function answerOwner(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const period = upToToday(
    query.period ?? { from: addDays(ctx.today, -29), to: ctx.today },
    ctx.today,
  );
  if (!query.resource) return entityOwner(ctx, query, period);
  const resource = query.resource;
  const groups = (await ctx.reads.groups.all()).filter(
    g => same(g.resourceId, resource) || same(g.resourceName, resource),
  );
  const groupIds = groups.map(g => g.id);
  const byId = new Map(groups.map(g => [g.id, g]));
  const label = groups[0]?.resourceName ?? groups[0]?.resourceId ?? resource;
  const column = MEASURE_COLUMNS[ctx.measure];
  const allocations =
    groupIds.length === 0
      ? []
      : await ctx
          .knex('finops_allocations')
          .select('entity_ref', 'method', 'currency', { amount: column })
          .whereIn('group_id', groupIds.map(Number))
          .where('day', '>=', period.from)
          .where('day', '<=', period.to);
  const facts = await readQuantities(ctx.knex, groupIds, {
    ...period,
    measure: ctx.measure,
  });
  const totals = new Map<string, Decimal>();
  for (const [k, f] of facts) {
    const c = byId.get(k.split('|')[1])!.currency;
    totals.set(c, (totals.get(c) ?? Decimal.ZERO).add(f.amount.abs()));
  }
  const currency = currencyOf(totals, query.currency, ctx.reads.currency);
  const inCurrency = groups.filter(g => g.currency === currency).map(g => g.id);
  const total = Decimal.sum(
    [...facts]
      .filter(([k]) => inCurrency.includes(k.split('|')[1]))
      .map(([, f]) => f.amount),
  );
  const byOwner = new Map<string, { amount: Decimal; methods: Set<string> }>();
  for (const a of allocations) {
    if (a.currency !== currency) continue;
    const known = byOwner.get(a.entity_ref) ?? {
      amount: Decimal.ZERO,
      methods: new Set(),
    };
    known.amount = known.amount.add(Decimal.parse(String(a.amount)));
    known.methods.add(a.method);
    byOwner.set(a.entity_ref, known);
  }
  const owners = [...byOwner.keys()];
  const readable = ctx.viewer
    ? await ctx.viewer.readable(owners)
    : new Set(owners);
  const attributed = Decimal.sum([...byOwner.values()].map(v => v.amount));
  const unattributed = total.sub(attributed);
  const shown = [...byOwner]
    .filter(([ref]) => readable.has(ref))
    .sort(
      (a, b) => b[1].amount.compare(a[1].amount) || a[0].localeCompare(b[0]),
    );
  const hidden = owners.length - shown.length;
  const evidence = groupIds.length
    ? (await ctx.store.evidence({ groupIds })).filter(e =>
        readable.has(e.entityRef),
      )
    : [];
  const figures: AskFigure[] = shown.map(([ref, v]) => ({
    label: `${label} attributed to ${labelOf(ctx.entities, ref)}`,
    entity: ref,
    amount: v.amount.toString(),
    currency,
  }));
  if (ctx.reads.canReadUnattributed && !unattributed.isZero())
    figures.push({
      label: `${label} unattributed`,
      entity: null,
      amount: unattributed.toString(),
      currency,
    });
  let answer: string;
  if (groups.length === 0)
    answer = `No cost is recorded for a resource '${resource}'.`;
  else if (shown.length === 0 && evidence.length === 0)
    answer =
      hidden > 0
        ? `${label}'s cost is attributed to ${
            hidden === 1 ? 'an entity' : `${hidden} entities`
          } whose cost you are not allowed to read.`
        : `No rule attributes ${label}: its cost is unattributed${
            ctx.reads.canReadUnattributed
              ? ` (${money(unattributed, currency)} for ${periodLabel(period)})`
              : ''
          }. Map it with costwise.dev/resource-ids or costwise.dev/tags on the entity that owns it.`;
  else {
    const reasons = [
      ...new Map(evidence.map(e => [`${e.entityRef}|${e.method}`, e])).values(),
    ]
      .slice(0, 3)
      .map(e => evidenceWords(e.evidence));
    const who = shown.map(([ref]) => `${labelOf(ctx.entities, ref)} (${ref})`);
    answer = `${label} is ${
      shown.length > 1 ? 'shared by' : 'owned by'
    } ${listWords(
      who.length ? who : evidence.slice(0, 1).map(e => e.entityRef),
    )}: ${listWords(reasons)}.${
      shown.length > 0
        ? ` For ${periodLabel(period)}: ${listWords(
            shown.map(
              ([ref, v]) =>
                `${money(v.amount, currency)} to ${labelOf(ctx.entities, ref)}`,
            ),
          )}${
            ctx.reads.canReadUnattributed && !unattributed.isZero()
              ? `, ${money(unattributed, currency)} unattributed`
              : ''
          }.`
        : ''
    }${
      hidden > 0
        ? ` ${hidden} other owner${
            hidden > 1 ? 's are' : ' is'
          } not shown: you are not allowed to read their cost.`
        : ''
    }`;
  }
  return {
    answer,
    period,
    figures,
    breakdown: shown.map(([ref, v]) => ({
      label: labelOf(ctx.entities, ref),
      key: ref,
      amount: v.amount.toString(),
      change: null,
      note: [...v.methods].join(', '),
    })),
    breakdownBy: 'entity',
    currency,
    sources: ['allocations', 'facts', 'evidence'],
    scope: null,
    evidenceGroups: groupIds,
    query: { ...query, period },
  };
}

/** An entity's owner in the catalog, and its cost in the period. */
async function entityOwner(
  ctx: AnswerContext,
  query: AskQuery,
  period: { from: string; to: string },
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const entity = scope.entity!;
  const owner = readRelations(entity).relations.owner;
  const cube = await readFiltered(ctx, scope, query, period);
  const total = totalOf(cube.rows);
  const name = labelOf(ctx.entities, scope.ref!);
  return {
    answer: owner
      ? `${name} (${scope.ref}) is owned by ${labelOf(
          ctx.entities,
          owner,
        )} (${owner}), its spec.owner in the catalog; its cost for ${periodLabel(
          period,
        )} is ${money(total, cube.currency)}.`
      : `${name} (${
          scope.ref
        }) has no owner in the catalog (no spec.owner); its cost for ${periodLabel(
          period,
        )} is ${money(total, cube.currency)}.`,
    period,
    figures: [
      {
        label: `Cost of ${name}, ${periodLabel(period)}${
          owner ? `, owned by ${owner}` : ''
        }`,
        entity: scope.ref,
        amount: total.toString(),
        currency: cube.currency,
      },
    ],
    breakdown: [],
    currency: cube.currency,
    sources: cube.sources,
    scope,
    evidenceEntities: [scope.ref!],
    query: { ...query, period },
  };
}
