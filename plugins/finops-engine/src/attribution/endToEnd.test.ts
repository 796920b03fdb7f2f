import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { Decimal } from '@costwise/plugin-finops-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { applyMigrations } from '../stores/migrations';
import { DatabaseCostStore } from '../stores';
import { IngestionService } from '../ingestion/IngestionService';
import { readCostFiles } from '../ingestion/reader';
import { readFinopsConfigFiles } from '../config';
import { AttributionStore } from '../stores';
import { readCatalogFiles } from './catalogFiles';
import { attributeStoredFacts, summarizeAttribution } from './runner';
import {
  SHOP_CATALOG,
  SHOP_CHECKOUT_SHARED,
  SHOP_CONFIG,
  SHOP_COSTS,
  SHOP_EXPECTED,
  SHOP_TOTAL,
  SHOP_UNATTRIBUTED,
} from './__testUtils__/shopFixture';

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'attribution end to end on %p',
  databaseId => {
    let dir: string;
    beforeAll(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-attribution-'));
      await fs.writeFile(path.join(dir, 'catalog-info.yaml'), SHOP_CATALOG);
      await fs.writeFile(path.join(dir, 'costs.csv'), SHOP_COSTS);
      await fs.writeFile(path.join(dir, 'app-config.yaml'), SHOP_CONFIG);
    });
    afterAll(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    async function ingested() {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const service = new IngestionService(
        new DatabaseCostStore(knex),
        mockServices.logger.mock(),
      );
      const run = await service.ingest(
        'shop',
        readCostFiles([path.join(dir, 'costs.csv')]),
      );
      expect(run.rejected).toBe(0);
      return knex;
    }

    async function attributeShop(
      range: {
        period?: string;
        from?: string;
        to?: string;
      },
      measure: 'EffectiveCost' | 'BilledCost' = 'EffectiveCost',
    ) {
      const knex = await ingested();
      const config = await readFinopsConfigFiles([
        path.join(dir, 'app-config.yaml'),
      ]);
      const pass = await attributeStoredFacts(new AttributionStore(knex), {
        entities: await readCatalogFiles([dir]),
        config: { ...config, measure },
        range,
      });
      return { pass, result: pass.results.get('USD')! };
    }

    it('gives every entity its hand-computed direct and total cost, exactly', async () => {
      const { pass, result } = await attributeShop({ period: '2025-03' });
      expect(
        Object.fromEntries(
          Object.entries(pass.report.currencies).map(([c, t]) => [c, t.total]),
        ),
      ).toEqual({ EUR: '5', USD: SHOP_TOTAL });
      const costs = Object.fromEntries(
        result.entities.map(e => [
          e.entity,
          { direct: e.direct.toString(), total: e.total.toString() },
        ]),
      );
      expect(costs).toEqual(SHOP_EXPECTED);
      expect(result.total.toString()).toBe(SHOP_TOTAL);
      expect(result.unattributedTotal.toString()).toBe(SHOP_UNATTRIBUTED);
      const direct = Decimal.sum(result.entities.map(e => e.direct));
      expect(direct.add(result.unattributedTotal).toString()).toBe(SHOP_TOTAL);
    });

    it('reports the tie, the weak suggestion and the malformed annotation', async () => {
      const { pass } = await attributeShop({ period: '2025-03' });
      const report = summarizeAttribution(pass);
      expect(report.currency).toBe('USD');
      expect(Object.keys(report)).toEqual([
        'measure',
        'currency',
        'total',
        'unattributed',
        'coverage',
        'entities',
        'suggestions',
        'conflicts',
        'warnings',
      ]);
      expect(report.conflicts).toEqual([
        expect.objectContaining({
          method: 'tags',
          entities: ['component:default/web-a', 'component:default/web-b'],
          amount: '10.01',
        }),
      ]);
      expect(report.suggestions).toEqual([
        expect.objectContaining({
          entity: 'component:default/search',
          confidence: 0.75,
          amount: '3.33',
        }),
      ]);
      expect(report.warnings).toEqual([
        {
          entity: 'component:default/broken',
          annotation: 'costwise.dev/tags',
          message: "'nope' is not key=value",
        },
      ]);
      expect(
        report.entities.find(e => e.entity === 'component:default/checkout')!
          .methods,
      ).toEqual({
        tags: '40',
        shared: SHOP_CHECKOUT_SHARED,
      });
      expect(report.coverage).toBeGreaterThan(0.8);
      expect(report.coverage).toBeLessThan(1);
    });

    it('reads only the days asked for, and the currency asked for', async () => {
      const { result } = await attributeShop({
        from: '2025-03-02',
        to: '2025-03-31',
      });
      // day 2: db replica 60.005 (to checkout 9.90 / payments 0), checkout 9.90, team-b 50, credit -20
      expect(result.total.toString()).toBe('99.905');
      expect(
        result.entities
          .find(e => e.entity === 'component:default/checkout')!
          .direct.toString(),
      ).toBe('69.905');
      const { pass } = await attributeShop({ period: '2025-03' }, 'BilledCost');
      expect(summarizeAttribution(pass, { currency: 'EUR' }).total).toBe('5');
    });
  },
);
