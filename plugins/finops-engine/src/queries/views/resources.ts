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
import type { Scope } from './scope';

/**
 * What the resources table asks for.
 *
 * @public
 */
export interface ResourcesQuery {
  from: string;
  to: string;
  measure?: CostMeasure;
}

/** The entity's cost per fact group, entity and method, with the evidence of each. */
export async function computeResources(
  store: Pick<
    AttributionStore,
    'rollupSums' | 'sumAllocations' | 'loadGroups' | 'evidence'
  >,
  defaults: ViewDefaults,
  scope: Scope,
  query: ResourcesQuery,
  warnings: AnnotationWarning[],
): Promise<EntityResources> {
  const { entity } = scope;
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
  const groupIds = [...new Set(rows.map(r => r.groupId!))];
  const groups = new Map(
    (await store.loadGroups(groupIds)).map(g => [g.id, g]),
  );
  const evidence = new Map(
    (
      await store.evidence({
        groupIds,
        entityRefs: [...ctx.members.keys()],
      })
    ).map(e => [`${e.groupId}|${e.entityRef}|${e.method}`, e.evidence]),
  );
  const items = [...byGroup]
    .sort((a, b) => b[1].compare(a[1]))
    .map(([key, value]) => {
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
    warnings,
    hiddenMembers: ctx.hidden,
    empty: ctx.hasData
      ? undefined
      : emptyReason(entity, warnings, ctx.members.size > 1),
  };
}
