import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import type { Entity } from '@backstage/catalog-model';
import { engineDatabaseIds, startEngine } from '../__testUtils__/engine';
import { readCostFiles } from '../ingestion';
import { FixedClock } from '../model';
import { GovernanceStore, RecommendationStore } from '../stores';
import { GovernanceService } from './GovernanceService';
import { dataSignature } from './history';
import { COST_HEADER, costRow, entity } from './__testUtils__/fixtures';

jest.setTimeout(120_000);

const catalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity(
    'Component',
    'cart',
    { type: 'service', owner: 'group:default/shop-team' },
    { 'costwise.dev/tags': 'application=cart' },
  ),
];
const cart = { application: 'cart' };

describe('dataSignature', () => {
  it('gives the fact count and, per currency in order, the four measures', () => {
    const fact = (
      currency: string,
      billedCost: string,
      effectiveCost: string,
      listCost: string,
      contractedCost: string,
    ) => ({
      day: '2025-02-10',
      billingPeriod: '2025-02',
      groupId: '1',
      currency,
      billedCost,
      effectiveCost,
      listCost,
      contractedCost,
    });
    expect(dataSignature([])).toBe('0 facts');
    expect(
      dataSignature([
        fact('USD', '1.10', '2', '3.5', '-4'),
        fact('EUR', '0.1', '0.2', '0', '7'),
        fact('USD', '0.90', '-2', '0.25', '4'),
      ]),
    ).toBe('3 facts; EUR 0.1/0.2/0/7; USD 2/0/3.75/0');
  });
});

describe.each(engineDatabaseIds())(
  'the stored KPI history on %p',
  databaseId => {
    let engine: Awaited<ReturnType<typeof startEngine>>;
    let governance: GovernanceService;
    let dir: string;
    beforeAll(async () => {
      // February: 100 of cart's and 50 nobody's; March: 100 of cart's
      engine = await startEngine({
        csv: [
          COST_HEADER,
          costRow('2025-02-10', { account: '1', cost: '100', tags: cart }),
          costRow('2025-02-10', { account: '1', cost: '50' }),
          costRow('2025-03-10', { account: '1', cost: '100', tags: cart }),
        ].join('\n'),
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
          accountOwners: {},
        },
        clock: new FixedClock('2025-03-20T08:00:00Z'),
      });
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-history-'));
    });
    afterAll(() => fs.rm(dir, { recursive: true, force: true }));

    /** Ingests the rows as the source `late`, replacing its billing periods, and runs attribution. */
    const ingestLate = async (rows: string[]) => {
      const file = path.join(dir, `late-${rows.length}-${Date.now()}.csv`);
      await fs.writeFile(file, [COST_HEADER, ...rows].join('\n'));
      await engine.ingestion.ingest('late', readCostFiles([file]));
      await engine.attribution.run('test');
    };
    const february = async () => {
      const coverage = (await governance.kpis()).organization.find(
        k => k.id === 'attribution-coverage',
      )!;
      const stored = await new GovernanceStore(engine.knex).history({
        scopes: ['organization'],
      });
      return {
        value: coverage.history.find(h => h.month === '2025-02')!.value,
        total: stored.find(
          v => v.month === '2025-02' && v.kpi === 'attribution-coverage',
        )!.detail.total,
        shown: coverage.detail,
      };
    };

    it('stores each month once, and keeps a past month as it was when only the rules change', async () => {
      expect(await governance.snapshot()).toEqual({
        months: ['2025-02', '2025-03'],
      });
      expect(await february()).toEqual(
        expect.objectContaining({
          value: Number((100 / 150).toFixed(6)),
          total: '150',
        }),
      );
      // the data signature is kept with the values, not shown
      expect((await february()).shown).not.toHaveProperty('dataSignature');
      // a rule change: February's allocations go, its data stays
      await engine
        .knex('finops_allocations')
        .where({ day: '2025-02-10' })
        .delete();
      expect(await governance.snapshot()).toEqual({ months: ['2025-03'] });
      expect(await february()).toEqual(
        expect.objectContaining({
          value: Number((100 / 150).toFixed(6)),
          total: '150',
        }),
      );
    });

    it("computes a past month again when its data changes: its last day arriving with the next month's, then restated", async () => {
      // 50 more of nobody's on 28 February, ingested in March
      await ingestLate([costRow('2025-02-28', { account: '1', cost: '50' })]);
      expect(await governance.snapshot()).toEqual({
        months: ['2025-02', '2025-03'],
      });
      expect(await february()).toEqual(
        expect.objectContaining({ value: 0.5, total: '200' }),
      );
      // the bill restated: as many facts, another amount
      await ingestLate([costRow('2025-02-28', { account: '1', cost: '150' })]);
      expect((await governance.snapshot()).months).toContain('2025-02');
      expect(await february()).toEqual(
        expect.objectContaining({ value: 0.333333, total: '300' }),
      );
      // nothing new: nothing past is computed again
      expect(await governance.snapshot()).toEqual({ months: ['2025-03'] });
    });

    it('computes a month again when a credit of it arrives in a later billing period', async () => {
      await ingestLate([
        costRow('2025-02-28', { account: '1', cost: '150' }),
        costRow('2025-02-28', {
          account: '1',
          cost: '-100',
          period: '2025-03',
          resource: 'credit-1',
        }),
      ]);
      expect((await governance.snapshot()).months).toContain('2025-02');
      expect((await february()).total).toBe('200');
    });
  },
);
