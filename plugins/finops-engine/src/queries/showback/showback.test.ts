import type { Entity } from '@backstage/catalog-model';
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
  NO_OWNER,
  ShowbackInputError,
  ShowbackReport,
  ShowbackService,
  storedShowbackData,
  UNATTRIBUTED_ROW,
} from '.';
import { parseCsv, sumBy } from './__testUtils__/csv';

jest.setTimeout(120_000);

const entity = (
  kind: string,
  name: string,
  spec: Entity['spec'] & object,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});
const tagged = (application: string) => ({
  'costwise.dev/tags': `application=${application}`,
});

/*
 * A business unit with two sub-teams, a team that owns an account, a
 * service a user owns, one nobody owns, and a database two teams' services
 * share by weight.
 */
const catalog: Entity[] = [
  entity('Group', 'commerce', {
    type: 'business-unit',
    children: ['group:default/checkout-team', 'group:default/catalog-team'],
  }),
  entity('Group', 'checkout-team', {
    type: 'team',
    parent: 'group:default/commerce',
    children: [],
  }),
  entity('Group', 'catalog-team', {
    type: 'team',
    parent: 'group:default/commerce',
    children: [],
  }),
  entity(
    'Group',
    'infra-team',
    { type: 'team', children: [] },
    { 'costwise.dev/accounts': '999' },
  ),
  entity('System', 'checkout', { owner: 'group:default/checkout-team' }),
  entity('System', 'catalog', { owner: 'group:default/catalog-team' }),
  entity(
    'Component',
    'checkout-api',
    {
      type: 'service',
      owner: 'checkout-team',
      system: 'checkout',
      dependsOn: ['resource:default/orders-db'],
    },
    tagged('checkout'),
  ),
  entity(
    'Component',
    'catalog-api',
    {
      type: 'service',
      owner: 'group:default/catalog-team',
      system: 'catalog',
      dependsOn: ['resource:default/orders-db'],
    },
    tagged('catalog'),
  ),
  entity(
    'Component',
    'payments-worker',
    { type: 'service', owner: 'group:default/infra-team', system: 'checkout' },
    tagged('payments'),
  ),
  entity(
    'Component',
    'shop-tool',
    { type: 'tool', owner: 'group:default/commerce' },
    tagged('tool'),
  ),
  entity(
    'Component',
    'jane-tool',
    { type: 'tool', owner: 'user:default/jane' },
    tagged('jane'),
  ),
  entity('Component', 'orphan', { type: 'tool' }, tagged('orphan')),
  entity(
    'Resource',
    'orders-db',
    {
      type: 'database',
      owner: 'group:default/checkout-team',
      system: 'checkout',
    },
    {
      'costwise.dev/resource-ids': 'db-orders',
      'costwise.dev/shared-cost':
        'weights: component:default/checkout-api=60, component:default/catalog-api=40',
    },
  ),
];

/** Who owns each entity of the catalog, written out rather than read. */
const OWNERS: Record<string, string> = {
  'component:default/checkout-api': 'group:default/checkout-team',
  'component:default/catalog-api': 'group:default/catalog-team',
  'component:default/payments-worker': 'group:default/infra-team',
  'component:default/shop-tool': 'group:default/commerce',
  'component:default/jane-tool': 'user:default/jane',
  'component:default/orphan': NO_OWNER,
  'group:default/infra-team': 'group:default/infra-team',
};

interface Row {
  account: string;
  currency: 'USD' | 'EUR';
  day: string;
  billed: string;
  effective: string;
  provider: string;
  service: string;
  resource: string;
  category: 'Usage' | 'Credit' | 'Tax' | 'Purchase';
  application?: string;
  /** Where the row's cost goes: entity, method and share in percent. */
  to: Array<[string, string, number]>;
}

const usage = (
  currency: Row['currency'],
  day: string,
  cost: string,
  service: string,
  resource: string,
  application: string | undefined,
  to: Row['to'],
  category: Row['category'] = 'Usage',
): Row => ({
  account: currency === 'USD' ? '1' : '2',
  currency,
  day,
  billed: cost,
  effective: cost,
  provider: currency === 'USD' ? 'AWS' : 'Microsoft',
  service,
  resource,
  category,
  application,
  to,
});
const api = (name: string): [string, string, number] => [
  `component:default/${name}`,
  'tags',
  100,
];
const db: Row['to'] = [
  ['component:default/checkout-api', 'shared', 60],
  ['component:default/catalog-api', 'shared', 40],
];

const ROWS: Row[] = [
  usage('USD', '2025-03-10', '100.10', 'Amazon EC2', 'i-checkout', 'checkout', [
    api('checkout-api'),
  ]),
  usage(
    'USD',
    '2025-03-11',
    '0.333333333333',
    'Amazon EC2',
    'i-checkout',
    'checkout',
    [api('checkout-api')],
  ),
  usage(
    'USD',
    '2025-03-12',
    '-12.5',
    'Amazon EC2',
    'i-checkout',
    'checkout',
    [api('checkout-api')],
    'Credit',
  ),
  usage('USD', '2025-03-10', '50.05', 'Amazon EC2', 'i-catalog', 'catalog', [
    api('catalog-api'),
  ]),
  usage('USD', '2025-03-10', '150', 'Amazon RDS', 'db-orders', undefined, db),
  usage('USD', '2025-03-11', '50.01', 'Amazon RDS', 'db-orders', undefined, db),
  usage('USD', '2025-03-15', '8.25', 'Tax', '', undefined, [], 'Tax'),
  usage('USD', '2025-03-20', '3.3', 'AWS Lambda', 'fn-jane', 'jane', [
    api('jane-tool'),
  ]),
  usage('USD', '2025-03-20', '1.7', 'AWS Lambda', 'fn-orphan', 'orphan', [
    api('orphan'),
  ]),
  usage('USD', '2025-03-21', '10', 'AWS Lambda', 'fn-tool', 'tool', [
    api('shop-tool'),
  ]),
  usage('USD', '2025-03-21', '7', 'Amazon S3', 'bucket-nobody', undefined, []),
  // outside March: before and after
  usage('USD', '2025-02-28', '2000', 'Amazon EC2', 'i-checkout', 'checkout', [
    api('checkout-api'),
  ]),
  usage('USD', '2025-04-01', '1000', 'Amazon EC2', 'i-checkout', 'checkout', [
    api('checkout-api'),
  ]),
  // the team's account: a commitment bought (billed, not amortized), usage it covers (amortized, not billed)
  {
    ...usage(
      'USD',
      '2025-03-01',
      '500',
      'Savings Plans',
      'sp-1',
      undefined,
      [['group:default/infra-team', 'accounts', 100]],
      'Purchase',
    ),
    account: '999',
    effective: '0',
  },
  {
    ...usage('USD', '2025-03-05', '0', 'Amazon EC2', 'i-payments', 'payments', [
      api('payments-worker'),
    ]),
    account: '999',
    effective: '40.4',
  },
  {
    ...usage('USD', '2025-03-05', '0.07', 'Amazon EC2', 'i-build', undefined, [
      ['group:default/infra-team', 'accounts', 100],
    ]),
    account: '999',
  },
  usage(
    'EUR',
    '2025-03-10',
    '30.30',
    'Virtual Machines',
    'vm-catalog',
    'catalog',
    [api('catalog-api')],
  ),
  usage(
    'EUR',
    '2025-03-11',
    '-2.02',
    'Virtual Machines',
    'vm-catalog',
    'catalog',
    [api('catalog-api')],
    'Credit',
  ),
  usage('EUR', '2025-03-10', '5.757', 'Tax', '', undefined, [], 'Tax'),
  usage('EUR', '2025-03-12', '9.99', 'Virtual Machines', 'vm-x', undefined, []),
];

const HEADER =
  'BillingAccountId,SubAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,RegionId,ResourceId,ChargeCategory,Tags';
const next = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
const COSTS = [
  HEADER,
  ...ROWS.map(r =>
    [
      r.account,
      `${r.account}-sub`,
      r.currency,
      `${r.day.slice(0, 7)}-01`,
      r.day,
      next(r.day),
      r.billed,
      r.effective,
      r.provider,
      r.service,
      r.currency === 'USD' ? 'us-east-1' : 'westeurope',
      r.resource,
      r.category,
      r.application ? `"{""application"": ""${r.application}""}"` : '{}',
    ].join(','),
  ),
].join('\n');

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

  it('writes a CSV and a FOCUS-shaped export whose amounts add up to the JSON', async () => {
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

    const focus = parseCsv(await showback.focusCsv('2025-03'));
    expect(focus.header).toEqual([
      'BillingAccountId',
      'SubAccountId',
      'ProviderName',
      'ServiceName',
      'ServiceCategory',
      'RegionId',
      'ResourceId',
      'ResourceName',
      'ChargeCategory',
      'PricingCategory',
      'SkuId',
      'BillingCurrency',
      'ChargePeriodStart',
      'ChargePeriodEnd',
      'EffectiveCost',
      'x_CostwiseEntity',
      'x_CostwiseMethod',
      'x_CostwiseOwner',
      'x_CostwiseSystem',
    ]);
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
              r.x_CostwiseOwner === t.team && r.BillingCurrency === t.currency,
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
