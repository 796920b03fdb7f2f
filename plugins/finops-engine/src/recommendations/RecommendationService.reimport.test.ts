import { engineDatabaseIds } from '../__testUtils__/engine';
import { migrationsDir } from '../stores/migrations';
import { recommendationKey } from './RecommendationService';
import { rec, serviceTest } from './__testUtils__/service';

jest.setTimeout(120_000);

describe.each(engineDatabaseIds())('re-imports on %p', databaseId => {
  const current = serviceTest(databaseId);

  it('updates in place on re-import, expires what the source no longer reports and reopens a dismissal only when the estimate grew enough', async () => {
    await current.service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-100'),
      rec('r-2', 'db-orders', '-50'),
      rec('r-3', 'i-checkout', '-10'),
    ]);
    const id1 = recommendationKey('coh', 'r-1');
    const id3 = recommendationKey('coh', 'r-3');
    await current.service.changeStatus(
      id1,
      { status: 'dismissed', reason: 'accepted-risk' },
      'user:default/ana',
    );
    await current.service.changeStatus(
      id3,
      { status: 'dismissed', reason: 'false-positive' },
      'user:default/ana',
    );
    current.clock.advance(86_400_000);
    const again = await current.service.import(
      'coh',
      'aws-cost-optimization-hub',
      [
        rec('r-1', 'i-checkout', '-140'), // grew 1.4×: stays dismissed
        rec('r-3', 'i-checkout', '-16'), // grew 1.6×: reopens
      ],
    );
    expect(again).toMatchObject({
      accepted: 2,
      created: 0,
      updated: 2,
      reopened: 1,
      expired: 1,
    });
    const all = await current.service.list({ source: 'coh' });
    expect(all).toHaveLength(3);
    const status = Object.fromEntries(
      all.map(r => [r.recommendationId, r.status]),
    );
    expect(status).toEqual({
      'r-1': 'dismissed',
      'r-2': 'expired',
      'r-3': 'open',
    });
    expect(
      all.find(r => r.recommendationId === 'r-1')!.estimatedMonthlySavings,
    ).toBe('140');
    const events = await current.service.events([id3]);
    expect(events.get(id3)!.map(e => [e.from, e.to, e.actor])).toEqual([
      [null, 'open', 'costwise'],
      ['open', 'dismissed', 'user:default/ana'],
      ['dismissed', 'open', 'costwise'],
    ]);
    expect(events.get(id3)![2].reason).toMatch(/grew from 10.00 to 16.00/);
    // reported again after it expired: open again
    const third = await current.service.import(
      'coh',
      'aws-cost-optimization-hub',
      [
        rec('r-1', 'i-checkout', '-140'),
        rec('r-2', 'db-orders', '-50'),
        rec('r-3', 'i-checkout', '-16'),
      ],
    );
    expect(third.reopened).toBe(1);
    expect(
      (await current.service.get(recommendationKey('coh', 'r-2')))!.status,
    ).toBe('open');
  });

  it('reopens a dismissal once the estimate outgrew the one it was dismissed with, however small the steps', async () => {
    const { service, clock } = current;
    const id = recommendationKey('coh', 'r-1');
    const report = (impact: string) => {
      clock.advance(86_400_000);
      return service.import('coh', 'aws-cost-optimization-hub', [
        rec('r-1', 'i-checkout', impact),
      ]);
    };
    await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-100'),
    ]);
    await service.changeStatus(
      id,
      { status: 'dismissed', reason: 'accepted-risk' },
      'user:default/ana',
    );
    // each step grows less than 1.5× over the one before
    for (const impact of ['-120', '-140', '-149.99', '-150']) {
      expect((await report(impact)).reopened).toBe(0);
      const stored = (await service.get(id))!;
      expect(stored.status).toBe('dismissed');
      // the estimate shown follows the source
      expect(stored.estimatedMonthlySavings).toBe(impact.slice(1));
    }
    // 150.01 is more than 1.5× the 100 it was dismissed with
    expect((await report('-150.01')).reopened).toBe(1);
    const reopened = (await service.get(id))!;
    expect(reopened).toMatchObject({ status: 'open' });
    expect(reopened.dismissReason).toBeUndefined();
    const events = (await service.events([id])).get(id)!;
    expect(events.at(-1)).toMatchObject({
      from: 'dismissed',
      to: 'open',
      actor: 'costwise',
      reason:
        'the estimate grew from 100.00 to 150.01 USD a month since it was dismissed, more than 1.5×',
    });

    // dismissed again: the new estimate is the one to outgrow
    await service.changeStatus(
      id,
      { status: 'dismissed', reason: 'not-applicable' },
      'user:default/ana',
    );
    expect((await report('-200')).reopened).toBe(0);
    expect((await report('-225.02')).reopened).toBe(1);
  });

  it('reopens one dismissed at the source only once it outgrew the estimate reported with the dismissal', async () => {
    const { service, clock } = current;
    const id = recommendationKey('coh', 'r-1');
    await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-40', { RecommendationStatus: 'Dismissed' }),
    ]);
    expect((await service.get(id))!.status).toBe('dismissed');
    for (const [impact, reopened] of [
      ['-50', 0],
      ['-60', 0],
      ['-61', 1],
    ] as const) {
      clock.advance(86_400_000);
      const run = await service.import('coh', 'aws-cost-optimization-hub', [
        rec('r-1', 'i-checkout', impact),
      ]);
      expect(run.reopened).toBe(reopened);
    }
  });

  it('takes the estimate of a recommendation dismissed before the upgrade as the one it was dismissed with', async () => {
    const { service, knex } = current;
    const id = recommendationKey('coh', 'r-1');
    await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-100'),
      rec('r-2', 'i-checkout', '-30'),
    ]);
    await service.changeStatus(
      id,
      { status: 'dismissed', reason: 'accepted-risk' },
      'user:default/ana',
    );
    const config = {
      directory: migrationsDir,
      tableName: 'finops_knex_migrations',
    };
    await knex.migrate.down({
      ...config,
      name: '20261208000000_recommendation_dismissed_savings.js',
    });
    expect(
      await knex.schema.hasColumn(
        'finops_recommendations',
        'dismissed_savings',
      ),
    ).toBe(false);
    await knex.migrate.latest(config);
    expect((await service.get(id))!.dismissedSavings).toBe('100');
    expect(
      (await service.get(recommendationKey('coh', 'r-2')))!.dismissedSavings,
    ).toBeUndefined();
  });
});
