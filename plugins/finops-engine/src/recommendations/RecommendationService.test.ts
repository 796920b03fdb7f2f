import { Decimal } from '@costwise/plugin-finops-common';
import { engineDatabaseIds } from '../__testUtils__/engine';
import { recommendationKpis } from './kpis';
import { recommendationKey, recommendationView } from './RecommendationService';
import { rec, serviceTest } from './__testUtils__/service';

jest.setTimeout(120_000);

describe.each(engineDatabaseIds())('recommendations on %p', databaseId => {
  const current = serviceTest(databaseId);

  it('gives each recommendation the owner of its resource, and a shared one its consumers with their part of the saving', async () => {
    const result = await current.service.import(
      'coh',
      'aws-cost-optimization-hub',
      [
        rec('r-1', 'i-checkout', '-120.50'),
        rec('r-2', 'db-orders', '-100.01'),
        rec('r-3', 'i-new', '-30', { x_Tags: { application: 'catalog' } }),
        rec('r-4', 'i-unknown', '-5'),
        rec('r-5', '999', '0', {
          RecommendationSubcategory: 'Other',
          x_Evidence: {
            summary: 'unattributed spend in account 999',
            figures: { accountOwner: 'group:default/catalog-team' },
          },
        }),
      ],
    );
    expect(result).toMatchObject({ accepted: 5, created: 5, expired: 0 });
    const byId = new Map(
      result.recommendations.map(r => [r.recommendationId, r]),
    );
    expect(byId.get('r-1')!.ownerRef).toBe('component:default/checkout-api');
    expect(byId.get('r-1')!.estimatedMonthlySavings).toBe('120.5');
    // the shared Resource owns it; its consumers bear 60% and 40% of the saving
    const shared = byId.get('r-2')!;
    expect(shared.ownerRef).toBe('resource:default/orders-db');
    expect(shared.sharedWith).toEqual([
      {
        entityRef: 'component:default/checkout-api',
        share: 0.6,
        estimatedMonthlySavings: '60.01',
      },
      {
        entityRef: 'component:default/catalog-api',
        share: 0.4,
        estimatedMonthlySavings: '40.00',
      },
    ]);
    expect(
      Decimal.sum(
        shared.sharedWith.map(s => Decimal.parse(s.estimatedMonthlySavings)),
      ).toString(),
    ).toBe('100.01');
    // not in the cost data: the same rules on what the source says of it
    expect(byId.get('r-3')!.ownerRef).toBe('component:default/catalog-api');
    expect(byId.get('r-3')!.ownerEvidence).toMatch(/no cost data yet/);
    expect(byId.get('r-4')!.ownerRef).toBeNull();
    // a finding about an account: the group that owns the account
    expect(byId.get('r-5')!.ownerRef).toBe('group:default/catalog-team');
    expect(
      (await current.service.list({ unowned: true })).map(
        r => r.recommendationId,
      ),
    ).toEqual(['r-4']);
    // shown to the consumers of the shared database as well
    const forCatalog = await current.service.list({
      entityRefs: ['component:default/catalog-api'],
    });
    expect(forCatalog.map(r => r.recommendationId).sort()).toEqual([
      'r-2',
      'r-3',
    ]);
    expect(recommendationView(shared).estimatedMonthlyCostImpact).toBe(
      '-100.01',
    );
  });

  it('checks each change of status and records who made it', async () => {
    await current.service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-100'),
    ]);
    const id = recommendationKey('coh', 'r-1');
    const actor = 'user:default/ana';
    await expect(
      current.service.changeStatus(id, { status: 'dismissed' }, actor),
    ).rejects.toThrow(/needs a reason/);
    await expect(
      current.service.changeStatus(
        id,
        { status: 'dismissed', reason: 'other' },
        actor,
      ),
    ).rejects.toThrow(/needs a note/);
    await expect(
      current.service.changeStatus(
        id,
        { status: 'deferred', until: '2025-03-10' },
        actor,
      ),
    ).rejects.toThrow(/a day after today/);
    // a day no calendar has is refused, not stored as the 2nd of March
    await expect(
      current.service.changeStatus(
        id,
        { status: 'deferred', until: '2026-02-30' },
        actor,
      ),
    ).rejects.toThrow(/a day after today .*got 2026-02-30/);
    await expect(
      current.service.changeStatus(id, { status: 'open' }, actor),
    ).rejects.toThrow(/already open/);
    await expect(
      current.service.changeStatus(
        'rec_nope',
        { status: 'acknowledged' },
        actor,
      ),
    ).rejects.toThrow(/No recommendation/);

    current.clock.advance(3_600_000);
    await current.service.changeStatus(id, { status: 'acknowledged' }, actor);
    current.clock.advance(3_600_000);
    const deferred = await current.service.changeStatus(
      id,
      { status: 'deferred', until: '2025-03-12', note: 'after the release' },
      actor,
    );
    expect(deferred).toMatchObject({
      status: 'deferred',
      deferredUntil: '2025-03-12',
      statusNote: 'after the release',
      firstResponseAt: '2025-03-10T10:00:00.000Z',
    });
    // the deferral ends: open again
    current.clock.set('2025-03-12T08:00:00Z');
    expect((await current.service.refresh()).reopened).toBe(1);
    const events = (await current.service.events([id])).get(id)!;
    expect(events.map(e => `${e.from}→${e.to} by ${e.actor}`)).toEqual([
      'null→open by costwise',
      'open→acknowledged by user:default/ana',
      'acknowledged→deferred by user:default/ana',
      'deferred→open by costwise',
    ]);
    expect(events[2]).toMatchObject({
      note: 'after the release',
      deferredUntil: '2025-03-12',
    });
  });

  it('verifies an implemented saving against the cost before and after, exactly', async () => {
    await current.service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-150'),
      rec('r-2', 'i-checkout', '-1000'),
    ]);
    for (const id of ['r-1', 'r-2'])
      await current.service.changeStatus(
        recommendationKey('coh', id),
        { status: 'implemented' },
        'user:default/ana',
        { at: '2025-03-14T12:00:00.000Z' },
      );
    // the data reaches the 31st, past the 24th (10 days after): verified at once
    const r1 = (await current.service.get(recommendationKey('coh', 'r-1')))!;
    // 10 days before at 10 a day, 10 days after at 4 a day: 60 over 10 days, 180 a month
    expect(r1.verification).toMatchObject({
      status: 'verified',
      days: 10,
      before: '100',
      after: '40',
      realizedMonthlySavings: '180.00',
    });
    const r2 = (await current.service.get(recommendationKey('coh', 'r-2')))!;
    expect(r2.verification).toMatchObject({
      status: 'not-realized',
      realizedMonthlySavings: '180.00',
    });
    expect(r2.verification!.message).toMatch(/less than 50% of the 1000.00/);
  });

  it('expires an open recommendation whose resource left the cost data', async () => {
    await current.service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-gone', 'i-gone', '-20'),
      rec('r-1', 'i-checkout', '-20'),
    ]);
    expect(await current.service.refresh()).toMatchObject({ expired: 1 });
    expect(
      (await current.service.get(recommendationKey('coh', 'r-gone')))!,
    ).toMatchObject({ status: 'expired' });
    const events = (
      await current.service.events([recommendationKey('coh', 'r-gone')])
    ).get(recommendationKey('coh', 'r-gone'))!;
    expect(events[1].reason).toBe(
      'the resource has had no cost since 2025-03-05',
    );
  });

  it('counts the KPIs: actioned share by count and by saving, time to act, backlog, realized savings', async () => {
    await current.service.import('coh', 'aws-cost-optimization-hub', [
      rec('a', 'i-checkout', '-150'),
      rec('b', 'i-checkout', '-50'),
      rec('c', 'db-orders', '-100'),
      rec('d', 'i-gone', '-100'),
    ]);
    const key = (id: string) => recommendationKey('coh', id);
    await current.service.changeStatus(
      key('a'),
      { status: 'implemented' },
      'user:default/ana',
      {
        at: '2025-03-14T09:00:00.000Z',
      },
    );
    await current.service.changeStatus(
      key('b'),
      { status: 'dismissed', reason: 'not-applicable' },
      'user:default/ana',
      { at: '2025-03-11T09:00:00.000Z' },
    );
    await current.service.refresh(); // d's resource left the data: expired
    const all = await current.service.list({});
    const kpis = recommendationKpis(all, {
      from: '2025-03-01',
      to: '2025-03-31',
      currency: 'USD',
    });
    expect(kpis).toMatchObject({
      opened: 4,
      implemented: 1,
      actionedRate: 1 / 3,
      actionedRateBySavings: 0.5,
      timeToImplementDays: { median: 4, p90: 4 },
      timeToFirstResponseDays: { median: 2.5, p90: 3.7 },
      backlog: { count: 1, monthlySavings: '100.00' },
      estimatedSavingsImplemented: '150.00',
      realizedSavings: '180.00',
    });
    expect(kpis.months).toEqual([
      {
        month: '2025-03',
        opened: 4,
        implemented: 1,
        actionedRate: 1 / 3,
        realizedSavings: '180.00',
      },
    ]);
  });
});
