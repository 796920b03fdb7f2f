import path from 'path';
import type { Entity } from '@backstage/catalog-model';
import { Decimal, NormalizedCostRow } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startEngine } from '../__testUtils__/engine';
import { readCostFile } from '../ingestion';
import { GovernanceStore, RecommendationStore } from '../stores';
import { GovernanceService } from './GovernanceService';
import { entity } from './__testUtils__/fixtures';

jest.setTimeout(120_000);

const catalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
];

describe.each(engineDatabaseIds())(
  'commitment KPIs on a real Azure EA amortized export, on %p',
  databaseId => {
    const FILE = path.resolve(
      __dirname,
      '../ingestion/__fixtures__/providers/azure/EA_AmortizedCost_Small.csv',
    );

    it('equal an independent computation from the normalized rows', async () => {
      // independently: the rows as the reader normalizes them
      const rows: NormalizedCostRow[] = [];
      for await (const record of readCostFile(FILE))
        if (record.kind === 'row') rows.push(record.row);
      const month = rows[0].chargePeriodStart.slice(0, 7);
      const inMonth = rows.filter(r => r.chargePeriodStart.startsWith(month));
      const committedServices = new Set(
        inMonth
          .filter(r => r.pricingCategory === 'Committed')
          .map(r => r.serviceName),
      );
      const usage = inMonth.filter(
        r =>
          r.chargeCategory === 'Usage' &&
          r.commitmentDiscountStatus !== 'Unused' &&
          committedServices.has(r.serviceName),
      );
      const list = (set: NormalizedCostRow[]) =>
        Decimal.sum(set.map(r => Decimal.parse(r.listCost)));
      const effective = (set: NormalizedCostRow[]) =>
        Decimal.sum(set.map(r => Decimal.parse(r.effectiveCost)));
      const covered = list(
        usage.filter(r => r.pricingCategory === 'Committed'),
      );
      const eligible = list(usage);
      const used = effective(
        inMonth.filter(r => r.commitmentDiscountStatus === 'Used'),
      );
      const unused = effective(
        inMonth.filter(r => r.commitmentDiscountStatus === 'Unused'),
      );
      expect(covered.isZero()).toBe(false);

      const engine = await startEngine({
        files: [FILE],
        entities: catalog,
        databaseId,
      });
      const governance = new GovernanceService({
        store: new GovernanceStore(engine.knex),
        attributionStore: engine.attributionStore,
        recommendations: new RecommendationStore(engine.knex),
        unitCosts: engine.unitCosts,
        catalogEntities: async () => catalog,
        options: {
          measure: 'EffectiveCost',
          targets: {},
          teamTargets: [],
          overhead: [{ from: '2000-01', monthly: '1000' }],
          accountOwners: {},
        },
      });
      const org = Object.fromEntries(
        (await governance.kpis({ month })).organization.map(k => [k.id, k]),
      );
      expect(org['commitment-coverage'].detail).toEqual(
        expect.objectContaining({
          coveredListCost: covered.toString(),
          eligibleListCost: eligible.toString(),
        }),
      );
      expect(org['commitment-coverage'].value).toBe(
        Number(covered.divide(eligible, 6).toString()),
      );
      expect(org['commitment-utilization'].detail).toEqual(
        expect.objectContaining({
          used: used.toString(),
          unused: unused.toString(),
        }),
      );
      // the overhead over the month's spend, exactly
      const spend = effective(inMonth);
      const days = new Set(inMonth.map(r => r.chargePeriodStart.slice(0, 10)));
      const lastDay = [...days].sort().pop()!;
      const monthDays = new Date(
        Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0),
      ).getUTCDate();
      const overhead = Decimal.parse('1000')
        .mulInt(Number(lastDay.slice(8, 10)))
        .divide(Decimal.parse(String(monthDays)), 6);
      expect(org['finops-overhead'].value).toBe(
        Number(overhead.mulInt(1_000_000).divide(spend, 2).toString()),
      );
    });
  },
);
