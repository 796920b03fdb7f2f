import { engineDatabaseIds, startEngine } from '../../__testUtils__/engine';
import { ShowbackService, storedShowbackData } from '.';
import { parseCsv, sumBy } from './__testUtils__/csv';
import { catalog, COSTS } from './__testUtils__/shop';

jest.setTimeout(120_000);

describe.each(engineDatabaseIds())(
  'the FOCUS-shaped allocated export on %p',
  databaseId => {
    let showback: ShowbackService;
    beforeAll(async () => {
      const engine = await startEngine({
        csv: COSTS,
        entities: catalog,
        databaseId,
      });
      showback = new ShowbackService({
        data: storedShowbackData(engine.knex, engine.attributionStore),
        catalogEntities: async () => catalog,
        defaults: { measure: 'EffectiveCost' },
      });
    });

    it('holds the FOCUS columns Costwise stores, whose costs add up to the statements, with the owning entity and method', async () => {
      const report = await showback.showback('2025-03');
      const focus = parseCsv(await showback.focusCsv('2025-03'));
      expect(focus.header).toEqual([
        'BillingAccountId',
        'SubAccountId',
        'SubAccountName',
        'ProviderName',
        'ServiceName',
        'ServiceCategory',
        'RegionId',
        'ResourceId',
        'ResourceName',
        'ResourceType',
        'ChargeCategory',
        'PricingCategory',
        'SkuId',
        'CommitmentDiscountId',
        'CommitmentDiscountStatus',
        'Tags',
        'BillingCurrency',
        'BillingPeriodStart',
        'BillingPeriodEnd',
        'ChargePeriodStart',
        'ChargePeriodEnd',
        'BilledCost',
        'ListCost',
        'ContractedCost',
        'EffectiveCost',
        'x_CostwiseEntity',
        'x_CostwiseMethod',
        'x_CostwiseOwner',
        'x_CostwiseSystem',
      ]);
      // every cost column adds up to the ingested total of its measure
      for (const measure of [
        'BilledCost',
        'ListCost',
        'ContractedCost',
      ] as const) {
        const ofMeasure = await showback.showback('2025-03', measure);
        expect(sumBy(focus.rows, 'BillingCurrency', measure)).toEqual(
          ofMeasure.ingested,
        );
        expect(
          sumBy(
            focus.rows.filter(r => r.x_CostwiseEntity === ''),
            'BillingCurrency',
            measure,
          ),
        ).toEqual(ofMeasure.unattributed);
      }
      // the commitment bought is billed, not amortized: a row of its own all the same
      expect(
        focus.rows.find(
          r => r.ResourceId === 'sp-1' && r.ChargeCategory === 'Purchase',
        ),
      ).toEqual(
        expect.objectContaining({
          BilledCost: '500',
          EffectiveCost: '0',
          x_CostwiseEntity: 'group:default/infra-team',
          x_CostwiseMethod: 'accounts',
        }),
      );
      expect(sumBy(focus.rows, 'BillingCurrency', 'EffectiveCost')).toEqual(
        report.ingested,
      );
      expect(
        sumBy(
          focus.rows.filter(r => r.x_CostwiseEntity === ''),
          'BillingCurrency',
          'EffectiveCost',
        ),
      ).toEqual(report.unattributed);
      for (const t of report.teams)
        expect(
          sumBy(
            focus.rows.filter(
              r =>
                r.x_CostwiseOwner === t.team &&
                r.BillingCurrency === t.currency,
            ),
            'BillingCurrency',
            'EffectiveCost',
          ),
        ).toEqual({ [t.currency]: t.total });
      const credit = focus.rows.find(
        r => r.ResourceId === 'vm-catalog' && r.x_CostwiseEntity,
      );
      expect(credit).toEqual(
        expect.objectContaining({
          ProviderName: 'Microsoft',
          RegionId: 'westeurope',
          // usage and credit are fact groups of their own
          ChargeCategory: expect.stringMatching(/^(Usage|Credit)$/),
          x_CostwiseOwner: 'group:default/catalog-team',
          x_CostwiseMethod: 'tags',
          SubAccountId: '2-sub',
          Tags: '{"application":"catalog"}',
          BillingPeriodStart: '2025-03-01T00:00:00Z',
          BillingPeriodEnd: '2025-04-01T00:00:00Z',
          ChargePeriodStart: expect.stringMatching(/^2025-03-1[01]T00:00:00Z$/),
        }),
      );
      const tax = focus.rows.find(
        r => r.ChargeCategory === 'Tax' && r.BillingCurrency === 'EUR',
      );
      expect(tax).toEqual(
        expect.objectContaining({
          EffectiveCost: '5.757',
          x_CostwiseEntity: '',
          ChargePeriodStart: '2025-03-10T00:00:00Z',
          ChargePeriodEnd: '2025-03-11T00:00:00Z',
        }),
      );
    });
  },
);
