import { Decimal } from '@costwise/plugin-finops-common';
import {
  allocationsOf,
  entity,
  group,
  methodOf,
  run,
} from './__testUtils__/fixtures';

const RDS = 'arn:aws:rds:eu-west-1:123456789012:db:orders-prod';

describe('attribute: precedence', () => {
  // one fact that every level could claim, each level through another entity
  const fact = () =>
    group({
      resourceId: RDS,
      subAccountId: '123456789012',
      tags: { application: 'checkout', kubernetes_namespace: 'shop' },
    });
  const levels = [
    entity('Resource', 'by-id', {
      'costwise.dev/resource-ids':
        'arn:aws:rds:eu-west-1:123456789012:db:orders-*',
    }),
    entity('Component', 'by-tags', {
      'costwise.dev/tags': 'application=checkout',
    }),
    entity('Component', 'by-k8s', {
      'backstage.io/kubernetes-namespace': 'shop',
    }),
    entity('Component', 'by-llm', { 'costwise.dev/llm': 'aws:123456789012' }),
    entity('System', 'by-account', { 'costwise.dev/accounts': '123456789012' }),
    entity('Component', 'orders-prod'),
  ];
  const expected = [
    ['resource:default/by-id', 'resource-id'],
    ['component:default/by-tags', 'tags'],
    ['component:default/by-k8s', 'kubernetes'],
    ['component:default/by-llm', 'llm'],
    ['system:default/by-account', 'accounts'],
    ['component:default/orders-prod', 'inference'],
  ];

  it.each(expected.map((e, i) => [i, ...e]))(
    'level %p: %s wins by %s',
    (i, ref, method) => {
      const g = fact();
      const result = run(levels.slice(i as number), [[g, '10']]);
      expect(allocationsOf(result, g.id)).toEqual({ [ref as string]: '10' });
      expect(methodOf(result, g.id)).toBe(method);
    },
  );
});

describe('attribute: specificity and ties', () => {
  it('more key=value pairs win within the tags level', () => {
    const g = group({ tags: { application: 'checkout', environment: 'prod' } });
    const result = run(
      [
        entity('Component', 'any-env', {
          'costwise.dev/tags': 'application=checkout',
        }),
        entity('Component', 'prod', {
          'costwise.dev/tags': 'application=checkout,environment=prod',
        }),
      ],
      [[g, '7.5']],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/prod': '7.5',
    });
    expect(result.conflicts).toEqual([]);
  });

  it('a longer literal prefix wins, and an exact id beats any wildcard', () => {
    const entities = [
      entity('Resource', 'all-dbs', {
        'costwise.dev/resource-ids': 'arn:aws:rds:eu-west-1:123456789012:db:*',
      }),
      entity('Resource', 'orders', {
        'costwise.dev/resource-ids':
          'arn:aws:rds:eu-west-1:123456789012:db:orders-*',
      }),
      entity('Resource', 'primary', {
        'costwise.dev/resource-ids': `${RDS}-primary`,
      }),
    ];
    const [a, b, c] = [
      group({ resourceId: RDS }),
      group({ resourceId: `${RDS}-primary` }),
      group({ resourceId: RDS.replace('orders', 'users') }),
    ];
    const result = run(entities, [
      [a, '1'],
      [b, '2'],
      [c, '3'],
    ]);
    expect(allocationsOf(result, a.id)).toEqual({
      'resource:default/orders': '1',
    });
    expect(allocationsOf(result, b.id)).toEqual({
      'resource:default/primary': '2',
    });
    expect(allocationsOf(result, c.id)).toEqual({
      'resource:default/all-dbs': '3',
    });
  });

  it('a true tie splits evenly, exactly, and is reported as a conflict', () => {
    const g = group({ tags: { team: 'shop' } });
    const entities = ['a', 'b', 'c'].map(n =>
      entity('Component', n, { 'costwise.dev/tags': 'team=shop' }),
    );
    const result = run(entities, [[g, '100']]);
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/a': '33.333333333334',
      'component:default/b': '33.333333333333',
      'component:default/c': '33.333333333333',
    });
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        groupId: g.id,
        method: 'tags',
        entities: [
          'component:default/a',
          'component:default/b',
          'component:default/c',
        ],
        amount: Decimal.parse('100'),
      }),
    ]);
    expect(result.conflicts[0].evidence).toHaveLength(3);
  });
});

describe('attribute: conservation', () => {
  it('attributed plus unattributed equals the total, exactly', () => {
    const entities = [
      entity('Component', 'a', { 'costwise.dev/tags': 'k=v' }),
      entity('Component', 'b', { 'costwise.dev/tags': 'k=v' }),
    ];
    const facts: Array<[ReturnType<typeof group>, string]> = [
      [group({ tags: { k: 'v' } }), '0.00000000001'],
      [group({ tags: { k: 'v' } }), '123456789.98765432109'],
      [group({ chargeCategory: 'Tax' }), '19.99'],
      [group({ chargeCategory: 'Credit' }), '-400'],
    ];
    const result = run(entities, facts);
    const direct = Decimal.sum(result.entities.map(e => e.direct));
    expect(direct.add(result.unattributedTotal).toString()).toBe(
      result.total.toString(),
    );
    expect(result.total.toString()).toBe('123456409.9776543211');
    expect(result.unattributedTotal.toString()).toBe('-380.01');
  });
});
