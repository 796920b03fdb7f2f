import type { Knex } from 'knex';
import type { Entity } from '@backstage/catalog-model';
import { Decimal, RecommendationRow } from '@costwise/plugin-finops-common';
import type { RecommendationProvider } from '@costwise/plugin-finops-node';
import { entityRefOf } from '../../attribution';
import type { DetectorConfig } from './config';
import {
  chunked,
  daysText,
  DayWindow,
  detectorRow,
  DetectorGroup,
  factsOf,
  findingId,
  GROUP_COLUMNS,
  groupIdsFigure,
  groupOf,
  groupsById,
  isRunningCost,
  perThirtyDays,
  resourceColumns,
  shownAmount,
  sortRows,
  SumsByKey,
  windowOf,
} from './shared';

type Standing = 'deprecated' | 'removed';

/** An allocation's owner: the shared Resource it came through, else its entity. */
interface OwnerRow {
  groupId: string;
  owner: string;
}

async function distinctOwners(
  knex: Knex,
  window: DayWindow,
): Promise<string[]> {
  const rows = await knex('finops_allocations')
    .where('day', '>=', window.from)
    .where('day', '<=', window.to)
    .distinct('entity_ref', 'shared_from');
  return [
    ...new Set(
      rows.map(r => String(r.shared_from ?? r.entity_ref).toLowerCase()),
    ),
  ].sort();
}

async function groupsOwnedBy(
  knex: Knex,
  refs: string[],
  window: DayWindow,
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const slice of chunked(refs)) {
    const rows = await knex('finops_allocations')
      .where('day', '>=', window.from)
      .where('day', '<=', window.to)
      .where(q =>
        q
          .where(d => d.whereNull('shared_from').whereIn('entity_ref', slice))
          .orWhereIn('shared_from', slice),
      )
      .distinct('group_id');
    for (const r of rows) ids.add(String(r.group_id));
  }
  return ids;
}

async function ownersOfGroups(
  knex: Knex,
  groupIds: string[],
  window: DayWindow,
): Promise<OwnerRow[]> {
  const out: OwnerRow[] = [];
  for (const slice of chunked(groupIds)) {
    const rows = await knex('finops_allocations')
      .whereIn('group_id', slice.map(Number))
      .where('day', '>=', window.from)
      .where('day', '<=', window.to)
      .distinct('group_id', 'entity_ref', 'shared_from');
    for (const r of rows)
      out.push({
        groupId: String(r.group_id),
        owner: String(r.shared_from ?? r.entity_ref).toLowerCase(),
      });
  }
  return out;
}

async function groupsOfResources(
  knex: Knex,
  resourceIds: string[],
): Promise<DetectorGroup[]> {
  const out: DetectorGroup[] = [];
  for (const slice of chunked(resourceIds)) {
    const rows = await knex('finops_fact_groups')
      .whereIn('resource_id', slice)
      .select(GROUP_COLUMNS);
    out.push(...rows.map(groupOf));
  }
  return out;
}

function standingText(ref: string, standing: Standing): string {
  return standing === 'deprecated'
    ? `${ref} is deprecated`
    : `${ref} is no longer in the catalog`;
}

/**
 * Resources still billed although every entity their cost is attributed
 * to is deprecated (`spec.lifecycle`, by default `deprecated`) or no longer
 * in the catalog (an override or a run before the entity was removed still
 * points at it). The estimate is the resource's running cost over the
 * last days (30 by default), per 30 days.
 */
export function deprecatedOrRemovedDetector(
  knex: Knex,
  catalogEntities: () => Promise<Entity[]>,
  config: DetectorConfig,
): RecommendationProvider {
  const settings = config.deprecated;
  return {
    id: 'deprecated-or-removed',
    title: 'Resources of deprecated or removed entities',
    async run({ asOf, currency: configured }) {
      const window = windowOf(asOf, settings.days);
      const lifecycles = new Map<string, string | undefined>();
      for (const e of await catalogEntities()) {
        const lifecycle = (e.spec as { lifecycle?: unknown } | undefined)
          ?.lifecycle;
        lifecycles.set(
          entityRefOf(e),
          typeof lifecycle === 'string' ? lifecycle.toLowerCase() : undefined,
        );
      }
      const deprecated = new Set(settings.lifecycles);
      const standingOf = (ref: string): Standing | undefined => {
        if (!lifecycles.has(ref)) return 'removed';
        const lifecycle = lifecycles.get(ref);
        return lifecycle && deprecated.has(lifecycle)
          ? 'deprecated'
          : undefined;
      };
      const bad = (await distinctOwners(knex, window)).filter(standingOf);
      if (bad.length === 0) return { rows: [] };

      // the resources with cost attributed to those entities, and all their groups
      const candidates = await groupsById(
        knex,
        await groupsOwnedBy(knex, bad, window),
      );
      const resourceIds = [
        ...new Set(
          candidates.flatMap(g => (g.resourceId ? [g.resourceId] : [])),
        ),
      ];
      const groups = await groupsOfResources(knex, resourceIds);
      const owners = await ownersOfGroups(
        knex,
        groups.map(g => g.id),
        window,
      );
      const groupById = new Map(groups.map(g => [g.id, g]));
      const ownersByResource = new Map<string, Set<string>>();
      for (const o of owners) {
        const resource = groupById.get(o.groupId)!.resourceId!;
        const set = ownersByResource.get(resource) ?? new Set<string>();
        set.add(o.owner);
        ownersByResource.set(resource, set);
      }
      const flagged = new Set(
        [...ownersByResource]
          .filter(([, refs]) => [...refs].every(ref => standingOf(ref)))
          .map(([resource]) => resource),
      );

      const counted = groups.filter(
        g => flagged.has(g.resourceId!) && isRunningCost(g),
      );
      const facts = await factsOf(
        knex,
        counted.map(g => g.id),
        window,
        config.measure,
      );
      const sums = new SumsByKey<string>();
      const lastBilled = new Map<string, string>();
      const seen = new Map<string, DetectorGroup[]>();
      for (const f of facts) {
        const g = groupById.get(f.groupId)!;
        const key = `${g.currency}\u0000${g.resourceId}`;
        sums.add(key, f.cost);
        const list = seen.get(key) ?? [];
        if (!list.includes(g)) seen.set(key, [...list, g]);
        if (
          !Decimal.parse(String(f.cost)).isZero() &&
          (lastBilled.get(key) ?? '') < f.day
        )
          lastBilled.set(key, f.day);
      }
      const floor = Decimal.parse(settings.minMonthlyCost);
      const rows: RecommendationRow[] = [];
      for (const [key, found] of seen) {
        const [currency, resourceId] = key.split('\u0000');
        const cost = sums.get(key);
        if (cost.compare(Decimal.ZERO) <= 0) continue;
        const monthly = perThirtyDays(cost, window.days);
        if (monthly.compare(floor) < 0) continue;
        const refs = [...ownersByResource.get(resourceId)!].sort();
        const standings = refs.map(ref => standingText(ref, standingOf(ref)!));
        const removed = refs.filter(ref => standingOf(ref) === 'removed');
        let state = 'deprecated or no longer in the catalog';
        if (removed.length === refs.length) state = 'no longer in the catalog';
        else if (removed.length === 0) state = 'deprecated';
        const columns = resourceColumns(found);
        const amount = shownAmount(cost, currency);
        const name = columns.ResourceName ?? resourceId;
        rows.push(
          detectorRow({
            id: findingId(resourceId, currency, configured),
            detector: 'deprecated-or-removed',
            subcategory: 'Idle Resource Removal',
            description: `${name} is still billed (${amount} over the last ${daysText(
              window.days,
            )}) although ${
              refs.length === 1
                ? 'the entity it is attributed to'
                : 'every entity it is attributed to'
            } is ${state} (${standings.join(
              '; ',
            )}). Remove it if nothing uses it any more, or annotate the entity that does.`,
            saving: monthly,
            currency,
            effort: 'Low',
            resourceId,
            columns,
            evidence: {
              summary: `billed ${amount} over ${daysText(
                window.days,
              )} while ${standings.join(' and ')}`,
              from: window.from,
              to: window.to,
              days: window.days,
              amount: cost.toString(),
              figures: {
                measure: config.measure,
                entities: refs.join(','),
                reason: removed.length > 0 ? 'removed' : 'deprecated',
                ...(lastBilled.has(key)
                  ? { lastBilledDay: lastBilled.get(key)! }
                  : {}),
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
