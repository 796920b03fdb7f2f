import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startEngine } from '../../__testUtils__/engine';

jest.setTimeout(120_000);

const entity = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: spec as any,
});

/**
 * The platform team owns account 222 (config) and the shop team account 444
 * (annotation); copycat copies infra-api's tags, so its claim on 222 is
 * contested; web-a and web-b tie; search is only suggested for its canary.
 */
const catalog: Entity[] = [
  entity('Group', 'platform', { type: 'team', children: [] }),
  entity(
    'Group',
    'shop',
    { type: 'team', children: [] },
    { 'costwise.dev/accounts': '444' },
  ),
  entity(
    'Component',
    'infra-api',
    { type: 'service', owner: 'group:default/platform' },
    { 'costwise.dev/tags': 'app=infra' },
  ),
  entity(
    'Component',
    'copycat',
    { type: 'service', owner: 'group:default/shop' },
    { 'costwise.dev/tags': 'app=infra' },
  ),
  entity(
    'Component',
    'checkout',
    { type: 'service', owner: 'group:default/shop' },
    { 'costwise.dev/tags': 'app=checkout' },
  ),
  entity(
    'Component',
    'web-a',
    { type: 'website', owner: 'group:default/platform' },
    { 'costwise.dev/tags': 'team=web' },
  ),
  entity(
    'Component',
    'web-b',
    { type: 'website', owner: 'group:default/platform' },
    { 'costwise.dev/tags': 'team=web' },
  ),
  entity(
    'Component',
    'search',
    { type: 'service', owner: 'group:default/shop' },
    { 'github.com/project-slug': 'acme/SearchService' },
  ),
];

/** What becomes of a row: attributed, unattributed, or a finding's cost. */
type Kind = 'attributed' | 'unattributed' | 'suggested' | 'contested' | 'tie';
interface Row {
  day: string;
  cost: string;
  kind: Kind;
  account?: string;
  service?: string;
  currency?: string;
  tags?: Record<string, string>;
}

const checkout = { service: 'EC2', tags: { app: 'checkout' } };
const canary = {
  kind: 'suggested' as const,
  service: 'ECS',
  tags: { application: 'search-service-canary' },
};
const infra = {
  kind: 'contested' as const,
  account: '222',
  service: 'EC2',
  tags: { app: 'infra' },
};
const web = {
  kind: 'tie' as const,
  service: 'CloudFront',
  tags: { team: 'web' },
};
const tax = { kind: 'unattributed' as const, service: 'Tax' };
const s3 = { kind: 'unattributed' as const, account: '333', service: 'S3' };
const shopAccount = {
  kind: 'attributed' as const,
  account: '444',
  service: 'EC2',
};

const ROWS: Row[] = [
  { day: '2025-02-03', cost: '100.10', kind: 'attributed', ...checkout },
  { day: '2025-02-10', cost: '3.33', ...canary },
  { day: '2025-02-11', cost: '10.01', ...web },
  { day: '2025-02-28', cost: '8.5', ...tax },
  { day: '2025-03-01', cost: '200.20', kind: 'attributed', ...checkout },
  { day: '2025-03-31', cost: '0.07', kind: 'attributed', ...checkout },
  { day: '2025-03-15', cost: '4.44', ...canary },
  { day: '2025-03-10', cost: '60', ...infra },
  { day: '2025-03-12', cost: '9.25', ...tax },
  { day: '2025-03-12', cost: '1.11', ...s3 },
  { day: '2025-03-20', cost: '70.5', ...shopAccount },
  {
    day: '2025-03-05',
    cost: '5',
    kind: 'attributed',
    currency: 'EUR',
    ...checkout,
  },
  { day: '2025-03-06', cost: '0.4', ...tax, currency: 'EUR' },
  { day: '2025-04-01', cost: '300.30', kind: 'attributed', ...checkout },
  { day: '2025-04-02', cost: '40', ...infra },
  { day: '2025-04-03', cost: '20.02', ...web },
  { day: '2025-04-30', cost: '2.22', ...s3 },
  { day: '2025-04-30', cost: '29.5', ...shopAccount },
];
const MONTHS = ['2025-02', '2025-03', '2025-04'];

const HEADER =
  'BillingAccountId,SubAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags';
const csv = [
  HEADER,
  ...ROWS.map(r => {
    const account = r.account ?? '111';
    return [
      account,
      account,
      r.currency ?? 'USD',
      `${r.day.slice(0, 8)}01`,
      `${r.day}T00:00:00Z`,
      `${r.day}T23:59:59Z`,
      r.service === 'Tax' ? 'Tax' : 'Usage',
      r.cost,
      r.cost,
      'AWS',
      r.service,
      '',
      `"${JSON.stringify(r.tags ?? {}).replace(/"/g, '""')}"`,
    ].join(',');
  }),
].join('\n');

/** Sums the rows that pass `keep` per key; zero sums are kept. */
function sumRows(
  rows: Row[],
  keyOf: (r: Row) => string,
  keep: (r: Row) => boolean = () => true,
): Record<string, string> {
  const sums = new Map<string, Decimal>();
  for (const r of rows.filter(keep)) {
    const key = keyOf(r);
    sums.set(key, (sums.get(key) ?? Decimal.ZERO).add(Decimal.parse(r.cost)));
  }
  return Object.fromEntries([...sums].map(([k, v]) => [k, v.toString()]));
}

/** The figures a month's rows give, computed from the rows alone. */
function expectedOf(month: string) {
  const rows = ROWS.filter(r => r.day.startsWith(month));
  const currency = (r: Row) => r.currency ?? 'USD';
  const notAttributed = (r: Row) =>
    r.kind === 'unattributed' || r.kind === 'suggested';
  const finding = (kind: Kind) => sumRows(rows, currency, r => r.kind === kind);
  return {
    totals: sumRows(rows, currency),
    unattributed: sumRows(rows, currency, notAttributed),
    byAccountAndService: sumRows(
      rows,
      r => `${currency(r)} ${r.account ?? '111'} ${r.service}`,
      notAttributed,
    ),
    suggested: finding('suggested'),
    contested: finding('contested'),
    tie: finding('tie'),
  };
}

type Coverage = Awaited<
  ReturnType<Awaited<ReturnType<typeof startEngine>>['coverage']['coverage']>
>;
/** A finding's amount per currency, as `expectedOf` gives them. */
const amounts = (items: { currency: string; amount: string }[]) =>
  Object.fromEntries(items.map(i => [i.currency, i.amount]));
/** Adds up a record of exact amounts per key over the months. */
function addUp(records: Record<string, string>[]): Record<string, string> {
  const sums = new Map<string, Decimal>();
  for (const record of records)
    for (const [k, v] of Object.entries(record))
      sums.set(k, (sums.get(k) ?? Decimal.ZERO).add(Decimal.parse(v)));
  return Object.fromEntries([...sums].map(([k, v]) => [k, v.toString()]));
}
const sorted = (record: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => a.localeCompare(b)),
  );

describe.each(engineDatabaseIds())(
  'the coverage of a month on %p',
  databaseId => {
    let engine: Awaited<ReturnType<typeof startEngine>>;
    beforeAll(async () => {
      engine = await startEngine({
        csv,
        entities: catalog,
        finops: {
          attribution: {
            accountOwners: [
              { account: '222', owner: 'group:default/platform' },
            ],
          },
        },
        databaseId,
      });
      if (engine.run.rejected > 0)
        throw new Error('the fixture has rows the ingestion rejects');
    });

    it.each(MONTHS)(
      "gives %s's totals, unattributed cost and findings as the sums of that month's rows",
      async month => {
        const coverage = await engine.coverage.coverage({ month });
        const expected = expectedOf(month);
        expect(coverage.month).toBe(month);
        const figures = (pick: 'total' | 'unattributed') =>
          Object.fromEntries(
            Object.entries(coverage.currencies).map(([c, f]) => [c, f[pick]]),
          );
        expect(figures('total')).toEqual(expected.totals);
        expect(figures('unattributed')).toEqual(expected.unattributed);
        expect(coverage.unattributedByAccountAndService).toEqual(
          expected.byAccountAndService,
        );
        expect(amounts(coverage.suggestions)).toEqual(expected.suggested);
        expect(coverage.suggestions.map(s => s.entity)).toEqual(
          Object.keys(expected.suggested).map(() => 'component:default/search'),
        );
        expect(amounts(coverage.contested)).toEqual(expected.contested);
        expect(coverage.contested.map(c => c.entity)).toEqual(
          Object.keys(expected.contested).map(
            () => 'component:default/copycat',
          ),
        );
        expect(amounts(coverage.conflicts)).toEqual(expected.tie);
      },
    );

    it('leaves out the days of other months, to the last day of the month', async () => {
      const march = await engine.coverage.coverage({ month: '2025-03' });
      // 200.20 on the 1st + 0.07 on the 31st + 70.50 in the shop's account
      expect(march.byOwner['USD group:default/shop']).toBe('270.77');
      expect(march.byPeriod).toEqual({
        'EUR 2025-03': expect.anything(),
        'USD 2025-03': expect.anything(),
      });
      const none = await engine.coverage.coverage({ month: '2025-06' });
      expect(none.currencies).toEqual({});
      expect(none.unattributedByAccountAndService).toEqual({});
      expect([
        ...none.suggestions,
        ...none.contested,
        ...none.conflicts,
      ]).toEqual([]);
    });

    it('adds the months up to the coverage of all the data', async () => {
      const whole: Coverage = await engine.coverage.coverage();
      expect(whole).not.toHaveProperty('month');
      const months = await Promise.all(
        MONTHS.map(month => engine.coverage.coverage({ month })),
      );
      for (const pick of ['total', 'attributed', 'unattributed'] as const) {
        const of = (c: Coverage) =>
          Object.fromEntries(
            Object.entries(c.currencies).map(([k, f]) => [k, f[pick]]),
          );
        expect(addUp(months.map(of))).toEqual(of(whole));
      }
      expect(
        sorted(addUp(months.map(m => m.unattributedByAccountAndService))),
      ).toEqual(sorted(whole.unattributedByAccountAndService));
      expect(addUp(months.map(m => m.byOwner))).toEqual(whole.byOwner);
      for (const list of ['suggestions', 'contested', 'conflicts'] as const) {
        const byKey = (c: Coverage) =>
          Object.fromEntries(
            (
              c[list] as { groupId: string; currency: string; amount: string }[]
            ).map(f => [`${f.currency} ${f.groupId}`, f.amount]),
          );
        expect(addUp(months.map(byKey))).toEqual(byKey(whole));
      }
    });
  },
);
