import { Decimal } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startEngine } from '../__testUtils__/engine';
import { DEFAULT_ANOMALY_CONFIG } from '../config';
import { FixedClock } from '../model';
import { AnomalyStore } from '../stores';
import { anomalyCatalog, shopCosts } from './__testUtils__/shopCosts';
import { AnomalyService } from './AnomalyService';
import { storedAnomalyData } from './data';

jest.setTimeout(180_000);

const plan = {
  start: '2025-01-06',
  days: 84,
  cartSpike: '2025-03-20',
  searchStep: { from: '2025-03-10', extra: 150 },
  billingWobble: '2025-03-25',
  billingJump: '2025-03-12',
};

describe.each(engineDatabaseIds())('anomaly detection on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let store: AnomalyStore;
  const clock = new FixedClock('2025-03-31T06:00:00Z');
  const service = (config = {}) =>
    new AnomalyService({
      store,
      data: storedAnomalyData(store, engine.attributionStore),
      config: { ...DEFAULT_ANOMALY_CONFIG, ...config },
      measure: 'EffectiveCost',
      clock,
    });

  beforeAll(async () => {
    engine = await startEngine({
      csv: shopCosts(plan),
      entities: anomalyCatalog,
      databaseId,
    });
    store = new AnomalyStore(engine.knex);
  });

  it('finds each anomaly once, on the lowest entity, explained', async () => {
    const run = await service().detect();
    expect(run).toEqual(
      expect.objectContaining({ from: '2025-03-01', to: '2025-03-30' }),
    );
    const found = run.created.map(a => [
      a.scope,
      a.entityRef,
      a.resourceId,
      a.day,
    ]);
    expect(found.sort()).toEqual([
      ['entity', 'component:default/billing', null, '2025-03-12'],
      ['entity', 'component:default/cart', null, '2025-03-20'],
      ['resource', 'component:default/search', 'i-search-7', '2025-03-10'],
    ]);
    const cart = run.created.find(
      a => a.entityRef === 'component:default/cart',
    )!;
    // referred to by its rollups, not reported again on them
    expect(cart.parents).toEqual([
      'group:default/shop-team',
      'system:default/shop',
    ]);
    expect(cart.days).toBe(1);
    expect(cart.rootCauses[0]).toEqual(
      expect.objectContaining({ dimension: 'resource', value: 'fn-cart' }),
    );
    expect(cart.rootCauses.map(c => c.dimension)).toContain('service');
    // the function's requests rose thirtyfold at the same price
    const impact = Number(cart.impact);
    expect(impact).toBeGreaterThan(540);
    expect(impact).toBeLessThan(620);
    expect(Number(cart.usageVsPrice!.usage)).toBeCloseTo(impact, -1);
    expect(Math.abs(Number(cart.usageVsPrice!.price))).toBeLessThan(1);
    // exact: actual − expected, the expected to the cent
    expect(
      Decimal.parse(cart.actual).sub(Decimal.parse(cart.expected)).toString(),
    ).toBe(cart.impact);
    expect(cart.explanation).toMatch(
      /^cart cost [\d,.]+ USD on Thursday 2025-03-20, [\d,.]+ USD \(\+\d+%\) more than the [\d,.]+ USD expected/,
    );
    expect(cart.explanation).toMatch(/resource fn-cart/);
    // a step on one of twenty instances is the instance's anomaly
    const search = run.created.find(a => a.scope === 'resource')!;
    expect(search.lastDay >= '2025-03-12').toBe(true);
    expect(search.groupKey).toMatch(/^[0-9a-f]+$/);
    expect(search.parents).toEqual([
      'group:default/shop-team',
      'system:default/shop',
    ]);
    // neither the 3-dollar wobble nor the weekend dips
    expect(run.created.some(a => a.day === '2025-03-25')).toBe(false);
    expect(run.created.some(a => a.entityRef === 'component:default/api')).toBe(
      false,
    );
  });

  it('keeps ids and triage across detections, and feeds "not an anomaly" back', async () => {
    const [cart] = await store.list({
      entityRefs: ['component:default/cart'],
    });
    clock.advance(3_600_000);
    const acknowledged = await service().changeStatus(
      cart.id,
      { status: 'acknowledged', note: 'a retry storm, on it' },
      'user:default/ann',
    );
    expect(acknowledged.acknowledgedAt).toBe('2025-03-31T07:00:00.000Z');
    await expect(
      service().changeStatus(cart.id, { status: 'acknowledged' }, 'x'),
    ).rejects.toThrow(/already acknowledged/);

    const again = await service().detect();
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect((await store.get(cart.id))!.status).toBe('acknowledged');

    clock.advance(3_600_000);
    await service().changeStatus(
      cart.id,
      { status: 'resolved' },
      'user:default/ann',
    );
    await expect(
      service().changeStatus(cart.id, { status: 'expected' }, 'x'),
    ).rejects.toThrow(
      /cannot become expected; it can become new or acknowledged/,
    );

    const [billing] = await store.list({
      entityRefs: ['component:default/billing'],
    });
    await service().changeStatus(
      billing.id,
      { status: 'not-anomaly', note: 'the yearly licence' },
      'user:default/bob',
    );
    const feedback = await service({ feedbackFactor: 2 }).feedback();
    expect(feedback.get(billing.seriesKey)).toEqual({
      thresholdFactor: 2,
      minImpact: Number(billing.peakImpact) + 0.01,
    });
    // the same jump is not found again, and the triaged anomaly stays
    const third = await service().detect();
    expect(third.created).toEqual([]);
    expect((await store.get(billing.id))!.status).toBe('not-anomaly');

    // a new, untouched anomaly the detection no longer finds goes
    const strict = await service({ minImpact: '200' }).detect();
    expect(strict.removed).toBe(1);
    expect((await store.list({})).map(a => a.entityRef).sort()).toEqual([
      'component:default/billing',
      'component:default/cart',
    ]);

    const events = await store.events([cart.id]);
    expect(events.get(cart.id)!.map(e => [e.from, e.to, e.actor])).toEqual([
      [null, 'new', 'costwise'],
      ['new', 'acknowledged', 'user:default/ann'],
      ['acknowledged', 'resolved', 'user:default/ann'],
    ]);

    const response = await service().response({
      entityRefs: ['component:default/cart', 'component:default/api'],
      month: '2025-03',
    });
    expect(response).toEqual({
      month: '2025-03',
      count: 1,
      acknowledged: 1,
      resolved: 1,
      open: 0,
      medianHoursToDetect: 246,
      medianHoursToAcknowledge: 1,
      medianHoursToResolve: 2,
    });
  });
});
