import { allocationsOf, entity, group, run } from './__testUtils__/fixtures';

/** An organization: platform (with infra below it), shop and finops teams. */
const org = [
  entity('Group', 'platform', {}, { type: 'team', children: ['infra'] }),
  entity('Group', 'infra', {}, { type: 'team', parent: 'platform' }),
  entity('Group', 'shop', {}, { type: 'team' }),
  entity('Group', 'finops', {}, { type: 'team' }),
];

const owned = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
) => entity('Component', name, annotations, { owner, type: 'service' });

describe('contested claims', () => {
  const accountOwners = { '222222222222': 'group:default/platform' };

  it("holds a claim on an owned account's cost by another team's entity, and gives the cost to the rightful claimant alone", () => {
    const g = group({
      billingAccountId: '222222222222',
      tags: { app: 'infra-api' },
    });
    const result = run(
      [
        ...org,
        owned('infra-api', 'infra', { 'costwise.dev/tags': 'app=infra-api' }),
        // a copy of infra-api's tags by the shop team
        owned('copycat', 'shop', { 'costwise.dev/tags': 'app=infra-api' }),
      ],
      [[g, '90']],
      { accountOwners },
    );
    // without the guard this would be a tie split in two
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/infra-api': '90',
    });
    expect(result.conflicts).toEqual([]);
    expect(result.contested).toEqual([
      expect.objectContaining({
        groupId: g.id,
        entity: 'component:default/copycat',
        owner: 'group:default/shop',
        reason: 'account-owner',
        holder: 'group:default/platform',
        attributedTo: ['component:default/infra-api'],
      }),
    ]);
    expect(result.contested[0].amount.toString()).toBe('90');
    expect(result.warnings).toContainEqual({
      entity: 'component:default/copycat',
      annotation: 'costwise.dev/tags',
      message:
        'a claim on cost in an account that group:default/platform owns (finops.attribution.accountOwners) is held until an admin confirms it',
    });
  });

  it('leaves the cost unattributed when only a contested claim matched, and lets other accounts be', () => {
    const owned1 = group({
      billingAccountId: '222222222222',
      tags: { app: 'x' },
    });
    const other = group({
      billingAccountId: '333333333333',
      tags: { app: 'x' },
    });
    const result = run(
      [...org, owned('x', 'shop', { 'costwise.dev/tags': 'app=x' })],
      [
        [owned1, '10'],
        [other, '5'],
      ],
      { accountOwners },
    );
    expect(allocationsOf(result, owned1.id)).toEqual({});
    expect(result.unattributedTotal.toString()).toBe('10');
    expect(allocationsOf(result, other.id)).toEqual({
      'component:default/x': '5',
    });
  });

  it('holds a claim that would take cost from an entity restricted to its owners, even from a higher level', () => {
    const g = group({
      resourceId: 'arn:aws:rds:eu-west-1:111:db:ledger',
      tags: { app: 'ledger' },
    });
    const result = run(
      [
        ...org,
        owned('ledger', 'finops', {
          'costwise.dev/tags': 'app=ledger',
          'costwise.dev/cost-visibility': 'owners',
        }),
        // an exact resource id outranks the ledger's tags
        owned('thief', 'shop', {
          'costwise.dev/resource-ids': 'arn:aws:rds:eu-west-1:111:db:ledger',
        }),
      ],
      [[g, '40']],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/ledger': '40',
    });
    expect(result.contested).toEqual([
      expect.objectContaining({
        entity: 'component:default/thief',
        reason: 'restricted-entity',
        holder: 'component:default/ledger',
      }),
    ]);
  });

  it('holds a restricted claimant of another owner, but not a restricted sibling of the same owner', () => {
    const g = group({
      resourceId: 'arn:aws:rds:eu-west-1:111:db:ledger',
      tags: { app: 'ledger' },
    });
    const ledger = owned('ledger', 'finops', {
      'costwise.dev/tags': 'app=ledger',
      'costwise.dev/cost-visibility': 'owners',
    });
    // a copy that restricts itself, by another team, with the exact resource id
    const thief = run(
      [
        ...org,
        ledger,
        owned('thief', 'shop', {
          'costwise.dev/resource-ids': 'arn:aws:rds:eu-west-1:111:db:ledger',
          'costwise.dev/cost-visibility': 'owners',
        }),
      ],
      [[g, '40']],
    );
    // each restricted claim protects against the other owner's: neither
    // moves the cost until an admin decides
    expect(allocationsOf(thief, g.id)).toEqual({});
    expect(thief.unattributedTotal.toString()).toBe('40');
    expect(thief.contested).toContainEqual(
      expect.objectContaining({
        entity: 'component:default/thief',
        owner: 'group:default/shop',
        reason: 'restricted-entity',
        holder: 'component:default/ledger',
      }),
    );
    expect(thief.warnings).toContainEqual(
      expect.objectContaining({ entity: 'component:default/thief' }),
    );

    const sibling = run(
      [
        ...org,
        ledger,
        owned('ledger-replica', 'finops', {
          'costwise.dev/resource-ids': 'arn:aws:rds:eu-west-1:111:db:ledger',
          'costwise.dev/cost-visibility': 'owners',
        }),
      ],
      [[g, '40']],
    );
    expect(allocationsOf(sibling, g.id)).toEqual({
      'component:default/ledger-replica': '40',
    });
    expect(sibling.contested).toEqual([]);
  });

  it("never holds an admin's override, and drops a claim an admin rejected", () => {
    const g = group({ billingAccountId: '222222222222', tags: { app: 'x' } });
    const entities = [
      ...org,
      owned('x', 'shop', { 'costwise.dev/tags': 'app=x' }),
    ];
    const confirmed = run(entities, [[g, '10']], { accountOwners }, [
      {
        id: 'o1',
        match: { account: '222222222222', tags: { app: 'x' } },
        entityRef: 'component:default/x',
      },
    ]);
    expect(allocationsOf(confirmed, g.id)).toEqual({
      'component:default/x': '10',
    });
    expect(confirmed.contested).toEqual([]);
    const rejected = run(entities, [[g, '10']], { accountOwners }, [
      {
        id: 'o2',
        match: { account: '222222222222', tags: { app: 'x' } },
        entityRef: 'component:default/x',
        effect: 'deny',
      },
    ]);
    expect(allocationsOf(rejected, g.id)).toEqual({});
    expect(rejected.contested).toEqual([]);
  });

  it("lets a group below the account's owner, and the owner's own entities, take its cost", () => {
    const g = group({ billingAccountId: '222222222222', tags: { app: 'y' } });
    const result = run(
      [
        ...org,
        owned('y', 'infra', { 'costwise.dev/tags': 'app=y' }),
        entity(
          'System',
          'core',
          { 'costwise.dev/accounts': '222222222222' },
          { owner: 'platform' },
        ),
      ],
      [[g, '7']],
      { accountOwners },
    );
    expect(allocationsOf(result, g.id)).toEqual({ 'component:default/y': '7' });
    expect(result.contested).toEqual([]);
  });
});
