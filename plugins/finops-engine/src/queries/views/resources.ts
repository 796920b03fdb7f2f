import {
  AnnotationWarning,
  CostMeasure,
  Decimal,
  EntityResources,
} from '@costwise/plugin-finops-common';
import type { AiUsageStore, AttributionStore } from '../../stores';
import type { AiGroupInfo } from '../ai/classify';
import { readUsageLines, times } from '../ai/lines';
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

/** Digits a line's part of a quantity is carried with when a fact is split. */
const QUANTITY_DIGITS = 6;

/**
 * Where the consumed quantities are read: the fact groups' daily facts
 * (which hold the quantity) and their allocations.
 *
 * @public
 */
export type QuantityStore = Pick<AiUsageStore, 'allocations' | 'facts'>;

/**
 * What each row of a page (`groupId|entityRef|method`) consumed over the
 * period, in its group's unit: each day's quantity of the fact group taken
 * in the proportion of the entity's amount to the fact's (as the AI usage
 * views take tokens), summed over the days; rows of one group and entity
 * under several methods share it in the proportion of their amounts.
 */
async function pageQuantities(
  store: QuantityStore,
  page: Array<[string, Decimal]>,
  /** Every row of the view: a pair's rows on other pages take their part too. */
  all: Map<string, Decimal>,
  query: { from: string; to: string; measure: CostMeasure; currency: string },
): Promise<Map<string, Decimal>> {
  const out = new Map<string, Decimal>();
  if (page.length === 0) return out;
  const onPage = new Set(
    page.map(([key]) => key.split('|').slice(0, 2).join('|')),
  );
  const units = new Map<string, AiGroupInfo>();
  const rowsOfPair = new Map<string, Array<[string, Decimal]>>();
  for (const [key, amount] of all) {
    const [groupId, entityRef] = key.split('|');
    if (!onPage.has(`${groupId}|${entityRef}`)) continue;
    // one unit of the group's own per unit of its quantity
    units.set(groupId, {
      groupId,
      model: '',
      provider: '',
      line: 'other',
      factor: 1,
    });
    const pair = `${groupId}|${entityRef}`;
    rowsOfPair.set(pair, [...(rowsOfPair.get(pair) ?? []), [key, amount]]);
  }
  const read = await readUsageLines(store, units, {
    entityRefs: [...new Set(page.map(([key]) => key.split('|')[1]))],
    from: query.from,
    to: query.to,
    measure: query.measure,
    currency: query.currency,
  });
  if (!read || read.currency !== query.currency) return out;
  const byPair = sumBy(
    read.lines,
    l => `${l.info.groupId}|${l.entityRef}`,
    l => l.quantity,
  );
  for (const [pair, quantity] of byPair) {
    const rows = rowsOfPair.get(pair);
    if (!rows) continue;
    if (rows.length === 1) {
      out.set(rows[0][0], quantity);
      continue;
    }
    const whole = Decimal.sum(rows.map(([, amount]) => amount));
    // rows on other pages are left out of this page's answer
    for (const [key, amount] of rows)
      out.set(
        key,
        whole.isZero()
          ? quantity.divide(
              Decimal.fromUnits(BigInt(rows.length), 0),
              QUANTITY_DIGITS,
            )
          : times(quantity, amount).divide(whole, QUANTITY_DIGITS),
      );
  }
  return out;
}

/**
 * The entity's cost per fact group, entity and method, with the evidence of
 * each and, where `quantities` can be read, what each row consumed.
 */
export async function computeResources(
  store: Pick<
    AttributionStore,
    'rollupSums' | 'sumAllocations' | 'loadGroups' | 'evidence'
  >,
  defaults: ViewDefaults,
  scope: Scope,
  query: ResourcesQuery & Pick<LimitedRange, 'outside'>,
  warnings: AnnotationWarning[],
  quantities?: QuantityStore,
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
  for (const e of await store.evidence({ groupIds, entityRefs: pageRefs }))
    evidence.set(`${e.groupId}|${e.entityRef}|${e.method}`, e.evidence);
  const consumed = quantities
    ? await pageQuantities(quantities, page, byGroup, {
        from: query.from,
        to: query.to,
        measure: ctx.measure,
        currency: ctx.currency,
      })
    : new Map<string, Decimal>();
  const items = page.map(([key, value]) => {
    const [groupId, entityRef, method] = key.split('|');
    const g = groups.get(groupId)!;
    const quantity = consumed.get(key);
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
      ...(quantity && (g.consumedUnit || !quantity.isZero())
        ? { consumedQuantity: quantity.toString() }
        : {}),
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
