import type { JsonObject } from '@backstage/types';
import { Decimal } from '@costwise/plugin-finops-common';
import { costOf, entity, group, run } from './__testUtils__/fixtures';
import { readRelations } from './relations';
import { rollupMembers } from './rollups';

const tagged = (kind: string, name: string, spec: JsonObject) =>
  entity(kind, name, { 'costwise.dev/tags': `application=${name}` }, spec);

describe('rollups', () => {
  // org ─ team (owns the System and both Components) ─ sub-team (owns a Resource of the System)
  const entities = [
    entity('Group', 'org', {}, { type: 'organization', children: ['team'] }),
    entity('Group', 'team', {}, { type: 'team', parent: 'org' }),
    entity(
      'Group',
      'sub-team',
      {},
      { type: 'team', parent: 'group:default/team' },
    ),
    entity('Domain', 'shop', {}, { owner: 'org' }),
    tagged('System', 'checkout', { owner: 'team', domain: 'shop' }),
    tagged('Component', 'api', { owner: 'team', system: 'checkout' }),
    tagged('Component', 'worker', {
      owner: 'group:default/team',
      system: 'system:default/checkout',
    }),
    tagged('Resource', 'db', { owner: 'sub-team', system: 'checkout' }),
    tagged('API', 'public', { owner: 'team' }),
    tagged('Component', 'elsewhere', { owner: 'user:default/someone' }),
  ];
  const facts: Array<[ReturnType<typeof group>, string]> = [
    ['checkout', '1'],
    ['api', '10'],
    ['worker', '100'],
    ['db', '1000'],
    ['public', '10000'],
    ['elsewhere', '100000'],
  ].map(([app, amount]) => [group({ tags: { application: app } }), amount]);
  facts.push([group(), '0.5']);
  const result = run(entities, facts);

  it.each([
    ['component:default/api', '10', '10'],
    ['resource:default/db', '1000', '1000'],
    ['system:default/checkout', '1', '1111'],
    ['domain:default/shop', '0', '1111'],
    ['group:default/sub-team', '0', '1000'],
    // the team owns the System and its Components: each is counted once
    ['group:default/team', '0', '11111'],
    ['group:default/org', '0', '11111'],
  ])('%s: direct %s, total %s', (ref, direct, total) => {
    expect(costOf(result, ref)).toEqual({ direct, total });
  });

  it('direct amounts plus unattributed equal the total, exactly', () => {
    const direct = Decimal.sum(result.entities.map(e => e.direct));
    expect(direct.toString()).toBe('111111');
    expect(direct.add(result.unattributedTotal).toString()).toBe(
      result.total.toString(),
    );
    expect(result.total.toString()).toBe('111111.5');
  });

  it('lists the amounts by method', () => {
    expect(
      result.entities.find(e => e.entity === 'component:default/api')!.methods,
    ).toEqual({
      tags: Decimal.parse('10'),
    });
  });

  it('survives a parent/child cycle between groups', () => {
    const cyclic = run(
      [
        entity(
          'Group',
          'a',
          { 'costwise.dev/accounts': 'acc-a' },
          { parent: 'b' },
        ),
        entity(
          'Group',
          'b',
          { 'costwise.dev/accounts': 'acc-b' },
          { parent: 'a' },
        ),
      ],
      [
        [group({ subAccountId: 'acc-a' }), '1'],
        [group({ subAccountId: 'acc-b' }), '2'],
      ],
    );
    expect(costOf(cyclic, 'group:default/a')!.total).toBe('3');
  });
});

describe('rollupMembers', () => {
  const members = rollupMembers([
    entity('Group', 'team', {}, { type: 'team', children: ['sub-team'] }),
    entity('Group', 'sub-team', {}, { type: 'team' }),
    entity('System', 'checkout', {}, { owner: 'team' }),
    entity('Component', 'api', {}, { owner: 'team', system: 'checkout' }),
    entity('Component', 'job', {}, { owner: 'sub-team' }),
    entity('Component', 'lone', {}, {}),
  ]);
  const of = (ref: string) => Object.fromEntries(members.get(ref) ?? []);

  it('gives each entity its closure, itself included, with the child each member rolls up through', () => {
    expect(of('group:default/team')).toEqual({
      'group:default/team': 'group:default/team',
      'system:default/checkout': 'system:default/checkout',
      // owned directly and through the System: shown under the System
      'component:default/api': 'system:default/checkout',
      'group:default/sub-team': 'group:default/sub-team',
      'component:default/job': 'group:default/sub-team',
    });
    expect(of('system:default/checkout')).toEqual({
      'system:default/checkout': 'system:default/checkout',
      'component:default/api': 'component:default/api',
    });
    expect(of('component:default/lone')).toEqual({
      'component:default/lone': 'component:default/lone',
    });
  });
});

describe('readRelations', () => {
  it('normalizes refs as the catalog does, with default kinds and the entity namespace', () => {
    const e = entity(
      'Component',
      'x',
      {},
      {
        owner: 'Team-A',
        system: 'shop',
        dependsOn: ['resource:db', 'Component:other/Y', 'no-kind'],
      },
    );
    e.metadata.namespace = 'prod';
    const { relations, warnings } = readRelations(e);
    expect(relations).toEqual({
      ref: 'component:prod/x',
      kind: 'component',
      owner: 'group:prod/team-a',
      system: 'system:prod/shop',
      domain: undefined,
      dependsOn: ['resource:prod/db', 'component:other/y'],
      parent: undefined,
      children: [],
    });
    expect(warnings).toEqual([
      {
        entity: 'component:prod/x',
        annotation: 'spec.dependsOn',
        message: "'no-kind' is not an entity ref with a kind",
      },
    ]);
  });
});
