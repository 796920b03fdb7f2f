import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Decimal } from '@costwise/plugin-finops-common';
import { startDemoEngine } from '../__testUtils__/engine';
import { addDays, FixedClock } from '../model';
import { recommendationKpis, RecommendationService } from '../recommendations';
import { RecommendationStore } from '../stores';
import { demoDataChanges, demoDataResources } from './generateDemoData';
import { seedDemoRecommendations } from './recommendations';

jest.setTimeout(300_000);

describe('the demo recommendations', () => {
  it('come in every format, owned through the attribution, with a history whose implemented saving the cost data verifies', async () => {
    const engine = await startDemoEngine();
    const mapping = JSON.parse(
      await fs.readFile(
        path.resolve(__dirname, '../../../../examples/demo-mapping.json'),
        'utf8',
      ),
    );
    const changes = demoDataChanges({ mapping, end: engine.end });
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'rightsized',
        entity: 'component:default/ci-runners',
        offset: 21,
      }),
    ]);
    const store = new RecommendationStore(engine.knex);
    const service = new RecommendationService({
      store,
      catalogEntities: async () => engine.entities,
      clock: new FixedClock(`${addDays(engine.end, 1)}T06:00:00Z`),
    });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-demo-recs-'));
    const seeded = await seedDemoRecommendations({
      service,
      store,
      directory: dir,
      end: engine.end,
      changes,
      resources: demoDataResources({ mapping, end: engine.end }),
    });
    expect(seeded.files).toHaveLength(6);
    const all = await service.list({});
    expect(all.length).toBe(seeded.imported);
    expect(new Set(all.map(r => r.format))).toEqual(
      new Set([
        'aws-cost-optimization-hub',
        'aws-compute-optimizer',
        'azure-advisor',
        'gcp-recommender',
        'focus-recommendations',
      ]),
    );
    // owned through the attribution of their resources' cost
    const owned = all.filter(r => r.ownerRef);
    expect(owned.length / all.length).toBeGreaterThan(0.8);

    const implemented = all.filter(r => r.status === 'implemented');
    expect(implemented).toHaveLength(1);
    expect(implemented[0].resourceId).toBe(changes[0].resourceId);
    expect(implemented[0].ownerRef).toBe('component:default/ci-runners');
    // the featured service's team has its own to act on
    expect(
      all.filter(
        r =>
          r.ownerRef === 'component:default/checkout-api' &&
          r.status === 'open',
      ).length,
    ).toBeGreaterThanOrEqual(2);
    expect(implemented[0].verification).toEqual(
      expect.objectContaining({ status: 'verified' }),
    );
    const realized = Decimal.parse(
      implemented[0].verification!.realizedMonthlySavings!,
    );
    // half the instance's cost: 14 days before against 14 days after, by 30
    const before = Decimal.parse(implemented[0].verification!.before!);
    expect(realized.toFixed(2)).toBe(
      before
        .sub(Decimal.parse(implemented[0].verification!.after!))
        .mulInt(30)
        .divide(Decimal.parse('14'), 2)
        .toFixed(2),
    );
    expect(new Set(all.map(r => r.status))).toEqual(
      new Set(['open', 'acknowledged', 'implemented', 'dismissed', 'deferred']),
    );
    const kpis = recommendationKpis(all, {
      from: addDays(engine.end, -89),
      to: engine.end,
      currency: 'USD',
    });
    expect(kpis.implemented).toBe(1);
    expect(kpis.timeToImplementDays.median).toBe(14);
    expect(Number(kpis.realizedSavings)).toBeGreaterThan(0);

    // seeding again (a restart) changes nothing
    const again = await seedDemoRecommendations({
      service,
      store,
      directory: dir,
      end: engine.end,
      changes,
      resources: demoDataResources({ mapping, end: engine.end }),
    });
    expect(again.imported).toBe(seeded.imported);
    expect((await service.list({})).map(r => [r.id, r.status])).toEqual(
      all.map(r => [r.id, r.status]),
    );
    await fs.rm(dir, { recursive: true, force: true });
  });
});
