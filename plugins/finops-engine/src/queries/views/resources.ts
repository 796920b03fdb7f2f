import {
  AnnotationWarning,
  CostMeasure,
  Decimal,
  EntityResources,
} from '@costwise/plugin-finops-common';
import type { AttributionStore } from '../../stores';
import {
  amountOf,
  emptyReason,
  ratio,
  sumBy,
  sumContext,
  ViewDefaults,
} from './context';
import { LimitedRange, outsideMessage } from './ranges';
import { hiddenMembers, Scope } from './scope';

/**
 * What the resources table asks for.
 *
 * @public
 */
export interface ResourcesQuery {
  from: string;
  to: string;
  measure?: CostMeasure;
  /** Rows skipped, largest first (default 0). */
  offset?: number;
  /** Rows returned (default 1000). */
  limit?: number;
}

/**
 * Rows of a resources page unless asked otherwise.
 *
 * @public
 */
export const DEFAULT_RESOURCE_ROWS = 1000;

/** Ids per look-up of groups or evidence: within every database's bound parameters. */
const IDS_PER_QUERY = 500;

/** The entity's cost per fact group, entity and method, with the evidence of each. */
export async function computeResources(
  store: Pick<
    AttributionStore,
    'rollupSums' | 'sumAllocations' | 'loadGroups' | 'evidence'
  >,
  defaults: ViewDefaults,
  scope: Scope,
  query: ResourcesQuery & Pick<LimitedRange, 'outside'>,
  warnings: AnnotationWarning[],
): Promise<EntityResources> {
  const { entity } = scope;
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_RESOURCE_ROWS;
  if (query.outside)
    return {
      entityRef: scope.ref,
      measure: query.measure ?? defaults.measure,
      currency: defaults.currency ?? 'USD',
      from: query.from,
      to: query.to,
      total: '0',
      items: [],
      page: { offset, limit, rows: 0 },
      warnings,
      hiddenMembers: hiddenMembers(scope.hidden),
      empty: { reason: 'range-outside-data', message: outsideMessage(query) },
    };
  const ctx = await sumContext(store, defaults, scope, {
    measure: query.measure,
    from: query.from,
    to: query.to,
    groupings: [{ by: ['groupId', 'entityRef', 'method'] }],
  });
  const [rows] = ctx.sums;
  const byGroup = sumBy(
    rows,
    r => `${r.groupId}|${r.entityRef}|${r.method}`,
    amountOf,
  );
  const total = Decimal.sum(byGroup.values());
  // one page of rows, with only its groups and evidence looked up, in chunks
  const page = [...byGroup]
    .sort((a, b) => b[1].compare(a[1]))
    .slice(offset, offset + limit);
  const groupIds = [...new Set(page.map(([key]) => key.split('|')[0]))];
  const groups = new Map(
    (await store.loadGroups(groupIds)).map(g => [g.id, g]),
  );
  const evidence = new Map<
    string,
    EntityResources['items'][number]['evidence']
  >();
  const pageRefs = [...new Set(page.map(([key]) => key.split('|')[1]))];
  for (let i = 0; i < groupIds.length; i += IDS_PER_QUERY) {
    for (let j = 0; j < pageRefs.length; j += IDS_PER_QUERY) {
      for (const e of await store.evidence({
        groupIds: groupIds.slice(i, i + IDS_PER_QUERY),
        entityRefs: pageRefs.slice(j, j + IDS_PER_QUERY),
      }))
        evidence.set(`${e.groupId}|${e.entityRef}|${e.method}`, e.evidence);
    }
  }
  const items = page.map(([key, value]) => {
    const [groupId, entityRef, method] = key.split('|');
    const g = groups.get(groupId)!;
    return {
      groupId,
      resourceId: g.resourceId,
      resourceName: g.resourceName,
      provider: g.provider,
      service: g.serviceName,
      region: g.region,
      subAccountId: g.subAccountId,
      chargeCategory: g.chargeCategory ?? 'Usage',
      ...(g.skuId ? { skuId: g.skuId } : {}),
      ...(g.pricingCategory ? { pricingCategory: g.pricingCategory } : {}),
      ...(g.consumedUnit ? { consumedUnit: g.consumedUnit } : {}),
      amount: value.toString(),
      share: ratio(value, total),
      method: method as EntityResources['items'][number]['method'],
      evidence: evidence.get(key) ?? {
        method: method as EntityResources['items'][number]['method'],
        entityRef,
        selector: '',
        matched: {},
        confidence: 0,
      },
    };
  });
  return {
    entityRef: ctx.ref,
    measure: ctx.measure,
    currency: ctx.currency,
    from: query.from,
    to: query.to,
    total: total.toString(),
    items,
    page: { offset, limit, rows: byGroup.size },
    warnings,
    hiddenMembers: ctx.hidden,
    empty: ctx.hasData
      ? undefined
      : emptyReason(entity, warnings, ctx.members.size > 1),
  };
}

/**
 * The page with each row a shared Resource passed on given what the
 * Resource pooled of its fact group over the period, where the caller may
 * read the Resource (a copy: the page may be a cached answer).
 */
export async function withPooled(
  store: Pick<AttributionStore, 'sharedAllocations'>,
  page: EntityResources,
  readable: (refs: string[]) => Promise<Set<string>>,
): Promise<EntityResources> {
  const shared = page.items.filter(
    i => i.method === 'shared' && i.evidence.entityRef,
  );
  if (shared.length === 0) return page;
  const resources = [...new Set(shared.map(i => i.evidence.entityRef))];
  const allowed = await readable(resources);
  const pooled = new Map<string, Decimal>();
  for (const resource of resources) {
    if (!allowed.has(resource)) continue;
    const groupIds = [
      ...new Set(
        shared
          .filter(i => i.evidence.entityRef === resource)
          .map(i => i.groupId),
      ),
    ];
    for (const r of await store.sharedAllocations(resource, {
      from: page.from,
      to: page.to,
      measure: page.measure,
      groupIds,
    })) {
      if (r.currency !== page.currency) continue;
      const key = `${resource}|${r.groupId}`;
      pooled.set(key, (pooled.get(key) ?? Decimal.ZERO).add(r.amount));
    }
  }
  return {
    ...page,
    items: page.items.map(item => {
      const p =
        item.method === 'shared'
          ? pooled.get(`${item.evidence.entityRef}|${item.groupId}`)
          : undefined;
      return p ? { ...item, pooled: p.toString() } : item;
    }),
  };
}
