import type { Entity } from '@backstage/catalog-model';
import { hasCostMapping } from './rules/hasCostMapping';
import { isCostRestricted } from './rules/isCostRestricted';
import { finopsConditions, createFinopsConditionalDecision } from '.';
import { finopsCostReadPermission } from '@costwise/plugin-finops-common';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payroll', annotations },
  spec: { owner: 'group:default/finance' },
});

describe('HAS_COST_MAPPING', () => {
  it('matches entities with any Costwise mapping annotation', () => {
    expect(
      hasCostMapping.apply(
        entity({ 'costwise.dev/tags': 'app=payroll' }),
        undefined,
      ),
    ).toBe(true);
    expect(
      hasCostMapping.apply(
        entity({ 'backstage.io/kubernetes-id': 'payroll' }),
        undefined,
      ),
    ).toBe(true);
    expect(hasCostMapping.apply(entity(), undefined)).toBe(false);
    expect(
      hasCostMapping.apply(entity({ 'costwise.dev/tags': '  ' }), undefined),
    ).toBe(false);
  });

  it('filters catalog queries on the presence of each annotation', () => {
    const query = hasCostMapping.toQuery(undefined) as any;
    expect(query.anyOf).toEqual(
      expect.arrayContaining([
        { key: 'metadata.annotations.costwise.dev/tags' },
        { key: 'metadata.annotations.costwise.dev/resource-ids' },
        { key: 'metadata.annotations.costwise.dev/accounts' },
      ]),
    );
  });
});

describe('IS_COST_RESTRICTED', () => {
  it('matches entities whose cost is restricted to their owners', () => {
    expect(
      isCostRestricted.apply(
        entity({ 'costwise.dev/cost-visibility': ' Owners ' }),
        undefined,
      ),
    ).toBe(true);
    expect(
      isCostRestricted.apply(
        entity({ 'costwise.dev/cost-visibility': 'everyone' }),
        undefined,
      ),
    ).toBe(false);
    expect(isCostRestricted.apply(entity(), undefined)).toBe(false);
    expect(isCostRestricted.toQuery(undefined)).toEqual({
      key: 'metadata.annotations.costwise.dev/cost-visibility',
      values: ['owners'],
    });
  });

  it('builds conditional decisions the catalog evaluates', () => {
    const decision = createFinopsConditionalDecision(finopsCostReadPermission, {
      not: finopsConditions.isCostRestricted(),
    });
    expect(decision).toEqual({
      result: 'CONDITIONAL',
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        not: {
          rule: 'IS_COST_RESTRICTED',
          resourceType: 'catalog-entity',
          params: undefined,
        },
      },
    });
  });
});
