import { Decimal } from '@costwise/plugin-finops-common';
import {
  engineDatabaseIds,
  startEngine,
  viewerDenied,
} from '../../__testUtils__/engine';
import { readFinopsConfig } from '../../config';
import { ConfigReader } from '@backstage/config';
import {
  attributedShowbackData,
  ShowbackInputError,
  ShowbackReport,
  ShowbackService,
  storedShowbackData,
  UNATTRIBUTED_ROW,
} from '.';
import { parseCsv, sumBy } from './__testUtils__/csv';
import { catalog, COSTS, OWNERS, Row, ROWS } from './__testUtils__/shop';

jest.setTimeout(120_000);

const MARCH = ROWS.filter(r => r.day.startsWith('2025-03'));

/** The report computed from the rows above alone: amounts split by their shares, owners as written out. */
function expectedReport(
  measure: 'EffectiveCost' | 'BilledCost',
): ShowbackReport {
  const amountOf = (r: Row) =>
    Decimal.parse(measure === 'EffectiveCost' ? r.effective : r.billed);
  const lines = new Map<string, Decimal>();
  const ingested = new Map<string, Decimal>();
  const unattributed = new Map<string, Decimal>();
  const add = (map: Map<string, Decimal>, key: string, value: Decimal) =>
    map.set(key, (map.get(key) ?? Decimal.ZERO).add(value));
  for (const r of MARCH) {
    const amount = amountOf(r);
    add(ingested, r.currency, amount);
    if (r.to.length === 0) add(unattributed, r.currency, amount);
    else {
      unattributed.set(
        r.currency,
        unattributed.get(r.currency) ?? Decimal.ZERO,
      );
      for (const [ref, method, share] of r.to) {
        const part = amount.mulInt(share).divide(Decimal.parse('100'), 12);
        add(
          lines,
          [OWNERS[ref], r.currency, ref, r.service, method].join('|'),
          part,
        );
      }
    }
  }
  const teams = new Map<string, ShowbackReport['teams'][number]>();
  for (const key of [...lines.keys()].sort()) {
    const amount = lines.get(key)!;
    if (amount.isZero()) continue;
    const [team, currency, ref, service, method] = key.split('|');
    let statement = teams.get(`${team}|${currency}`);
    if (!statement) {
      statement = { team, currency, total: '0', lines: [] };
      teams.set(`${team}|${currency}`, statement);
    }
    statement.lines.push({
      entity: ref,
      service,
      method,
      amount: amount.toString(),
    });
    statement.total = Decimal.parse(statement.total).add(amount).toString();
  }
  const texts = (map: Map<string, Decimal>) =>
    Object.fromEntries(
      [...map.keys()].sort().map(k => [k, map.get(k)!.toString()]),
    );
  return {
    month: '2025-03',
    measure,
    teams: [...teams.values()],
    unattributed: texts(unattributed),
    ingested: texts(ingested),
  };
}

/** Per currency: the teams' totals plus the unattributed rest, less the ingested total (zero when it reconciles). */
function imbalance(report: ShowbackReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [currency, ingested] of Object.entries(report.ingested)) {
    const teams = Decimal.sum(
      report.teams
        .filter(t => t.currency === currency)
        .map(t => Decimal.parse(t.total)),
    );
    out[currency] = teams
      .add(Decimal.parse(report.unattributed[currency]))
      .sub(Decimal.parse(ingested))
      .toString();
  }
  return out;
}

describe.each(engineDatabaseIds())('showback statements on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let showback: ShowbackService;
  beforeAll(async () => {
    engine = await startEngine({ csv: COSTS, entities: catalog, databaseId });
    if (engine.run.rejected > 0)
      throw new Error(
        `the fixture has rejected rows: ${JSON.stringify(
          engine.run.rejections,
        )}`,
      );
    showback = new ShowbackService({
      data: storedShowbackData(engine.knex, engine.attributionStore),
      catalogEntities: async () => catalog,
      defaults: { measure: 'EffectiveCost' },
    });
  });

  it.each(['EffectiveCost', 'BilledCost'] as const)(
    'equals a computation from the rows themselves in %s, and reconciles to the last digit',
    async measure => {
      const report = await showback.showback('2025-03', measure);
      expect(report).toEqual(expectedReport(measure));
      expect(imbalance(report)).toEqual({ EUR: '0', USD: '0' });
      expect(Object.keys(report)).toEqual([
        'month',
        'measure',
        'teams',
        'unattributed',
        'ingested',
      ]);
    },
  );

  it('gives each entity to one team, a team with two currencies a statement in each, users and the unowned their own', async () => {
    const report = await showback.showback('2025-03');
    const teamsOf = new Map<string, Set<string>>();
    for (const t of report.teams)
      for (const l of t.lines) {
        const set = teamsOf.get(l.entity) ?? new Set();
        teamsOf.set(l.entity, set.add(t.team));
      }
    for (const [, teams] of teamsOf) expect(teams.size).toBe(1);
    expect(report.teams.map(t => `${t.team} ${t.currency}`)).toEqual([
      '(no owner) USD',
      'group:default/catalog-team EUR',
      'group:default/catalog-team USD',
      'group:default/checkout-team USD',
      'group:default/commerce USD',
      'group:default/infra-team USD',
      'user:default/jane USD',
    ]);
    // a sub-team's cost is not in its parent's statement
    const commerce = report.teams.find(
      t => t.team === 'group:default/commerce',
    )!;
    expect(commerce.lines.map(l => l.entity)).toEqual([
      'component:default/shop-tool',
    ]);
  });

  it('reads the same statements from allocations computed now as from the stored ones', async () => {
    const data = await attributedShowbackData(engine.attributionStore, {
      month: '2025-03',
      entities: catalog,
      config: {
        ...readFinopsConfig(new ConfigReader({})),
        measure: 'EffectiveCost',
      },
    });
    const fresh = new ShowbackService({
      data,
      catalogEntities: async () => catalog,
      defaults: { measure: 'EffectiveCost' },
    });
    for (const measure of ['EffectiveCost', 'BilledCost'] as const)
      expect(await fresh.showback('2025-03', measure)).toEqual(
        await showback.showback('2025-03', measure),
      );
    expect(await fresh.focusCsv('2025-03')).toBe(
      await showback.focusCsv('2025-03'),
    );
  });

  it('writes a CSV whose amounts add up to the JSON', async () => {
    const report = await showback.showback('2025-03');
    const teamTotals = (currency: string) =>
      Decimal.sum(
        report.teams
          .filter(t => t.currency === currency)
          .map(t => Decimal.parse(t.total)),
      ).toString();

    const csv = parseCsv(await showback.showbackCsv('2025-03'));
    expect(csv.header).toEqual([
      'team',
      'system',
      'entity',
      'service',
      'method',
      'currency',
      'amount',
    ]);
    const attributed = csv.rows.filter(r => r.team !== UNATTRIBUTED_ROW);
    expect(sumBy(attributed, 'currency', 'amount')).toEqual({
      EUR: teamTotals('EUR'),
      USD: teamTotals('USD'),
    });
    expect(sumBy(csv.rows, 'currency', 'amount')).toEqual(report.ingested);
    expect(
      sumBy(
        csv.rows.filter(r => r.team === UNATTRIBUTED_ROW),
        'currency',
        'amount',
      ),
    ).toEqual(report.unattributed);
    // each team's rows hold its statement's total
    for (const t of report.teams)
      expect(
        sumBy(
          attributed.filter(
            r => r.team === t.team && r.currency === t.currency,
          ),
          'currency',
          'amount',
        ),
      ).toEqual({ [t.currency]: t.total });
    expect(
      attributed.find(r => r.entity === 'component:default/payments-worker')
        ?.system,
    ).toBe('system:default/checkout');
  });

  it("states a group's own cost with its sub-teams' totals beside it", async () => {
    const statement = await showback.statement(
      engine.entity('group:default/commerce'),
      '2025-03',
    );
    expect(statement).toEqual(
      expect.objectContaining({
        entity: 'group:default/commerce',
        kind: 'group',
        asOf: '2025-03-21',
        partial: true,
        totals: { USD: '10' },
        subTeams: [
          {
            team: 'group:default/catalog-team',
            parent: 'group:default/commerce',
            totals: { EUR: '28.28', USD: '130.054' },
          },
          {
            team: 'group:default/checkout-team',
            parent: 'group:default/commerce',
            totals: { USD: '207.939333333333' },
          },
        ],
        totalWithSubTeams: { EUR: '28.28', USD: '347.993333333333' },
      }),
    );
    expect(statement.statements).toEqual([
      {
        currency: 'USD',
        total: '10',
        lines: [
          {
            entity: 'component:default/shop-tool',
            team: 'group:default/commerce',
            system: '(no system)',
            service: 'AWS Lambda',
            method: 'tags',
            amount: '10',
          },
        ],
      },
    ]);
    // the sub-teams' totals are their own statements' totals
    const report = await showback.showback('2025-03');
    for (const sub of statement.subTeams)
      for (const [currency, total] of Object.entries(sub.totals))
        expect(
          report.teams.find(t => t.team === sub.team && t.currency === currency)
            ?.total,
        ).toBe(total);
  });

  it("states a system's members, whoever owns them, and leaves out what the viewer may not read", async () => {
    const statement = await showback.statement(
      'system:default/checkout',
      '2025-03',
    );
    expect(statement.subTeams).toEqual([]);
    expect(
      statement.statements[0].lines.map(l => [
        l.entity,
        l.team,
        l.service,
        l.method,
        l.amount,
      ]),
    ).toEqual([
      [
        'component:default/checkout-api',
        'group:default/checkout-team',
        'Amazon EC2',
        'tags',
        '87.933333333333',
      ],
      [
        'component:default/checkout-api',
        'group:default/checkout-team',
        'Amazon RDS',
        'shared',
        '120.006',
      ],
      [
        'component:default/payments-worker',
        'group:default/infra-team',
        'Amazon EC2',
        'tags',
        '40.4',
      ],
    ]);
    const hidden = await showback.statement(
      'group:default/checkout-team',
      '2025-03',
      'EffectiveCost',
      viewerDenied('component:default/checkout-api'),
    );
    expect(hidden.statements).toEqual([]);
    expect(hidden.hiddenMembers?.count).toBe(1);
    expect(JSON.stringify(hidden)).not.toContain('120.006');
  });

  it('refuses a month that is not one and an entity that has no statement', async () => {
    await expect(showback.showback('2025-13')).rejects.toThrow(
      ShowbackInputError,
    );
    await expect(showback.showback('2025-3')).rejects.toThrow(
      /give it as YYYY-MM/,
    );
    await expect(
      showback.statement('component:default/checkout-api', '2025-03'),
    ).rejects.toThrow(/statements are made for Groups and Systems/);
  });

  it('answers a month without data with nothing to state', async () => {
    expect(await showback.showback('2024-01')).toEqual({
      month: '2024-01',
      measure: 'EffectiveCost',
      teams: [],
      unattributed: {},
      ingested: {},
    });
    const statement = await showback.statement(
      'group:default/commerce',
      '2024-01',
    );
    expect(statement.partial).toBe(true);
    expect(statement.asOf).toBeUndefined();
  });
});
