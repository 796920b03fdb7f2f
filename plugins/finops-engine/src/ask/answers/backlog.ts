import {
  AskBreakdownRow,
  AskQuery,
  Decimal,
  OPEN_RECOMMENDATION_STATUSES,
} from '@costwise/plugin-finops-common';
import type { AttributionRunReport } from '../../attribution';
import { monthStart } from '../../model';
import { recommendationView } from '../../recommendations';
import { organizationScope, unattributedNotAllowed } from '../data/scope';
import { accountOf } from '../data/dimensions';
import { sumRows, totalOf } from '../data/cube';
import {
  AnswerContext,
  AnswerParts,
  hiddenNote,
  labelOf,
  readFiltered,
  subjectOf,
  upToToday,
} from './context';
import { money, percent, periodLabel, share } from './format';

/**
 * The cost no rule attributed in a period (default: the month to date),
 * by account and service, and the latest run's suggestions that would map
 * it, each with the amount of the period it would attribute. For FinOps
 * admins (and tools without a viewer) only.
 */
export async function answerUnattributed(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  if (!ctx.reads.canReadUnattributed) throw unattributedNotAllowed();
  const scope = organizationScope();
  const period = upToToday(
    query.period ?? { from: monthStart(ctx.today), to: ctx.today },
    ctx.today,
  );
  const cube = await readFiltered(ctx, scope, query, period);
  const c = cube.currency;
  const total = totalOf(cube.rows);
  const rows = cube.rows.filter(r => r.entityRef === null);
  const unattributed = totalOf(rows);
  const attributed = total.sub(unattributed);
  const byPlace = sumRows(rows, r => {
    const g = cube.groups.get(r.groupId)!;
    const account = accountOf(g);
    const name =
      g.subAccountName && g.subAccountName !== account
        ? g.subAccountName
        : account;
    return {
      key: `${account}|${g.serviceName}`,
      label: `${g.serviceName} in ${name}`,
    };
  });
  const breakdown: AskBreakdownRow[] = [...byPlace]
    .sort(
      (a, b) => b[1].amount.compare(a[1].amount) || a[0].localeCompare(b[0]),
    )
    .slice(0, query.limit ?? 10)
    .map(([key, v]) => ({
      key,
      label: v.label,
      amount: v.amount.toString(),
      change: null,
      share: share(v.amount, unattributed),
    }));
  // the suggestions of the latest run, with what each would map in the period
  const byGroup = sumRows(rows, r => ({ key: r.groupId, label: r.groupId }));
  const report = (await ctx.store.latestRun())?.report as
    | AttributionRunReport
    | undefined;
  const seen = new Set<string>();
  const suggestions = (report?.suggestions ?? [])
    .filter(s => s.currency === c && byGroup.has(s.groupId))
    .filter(s => (seen.has(s.groupId) ? false : (seen.add(s.groupId), true)))
    .map(s => {
      const g = cube.groups.get(s.groupId)!;
      return {
        key: s.groupId,
        label: `${g.serviceName}${
          g.resourceName || g.resourceId
            ? ` ${g.resourceName ?? g.resourceId}`
            : ''
        } → ${labelOf(ctx.entities, s.entity)}`,
        amount: byGroup.get(s.groupId)!.amount,
        note: `suggested for ${s.entity} (confidence ${
          s.confidence
        }): ${Object.entries(s.evidence.matched)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')} ~ ${s.evidence.selector}`,
      };
    })
    .sort((a, b) => b.amount.compare(a.amount) || a.key.localeCompare(b.key));
  const fixable = Decimal.sum(suggestions.map(s => s.amount));
  const coverage = percent(attributed, total);
  const top = breakdown.slice(0, 2);
  return {
    answer: `${money(unattributed, c)} of ${money(total, c)} for ${periodLabel(
      period,
    )} is unattributed${coverage ? ` (coverage ${coverage})` : ''}${
      top.length
        ? `, most of it ${top
            .map(t => `${t.label} (${money(Decimal.parse(t.amount), c)})`)
            .join(' and ')}`
        : ''
    }.${
      suggestions.length
        ? ` Confirming the ${suggestions.length} suggestion${
            suggestions.length > 1 ? 's' : ''
          } of the latest attribution run would map ${money(fixable, c)} of it${
            suggestions[0] ? `, the largest ${suggestions[0].label}` : ''
          }.`
        : ' No suggestion of the latest attribution run covers it: add costwise.dev/tags, costwise.dev/resource-ids or costwise.dev/accounts to the entities that own it.'
    }`,
    period,
    figures: [
      {
        label: `Unattributed, ${periodLabel(period)}`,
        entity: null,
        amount: unattributed.toString(),
        currency: c,
      },
      {
        label: `Total, ${periodLabel(period)}`,
        entity: null,
        amount: total.toString(),
        currency: c,
      },
      {
        label: `Attributed, ${periodLabel(period)}`,
        entity: null,
        amount: attributed.toString(),
        currency: c,
      },
      ...(suggestions.length
        ? [
            {
              label: 'Mapped by confirming the suggestions',
              entity: null,
              amount: fixable.toString(),
              currency: c,
            },
          ]
        : []),
    ],
    breakdown,
    breakdownBy: 'account and service',
    sections: [
      {
        title: 'Suggestions that would map it',
        rows: suggestions.slice(0, 20).map(s => ({
          key: s.key,
          label: s.label,
          amount: s.amount.toString(),
          change: null,
          note: s.note,
        })),
      },
    ],
    currency: c,
    sources: [...cube.sources, 'attribution-report'],
    scope,
    query: { ...query, period },
  };
}

/**
 * The open recommendations (open, acknowledged or deferred) of an entity
 * and its readable members, or of every owner the asker may read, with
 * their estimated monthly savings.
 */
export async function answerRecommendations(
  ctx: AnswerContext,
  query: AskQuery,
): Promise<AnswerParts> {
  const scope = await ctx.scopeOf(query.entityRef);
  const subject = subjectOf(ctx, scope);
  const stored = ctx.recommendations
    ? await ctx.recommendations.list({
        statuses: [...OPEN_RECOMMENDATION_STATUSES],
        ...(scope.ref
          ? { entityRefs: [...new Set([scope.ref, ...scope.members.keys()])] }
          : {}),
      })
    : [];
  let items = stored;
  if (!scope.ref) {
    const owners = [
      ...new Set(stored.map(r => r.ownerRef).filter((o): o is string => !!o)),
    ];
    const readable = ctx.viewer
      ? await ctx.viewer.readable(owners)
      : new Set(owners);
    items = stored.filter(r =>
      r.ownerRef ? readable.has(r.ownerRef) : ctx.reads.canReadUnattributed,
    );
  }
  const counts = new Map<string, number>();
  for (const r of items)
    counts.set(r.currency, (counts.get(r.currency) ?? 0) + 1);
  const c =
    query.currency ??
    (ctx.reads.currency && counts.has(ctx.reads.currency)
      ? ctx.reads.currency
      : [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ??
        ctx.reads.currency ??
        'USD');
  const shown = items
    .filter(r => r.currency === c)
    .map(recommendationView)
    .sort(
      (a, b) =>
        Decimal.parse(b.estimatedMonthlySavings).compare(
          Decimal.parse(a.estimatedMonthlySavings),
        ) || a.id.localeCompare(b.id),
    );
  const savings = Decimal.sum(
    shown.map(r => Decimal.parse(r.estimatedMonthlySavings)),
  );
  const breakdown: AskBreakdownRow[] = shown
    .slice(0, query.limit ?? 10)
    .map(r => ({
      key: r.id,
      label: `${r.subcategory}: ${
        r.resourceName ?? r.resourceId ?? r.description
      }`,
      amount: r.estimatedMonthlySavings,
      change: null,
      note: `${r.status}${r.owner ? `, ${r.owner}` : ', unowned'}: ${
        r.description
      }`,
    }));
  const top = shown[0];
  return {
    answer:
      shown.length === 0
        ? `${subject} has no open recommendations.${hiddenNote(scope)}`
        : `${subject} has ${shown.length} open recommendation${
            shown.length > 1 ? 's' : ''
          } that would save ${money(savings, c)} a month; the largest is ${
            top.subcategory
          } on ${top.resourceName ?? top.resourceId ?? 'its resource'} (${money(
            Decimal.parse(top.estimatedMonthlySavings),
            c,
          )} a month).${hiddenNote(scope)}`,
    period: null,
    figures: [
      {
        label: 'Open recommendations',
        entity: scope.ref,
        amount: String(shown.length),
        currency: '',
      },
      {
        label: 'Estimated monthly savings',
        entity: scope.ref,
        amount: savings.toString(),
        currency: c,
      },
    ],
    breakdown,
    breakdownBy: 'recommendation',
    currency: c,
    sources: ['recommendations'],
    scope,
    query,
  };
}
