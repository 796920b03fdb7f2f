import type { Entity } from '@backstage/catalog-model';
import { engineDatabaseIds, startEngine } from '../__testUtils__/engine';
import { GovernanceStore, RecommendationStore } from '../stores';
import { GovernanceService } from './GovernanceService';
import { COST_HEADER, costRow, entity } from './__testUtils__/fixtures';

jest.setTimeout(120_000);

/*
 * The shop team names its accounts with a wildcard on the Group; the data
 * team through the System it owns; the ops team only in config; the idle
 * team nowhere.
 */
const catalog: Entity[] = [
  entity(
    'Group',
    'shop-team',
    { type: 'team', children: [] },
    { 'costwise.dev/accounts': 'acme-shop-*' },
  ),
  entity('Group', 'data-team', { type: 'team', children: [] }),
  entity('Group', 'ops-team', { type: 'team', children: [] }),
  entity('Group', 'idle-team', { type: 'team', children: [] }),
  entity(
    'System',
    'lake',
    { owner: 'group:default/data-team' },
    { 'costwise.dev/accounts': '333' },
  ),
  entity(
    'Component',
    'cart',
    { type: 'service', owner: 'group:default/shop-team' },
    { 'costwise.dev/tags': 'application=cart' },
  ),
  entity(
    'Component',
    'ops-tool',
    { type: 'tool', owner: 'group:default/ops-team' },
    { 'costwise.dev/tags': 'application=ops-tool' },
  ),
  // no annotation: its cost is found by inference from the tag
  entity('Component', 'report', {
    type: 'tool',
    owner: 'group:default/ops-team',
  }),
];

const DAY = '2025-03-10';
const COSTS = [
  COST_HEADER,
  // AWS 220: 100 tagged, 40 by the shop team's wildcard, 60 by the System's account, 20 nobody's
  costRow(DAY, {
    account: 'acme-shop-prod',
    cost: '100',
    tags: { application: 'cart' },
  }),
  costRow(DAY, { account: 'ACME-SHOP-dev', cost: '40' }),
  costRow(DAY, { account: 'acme-other', cost: '20' }),
  costRow(DAY, { account: '333', cost: '60' }),
  // Microsoft 90: 10 tagged, 50 inferred, 30 nobody's
  costRow(DAY, {
    account: '444',
    cost: '10',
    provider: 'Microsoft',
    service: 'Virtual Machines',
    tags: { application: 'ops-tool' },
  }),
  costRow(DAY, {
    account: '444',
    cost: '30',
    provider: 'Microsoft',
    service: 'Virtual Machines',
  }),
  costRow(DAY, {
    account: '555',
    cost: '50',
    provider: 'Microsoft',
    service: 'Virtual Machines',
    tags: { application: 'report' },
  }),
].join('\n');

describe.each(engineDatabaseIds())('attribution coverage on %p', databaseId => {
  let governance: GovernanceService;
  beforeAll(async () => {
    const engine = await startEngine({
      csv: COSTS,
      entities: catalog,
      databaseId,
    });
    governance = new GovernanceService({
      store: new GovernanceStore(engine.knex),
      attributionStore: engine.attributionStore,
      recommendations: new RecommendationStore(engine.knex),
      unitCosts: engine.unitCosts,
      catalogEntities: async () => catalog,
      options: {
        measure: 'EffectiveCost',
        targets: {},
        teamTargets: [],
        overhead: [],
        // the short ref of a group; an account the shop team names as well
        accountOwners: {
          '444': 'ops-team',
          'acme-shop-prod': 'group:default/shop-team',
        },
      },
    });
  });

  it('measures the organization by any rule and by explicit rules, each per provider', async () => {
    const org = Object.fromEntries(
      (await governance.kpis()).organization.map(k => [k.id, k]),
    );
    expect(org['attribution-coverage'].value).toBeCloseTo(260 / 310, 6);
    expect(org['attribution-coverage'].detail).toEqual(
      expect.objectContaining({
        'provider:AWS': Number((200 / 220).toFixed(6)),
        'provider:Microsoft': Number((60 / 90).toFixed(6)),
      }),
    );
    // inference is not an explicit rule
    expect(org['explicit-coverage'].value).toBeCloseTo(210 / 310, 6);
    expect(org['explicit-coverage'].detail).toEqual({
      total: '310',
      explicit: '210',
      currency: 'USD',
      'provider:AWS': Number((200 / 220).toFixed(6)),
      'provider:Microsoft': Number((10 / 90).toFixed(6)),
    });
  });

  it("measures a team on the accounts of config and of its own and its Systems' annotations, wildcards included", async () => {
    const coverage = async (name: string) =>
      (
        await governance.scorecard(catalog.find(e => e.metadata.name === name)!)
      ).kpis.find(k => k.id === 'attribution-coverage')!;
    // acme-shop-prod and ACME-SHOP-dev match acme-shop-*, acme-other does not; an account named twice counts once
    expect(await coverage('shop-team')).toEqual(
      expect.objectContaining({
        value: 1,
        detail: { total: '140', attributed: '140', currency: 'USD' },
      }),
    );
    // through the System it owns
    expect(await coverage('data-team')).toEqual(
      expect.objectContaining({
        value: 1,
        detail: { total: '60', attributed: '60', currency: 'USD' },
      }),
    );
    // config only: 10 of the 40 in account 444 is attributed
    expect(await coverage('ops-team')).toEqual(
      expect.objectContaining({
        value: 0.25,
        detail: { total: '40', attributed: '10', currency: 'USD' },
      }),
    );
    const idle = await coverage('idle-team');
    expect(idle.value).toBeNull();
    expect(idle.message).toMatch(/owns no accounts/);
    expect(idle.message).toContain('finops.attribution.accountOwners');
    expect(idle.message).toContain('costwise.dev/accounts');
  });
});
