import { Decimal } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startDemoEngine } from '../../__testUtils__/engine';
import { ConfigReader } from '@backstage/config';
import { readFinopsConfig } from '../../config';
import {
  attributedShowbackData,
  ShowbackReport,
  ShowbackService,
  storedShowbackData,
  UNATTRIBUTED_ROW,
} from '.';
import { parseCsv, sumBy } from './__testUtils__/csv';

jest.setTimeout(600_000);

/** Per currency: Σ teams + unattributed, and the ingested total, as exact text. */
function reconciliation(report: ShowbackReport) {
  const out: Record<string, { statements: string; ingested: string }> = {};
  for (const [currency, ingested] of Object.entries(report.ingested)) {
    const teams = Decimal.sum(
      report.teams
        .filter(t => t.currency === currency)
        .map(t => Decimal.parse(t.total)),
    );
    out[currency] = {
      statements: teams
        .add(Decimal.parse(report.unattributed[currency]))
        .toString(),
      ingested,
    };
  }
  return out;
}

describe.each(engineDatabaseIds())('showback of the demo on %p', databaseId => {
  // the demo's 90 days end on the 20th: October is whole, November runs
  let engine: Awaited<ReturnType<typeof startDemoEngine>>;
  let showback: ShowbackService;
  beforeAll(async () => {
    engine = await startDemoEngine({ end: '2026-11-20', databaseId });
    showback = new ShowbackService({
      data: storedShowbackData(engine.knex, engine.attributionStore),
      catalogEntities: async () => engine.entities,
      defaults: { measure: 'EffectiveCost' },
    });
  });

  it.each(['2026-10', '2026-11'])(
    'reconciles %s exactly per currency, each entity in one statement',
    async month => {
      const report = await showback.showback(month);
      const facts = await engine.attributionStore.loadFacts({
        from: `${month}-01`,
        to: `${month}-31`,
      });
      const ingested = new Map<string, Decimal>();
      for (const f of facts)
        ingested.set(
          f.currency,
          (ingested.get(f.currency) ?? Decimal.ZERO).add(
            Decimal.parse(f.effectiveCost),
          ),
        );
      expect(report.ingested).toEqual(
        Object.fromEntries(
          [...ingested].map(([c, v]) => [c, v.toString()]).sort(),
        ),
      );
      expect(Object.keys(report.ingested).length).toBeGreaterThan(0);
      for (const [currency, r] of Object.entries(reconciliation(report)))
        expect([currency, r.statements]).toEqual([currency, r.ingested]);
      // most is attributed, and the rest is shown
      for (const [currency, rest] of Object.entries(report.unattributed))
        expect(
          Decimal.parse(rest).toNumber() /
            Decimal.parse(report.ingested[currency]).toNumber(),
        ).toBeLessThan(0.2);

      const teamOf = new Map<string, string>();
      for (const t of report.teams) {
        expect(t.total).toBe(
          Decimal.sum(t.lines.map(l => Decimal.parse(l.amount))).toString(),
        );
        for (const l of t.lines) {
          expect([l.entity, teamOf.get(l.entity) ?? t.team]).toEqual([
            l.entity,
            t.team,
          ]);
          teamOf.set(l.entity, t.team);
        }
      }
      expect(teamOf.size).toBeGreaterThan(20);

      const csv = parseCsv(await showback.showbackCsv(month));
      expect(sumBy(csv.rows, 'currency', 'amount')).toEqual(report.ingested);
      expect(
        sumBy(
          csv.rows.filter(r => r.team === UNATTRIBUTED_ROW),
          'currency',
          'amount',
        ),
      ).toEqual(
        Object.fromEntries(
          Object.entries(report.unattributed).filter(([, v]) => v !== '0'),
        ),
      );
      const focus = parseCsv(await showback.focusCsv(month));
      expect(sumBy(focus.rows, 'BillingCurrency', 'EffectiveCost')).toEqual(
        report.ingested,
      );
    },
  );

  it('states the running month to the last day with data, and a group with its sub-teams', async () => {
    const statement = await showback.statement(
      'group:default/commerce',
      '2026-11',
    );
    expect(statement.asOf).toBe('2026-11-20');
    expect(statement.partial).toBe(true);
    expect(statement.subTeams.map(s => s.team)).toEqual([
      'group:default/catalog-team',
      'group:default/checkout-team',
      'group:default/storefront-team',
    ]);
    const report = await showback.showback('2026-11');
    for (const sub of statement.subTeams) {
      const own = report.teams.filter(t => t.team === sub.team);
      expect(sub.totals).toEqual(
        Object.fromEntries(own.map(t => [t.currency, t.total])),
      );
    }
    const whole = await showback.statement('group:default/commerce', '2026-10');
    expect(whole.partial).toBe(false);
  });

  it('gives the same statements from allocations computed now from the catalog', async () => {
    const data = await attributedShowbackData(engine.attributionStore, {
      month: '2026-10',
      entities: engine.entities,
      config: {
        ...readFinopsConfig(new ConfigReader({})),
        measure: 'EffectiveCost',
      },
    });
    const fresh = new ShowbackService({
      data,
      catalogEntities: async () => engine.entities,
      defaults: { measure: 'EffectiveCost' },
    });
    expect(await fresh.showback('2026-10')).toEqual(
      await showback.showback('2026-10'),
    );
  });
});
