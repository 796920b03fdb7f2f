import type { Entity } from '@backstage/catalog-model';
import { engineDatabaseIds, startEngine } from '../../__testUtils__/engine';
import { OverrideService } from '../OverrideService';
import type { AttributionRunReport } from './report';

jest.setTimeout(120_000);

const entity = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: spec as any,
});

/** The platform team owns account 222; the shop team copies its tags. */
const catalog: Entity[] = [
  entity('Group', 'platform', { type: 'team', children: [] }),
  entity('Group', 'shop', { type: 'team', children: [] }),
  entity(
    'Component',
    'infra-api',
    { type: 'service', owner: 'group:default/platform' },
    { 'costwise.dev/tags': 'app=infra' },
  ),
  entity(
    'Component',
    'copycat',
    { type: 'service', owner: 'group:default/shop' },
    { 'costwise.dev/tags': 'app=infra' },
  ),
];

const costs = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  '222,USD,2025-03-01,2025-03-10,2025-03-11,60,60,AWS,Amazon EC2,i-infra,"{""app"": ""infra""}"',
].join('\n');

describe.each(engineDatabaseIds())('attribution runs on %p', databaseId => {
  it('holds a contested claim, then applies what an admin decides', async () => {
    const engine = await startEngine({
      csv: costs,
      entities: catalog,
      finops: {
        attribution: {
          accountOwners: [{ account: '222', owner: 'group:default/platform' }],
        },
      },
      databaseId,
    });
    const contested = (report: AttributionRunReport) =>
      (report.contested ?? []).map(c => [c.entity, c.reason, c.amount]);
    expect(contested(engine.attributed.report)).toEqual([
      ['component:default/copycat', 'account-owner', '60'],
    ]);
    expect(engine.attributed.report.entityTotals).toEqual({
      'component:default/infra-api': { USD: '60' },
    });
    const coverage = await engine.coverage.coverage();
    expect(coverage.contested).toHaveLength(1);

    const overrides = new OverrideService({
      store: engine.attributionStore,
      rerun: trigger => engine.attribution.run(trigger),
    });
    const [claim] = engine.attributed.report.contested!;
    await overrides.decideClaim(
      { groupId: claim.groupId, entityRef: claim.entity, decision: 'reject' },
      'user:default/finops-admin',
    );
    const afterReject = (await engine.attributionStore.latestRun())!
      .report as unknown as AttributionRunReport;
    expect(contested(afterReject)).toEqual([]);
    expect(afterReject.entityTotals['component:default/infra-api']).toEqual({
      USD: '60',
    });
    const [stored] = await engine.attributionStore.listOverrides();
    expect(stored).toEqual(
      expect.objectContaining({
        effect: 'deny',
        entityRef: 'component:default/copycat',
        createdBy: 'user:default/finops-admin',
      }),
    );
  });

  it('gives the cost to the claimant on the next run once an admin confirms its claim', async () => {
    const engine = await startEngine({
      csv: costs,
      entities: catalog,
      finops: {
        attribution: {
          accountOwners: [{ account: '222', owner: 'group:default/platform' }],
        },
      },
      databaseId,
    });
    const before = await engine.coverage.coverage();
    expect(before.contested.map(c => c.entity)).toEqual([
      'component:default/copycat',
    ]);

    const overrides = new OverrideService({
      store: engine.attributionStore,
      rerun: trigger => engine.attribution.run(trigger),
    });
    const [claim] = engine.attributed.report.contested!;
    await overrides.decideClaim(
      { groupId: claim.groupId, entityRef: claim.entity, decision: 'confirm' },
      'user:default/finops-admin',
    );
    const afterConfirm = (await engine.attributionStore.latestRun())!
      .report as unknown as AttributionRunReport;
    expect(afterConfirm.entityTotals).toEqual({
      'component:default/copycat': { USD: '60' },
    });
    expect(afterConfirm.contested ?? []).toEqual([]);
    const after = await engine.coverage.coverage();
    expect(after.contested).toEqual([]);
    const [stored] = await engine.attributionStore.listOverrides();
    expect(stored).toEqual(
      expect.objectContaining({
        entityRef: 'component:default/copycat',
        createdBy: 'user:default/finops-admin',
      }),
    );
    expect(stored.effect ?? 'attribute').not.toBe('deny');
  });

  it('runs once more when asked during a run, and tells its listeners after each', async () => {
    const engine = await startEngine({
      csv: costs,
      entities: catalog,
      databaseId,
    });
    const seen: string[] = [];
    engine.attribution.onRun(run => {
      seen.push(run.trigger);
    });
    const first = engine.attribution.run('first');
    const second = engine.attribution.run('second');
    const third = engine.attribution.run('third');
    expect(second).toBe(third);
    const runs = await Promise.all([first, second, third]);
    expect(runs.map(r => r.trigger)).toEqual([
      'first',
      'second; third',
      'second; third',
    ]);
    expect(seen).toEqual(['first', 'second; third']);
  });
});
