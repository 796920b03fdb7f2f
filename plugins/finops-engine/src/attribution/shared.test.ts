import { Decimal } from '@costwise/plugin-finops-common';
import { attribute } from './engine';
import {
  allocationsOf,
  costOf,
  entity,
  group,
  run,
} from './__testUtils__/fixtures';

const DB = 'arn:aws:rds:eu-west-1:1:db:shared';

function sharedDb(policy?: string) {
  const annotations: Record<string, string> = {
    'costwise.dev/resource-ids': DB,
  };
  if (policy) annotations['costwise.dev/shared-cost'] = policy;
  return entity('Resource', 'db', annotations);
}

function dependent(name: string, tag?: string) {
  return entity(
    'Component',
    name,
    tag ? { 'costwise.dev/tags': `application=${tag}` } : {},
    { dependsOn: ['resource:default/db'] },
  );
}

describe('shared cost', () => {
  it('stays on the Resource without a policy', () => {
    const g = group({ resourceId: DB });
    const result = run(
      [sharedDb(), dependent('a'), dependent('b')],
      [[g, '100']],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'resource:default/db': '100',
    });
  });

  it('even: $100 over three dependents, parts summing exactly to the whole', () => {
    const g = group({ resourceId: DB });
    const result = run(
      [sharedDb('even'), dependent('a'), dependent('b'), dependent('c')],
      [[g, '100']],
    );
    const parts = allocationsOf(result, g.id);
    expect(parts).toEqual({
      'component:default/a': '33.333333333334',
      'component:default/b': '33.333333333333',
      'component:default/c': '33.333333333333',
    });
    expect(
      Decimal.sum(Object.values(parts).map(Decimal.parse)).toString(),
    ).toBe('100');
    expect(costOf(result, 'resource:default/db')).toEqual({
      direct: '0',
      total: '0',
    });
    const evidence = result.attributed[0].allocations[0].evidence;
    expect(evidence).toEqual(
      expect.objectContaining({
        method: 'shared',
        entityRef: 'resource:default/db',
        annotation: 'costwise.dev/shared-cost',
        selector: 'even',
        source: expect.objectContaining({
          method: 'resource-id',
          selector: DB,
        }),
      }),
    );
  });

  it('weights: split by the given weights, to the weighted entities', () => {
    const g = group({ resourceId: DB });
    const result = run(
      [
        sharedDb('weights: component:default/a=60, b=40'),
        dependent('a'),
        dependent('b'),
        dependent('c'),
      ],
      [[g, '99.99']],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/a': '59.994',
      'component:default/b': '39.996',
    });
  });

  it('weights naming entities outside the catalog: those weights are ignored with a warning', () => {
    const g = group({ resourceId: DB });
    const result = run(
      [sharedDb('weights: a=1, ghost=3'), dependent('a')],
      [[g, '10']],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/a': '10',
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('component:default/ghost'),
      }),
    ]);
  });

  it("proportional: by the dependents' direct cost, exactly", () => {
    const db = group({ resourceId: DB });
    const a = group({ tags: { application: 'a' } });
    const b = group({ tags: { application: 'b' } });
    const result = run(
      [
        sharedDb('proportional'),
        dependent('a', 'a'),
        dependent('b', 'b'),
        dependent('c'),
      ],
      [
        [db, '100'],
        [a, '10'],
        [b, '20'],
      ],
    );
    expect(allocationsOf(result, db.id)).toEqual({
      'component:default/a': '33.333333333333',
      'component:default/b': '66.666666666667',
    });
    expect(costOf(result, 'component:default/a')!.direct).toBe(
      '43.333333333333',
    );
    expect(costOf(result, 'component:default/c')!.direct).toBe('0');
  });

  it('proportional falls back to even when no dependent has direct cost, and says so', () => {
    const db = group({ resourceId: DB });
    const result = run(
      [sharedDb('proportional'), dependent('a'), dependent('b')],
      [[db, '1']],
    );
    expect(allocationsOf(result, db.id)).toEqual({
      'component:default/a': '0.5',
      'component:default/b': '0.5',
    });
    expect(result.attributed[0].allocations[0].evidence.note).toMatch(
      /split evenly/,
    );
  });

  it('proportional uses the direct cost of the same billing period', () => {
    const db = group({ resourceId: DB });
    const a = group({ tags: { application: 'a' } });
    const b = group({ tags: { application: 'b' } });
    const result = attribute({
      entities: [
        sharedDb('proportional'),
        dependent('a', 'a'),
        dependent('b', 'b'),
      ],
      groups: [db, a, b],
      amounts: [
        { groupId: db.id, period: '2025-01', amount: Decimal.parse('30') },
        { groupId: db.id, period: '2025-02', amount: Decimal.parse('30') },
        { groupId: a.id, period: '2025-01', amount: Decimal.parse('1') },
        { groupId: b.id, period: '2025-01', amount: Decimal.parse('2') },
        { groupId: a.id, period: '2025-02', amount: Decimal.parse('2') },
        { groupId: b.id, period: '2025-02', amount: Decimal.parse('1') },
      ],
    });
    const byPeriod = (period: string) =>
      result.attributed
        .find(x => x.groupId === db.id && x.period === period)!
        .allocations.map(x => [x.entity, x.amount.toString()]);
    expect(byPeriod('2025-01')).toEqual([
      ['component:default/a', '10'],
      ['component:default/b', '20'],
    ]);
    expect(byPeriod('2025-02')).toEqual([
      ['component:default/a', '20'],
      ['component:default/b', '10'],
    ]);
  });

  it('passes cost on through a chain of shared Resources', () => {
    const cdn = entity('Resource', 'cdn', {
      'costwise.dev/resource-ids': 'cdn-1',
      'costwise.dev/shared-cost': 'even',
    });
    const db = entity(
      'Resource',
      'db',
      { 'costwise.dev/resource-ids': DB, 'costwise.dev/shared-cost': 'even' },
      { dependsOn: ['resource:default/cdn'] },
    );
    const g = group({ resourceId: 'cdn-1' });
    const result = run(
      [
        cdn,
        db,
        dependent('a'),
        entity('Component', 'b', {}, { dependsOn: ['resource:cdn'] }),
      ],
      [[g, '1']],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/a': '0.5',
      'component:default/b': '0.5',
    });
    const viaDb = result.attributed[0].allocations.find(
      a => a.entity === 'component:default/a',
    )!;
    expect(viaDb.evidence.source).toEqual(
      expect.objectContaining({
        method: 'shared',
        entityRef: 'resource:default/cdn',
      }),
    );
  });

  it('a policy without dependents keeps the cost on the Resource, with a warning', () => {
    const g = group({ resourceId: DB });
    const result = run([sharedDb('even')], [[g, '5']]);
    expect(allocationsOf(result, g.id)).toEqual({ 'resource:default/db': '5' });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        entity: 'resource:default/db',
        annotation: 'costwise.dev/shared-cost',
      }),
    ]);
  });

  it('a malformed policy keeps the cost on the Resource, with a warning', () => {
    const g = group({ resourceId: DB });
    const result = run(
      [sharedDb('weighted: 50/50'), dependent('a')],
      [[g, '5']],
    );
    expect(allocationsOf(result, g.id)).toEqual({ 'resource:default/db': '5' });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('is not a policy'),
      }),
    ]);
  });
});
