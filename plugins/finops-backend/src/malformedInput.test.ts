import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { finopsPlugin } from './plugin';

/**
 * A corpus of malformed input, each case as a user or a broken export would
 * send it: cost files, catalog annotations, query strings and request
 * bodies. Each must get its own clear answer; after each the backend still
 * answers, and what was stored before is all still there.
 */

jest.setTimeout(180_000);

const HEADER =
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags';
/** Rows every accepted version of the `corpus` source holds, totalling 100.25. */
const BASE_ROWS = [
  '2,USD,2025-03-01,2025-03-10,2025-03-11,60.25,60.25,AWS,Amazon EC2,i-corpus-1,"{""application"": ""corpus""}"',
  '2,USD,2025-03-01,2025-03-11,2025-03-12,40,40,AWS,Amazon EC2,i-keep,{}',
];
const BASE_TOTAL = '100.25';

/** The `shop` source, ingested once: cart's March cost is 55.3 of 142.35. */
const SHOP = [
  HEADER,
  '1,USD,2025-03-01,2025-03-10,2025-03-11,10.10,10.10,AWS,Amazon EC2,i-cart,"{""application"": ""cart""}"',
  '1,USD,2025-03-01,2025-03-11,2025-03-12,20.20,20.20,AWS,Amazon EC2,i-cart,"{""application"": ""cart""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,5.05,5.05,AWS,AWS Lambda,fn-checkout,"{""application"": ""checkout""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,100,100,AWS,Amazon RDS,db-shop-1,{}',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,7,7,AWS,Amazon S3,bucket-nobody,{}',
].join('\n');

const entity = (
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
  spec: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'group:default/shop-team', ...spec },
});

/**
 * Malformed annotations: [name, annotation, value, what the warning says].
 * Each is on its own component; the rest of the catalog is unaffected.
 */
const ANNOTATIONS: Array<[string, string, string, RegExp]> = [
  ['ann-empty-ids', 'costwise.dev/resource-ids', '', /no ids given/],
  ['ann-blank-ids', 'costwise.dev/resource-ids', ' , \n', /no ids given/],
  [
    'ann-ids-space',
    'costwise.dev/resource-ids',
    'i-a i-b',
    /contains whitespace/,
  ],
  ['ann-ids-star', 'costwise.dev/resource-ids', '*', /would match everything/],
  [
    'ann-ids-stars',
    'costwise.dev/resource-ids',
    'a*a*a*a*a*a*a*a*a*z, i-keep',
    /has 9 wildcards; at most 8 are allowed; this id is ignored/,
  ],
  [
    'ann-ids-long',
    'costwise.dev/resource-ids',
    `${'x'.repeat(600)}*`,
    /longer than 512 characters/,
  ],
  ['ann-accounts-empty', 'costwise.dev/accounts', '', /no ids given/],
  ['ann-accounts-star', 'costwise.dev/accounts', '*', /match everything/],
  [
    'ann-tags-nopair',
    'costwise.dev/tags',
    'application corpus',
    /is not key=value/,
  ],
  ['ann-tags-nokey', 'costwise.dev/tags', '=x', /empty key or value/],
  ['ann-tags-novalue', 'costwise.dev/tags', 'a=', /empty key or value/],
  ['ann-tags-empty', 'costwise.dev/tags', ' ; ', /no key=value pairs/],
  ['ann-tags-twice', 'costwise.dev/tags', 'env=prod,env=dev', /two values/],
  [
    'ann-llm-noprovider',
    'costwise.dev/llm',
    'proj_without_provider',
    /is not provider:id/,
  ],
  [
    'ann-shared-policy',
    'costwise.dev/shared-cost',
    'weighted: 50/50',
    /is not a policy/,
  ],
  [
    'ann-shared-nan',
    'costwise.dev/shared-cost',
    'weights: a=x',
    /is not entity-ref=weight/,
  ],
  [
    'ann-shared-negative',
    'costwise.dev/shared-cost',
    'weights: a=-1',
    /is not entity-ref=weight/,
  ],
  [
    'ann-shared-twice',
    'costwise.dev/shared-cost',
    'weights: a=1, a=2',
    /weighted twice/,
  ],
  [
    'ann-shared-zero',
    'costwise.dev/shared-cost',
    'weights: a=0',
    /positive weight/,
  ],
  [
    'ann-shared-none',
    'costwise.dev/shared-cost',
    'weights:',
    /positive weight/,
  ],
  [
    'ann-k8s-name',
    'backstage.io/kubernetes-id',
    'Not A Name!',
    /is not a Kubernetes name/,
  ],
  [
    'ann-k8s-selector',
    'backstage.io/kubernetes-label-selector',
    'app in (a,b)',
    /set-based selectors are not supported/,
  ],
];

/** A catalog of one team, its system, two services sharing a database, and the malformed ones. */
const catalog: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'shop-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  entity('System', 'shop'),
  entity(
    'Component',
    'cart',
    { 'costwise.dev/tags': 'application=cart' },
    { system: 'shop' },
  ),
  entity(
    'Component',
    'checkout',
    { 'costwise.dev/tags': 'application=checkout' },
    { system: 'shop' },
  ),
  entity('Component', 'corpus', { 'costwise.dev/tags': 'application=corpus' }),
  entity(
    'Resource',
    'shop-db',
    {
      'costwise.dev/resource-ids': 'db-shop-*',
      'costwise.dev/shared-cost':
        'weights: component:default/cart=25, component:default/checkout=75',
    },
    { type: 'database', system: 'shop' },
  ),
  ...ANNOTATIONS.map(([name, annotation, value]) =>
    entity('Component', name, { [annotation]: value }),
  ),
];

/** A file of a malformed-file case: its name and contents. */
type CaseFile = { name: string; content: string | Buffer };
const csv = (...lines: string[]) => lines.join('\n');

/**
 * Files no part of which may be stored: [case, file, the error it fails with].
 */
const BROKEN_FILES: Array<[string, CaseFile, RegExp]> = [
  ['an empty file', { name: 'a.csv', content: '' }, /empty file; expected/],
  [
    'a file of blank lines',
    { name: 'a.csv', content: '\n\n\n' },
    /empty file|not a cost export/,
  ],
  [
    'binary content',
    { name: 'a.csv', content: Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]) },
    /binary content, not a CSV cost export/,
  ],
  [
    'a JSON document',
    { name: 'a.csv', content: '{"rows": [{"cost": 1}]}' },
    /not a cost export: expected/,
  ],
  [
    'an HTML error page',
    {
      name: 'a.csv',
      content: '<html><body>403 Forbidden</body></html>',
    },
    /not a cost export: expected/,
  ],
  [
    'columns of another export',
    { name: 'a.csv', content: csv('Date,Amount,Team', '2025-03-01,5,x') },
    /not a cost export: expected .*found columns Date, Amount, Team/,
  ],
  [
    'a FOCUS file without BilledCost',
    {
      name: 'a.csv',
      content: csv(
        HEADER.replace('BilledCost,', ''),
        ...BASE_ROWS.map(r => r.replace(',60.25,60.25,', ',60.25,')),
      ),
    },
    /BilledCost/,
  ],
  [
    'a FOCUS file without ChargePeriodStart',
    {
      name: 'a.csv',
      content: csv(HEADER.replace('ChargePeriodStart,', ''), BASE_ROWS[0]),
    },
    /ChargePeriodStart/,
  ],
  [
    'semicolons for commas',
    {
      name: 'a.csv',
      content: csv(HEADER.replace(/,/g, ';'), BASE_ROWS[0].replace(/,/g, ';')),
    },
    /not a cost export/,
  ],
  [
    'an unmatched quote near the top',
    {
      name: 'a.csv',
      content: csv(
        HEADER,
        '2,USD,2025-03-01,2025-03-10,2025-03-11,1,1,AWS,"Amazon EC2,i-x,{}',
        ...Array.from({ length: 2000 }, () => BASE_ROWS[1]),
        'x'.repeat(1_100_000),
      ),
    },
    /malformed CSV:.*(record|field).*(quote)/i,
  ],
  [
    'a field over the limit',
    {
      name: 'a.csv',
      content: csv(HEADER, `${BASE_ROWS[1]},"${'t'.repeat(300 * 1024)}"`),
    },
    /malformed CSV:.*field/i,
  ],
  [
    'corrupt gzip data',
    {
      name: 'a.csv.gz',
      content: Buffer.concat([
        gzipSync(csv(HEADER, ...BASE_ROWS)).subarray(0, 30),
        Buffer.from('not gzip at all'),
      ]),
    },
    /corrupt gzip data/,
  ],
  [
    'a gzip of nothing',
    { name: 'a.csv.gz', content: gzipSync('') },
    /empty file; expected/,
  ],
  [
    'a truncated Parquet file',
    { name: 'a.parquet', content: Buffer.from('PAR1\u0000\u0000garbage') },
    /not a readable Parquet file/,
  ],
  [
    'the Parquet magic bytes alone',
    { name: 'a.parquet', content: 'PAR1' },
    /not a readable Parquet file/,
  ],
  [
    'a Parquet footer on CSV rows',
    { name: 'a.parquet', content: `PAR1${csv(HEADER, ...BASE_ROWS)}PAR1` },
    /not a readable Parquet file/,
  ],
];

/**
 * Files whose bad rows are rejected, each with its reason, while the good
 * rows (the base rows) are stored: [case, extra rows, the reason].
 */
const BAD_ROWS: Array<[string, string[], RegExp]> = [
  [
    'a cost that is not a number',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,oops,1,AWS,S3,b,{}'],
    /BilledCost is not a number: 'oops'/,
  ],
  [
    'an empty cost',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,,1,AWS,S3,b,{}'],
    /BilledCost is empty/,
  ],
  [
    'NaN',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,NaN,NaN,AWS,S3,b,{}'],
    /BilledCost is empty \('NaN' is read as no value\)/,
  ],
  [
    'Infinity',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,Infinity,1,AWS,S3,b,{}'],
    /is not a number: 'Infinity'/,
  ],
  [
    'a hexadecimal cost',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,0x10,1,AWS,S3,b,{}'],
    /is not a number: '0x10'/,
  ],
  [
    'a cost with a thousands separator',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,"1,000",1,AWS,S3,b,{}'],
    /is not a number: '1,000'/,
  ],
  [
    'a cost with a currency sign',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,$5,1,AWS,S3,b,{}'],
    /is not a number: '\$5'/,
  ],
  [
    'an exponent beyond any amount',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,1e999,1,AWS,S3,b,{}'],
    /BilledCost/,
  ],
  [
    'an effective cost that is not a number',
    ['2,USD,2025-03-01,2025-03-10,2025-03-11,1,abc,AWS,S3,b,{}'],
    /EffectiveCost is not a number: 'abc'/,
  ],
  [
    'an impossible day',
    ['2,USD,2025-02-01,2025-02-30,2025-03-01,1,1,AWS,S3,b,{}'],
    /ChargePeriodStart is not a date: '2025-02-30'/,
  ],
  [
    'a day that is text',
    ['2,USD,2025-03-01,yesterday,2025-03-11,1,1,AWS,S3,b,{}'],
    /ChargePeriodStart is not a date: 'yesterday'/,
  ],
  [
    'an empty charge period start',
    ['2,USD,2025-03-01,,2025-03-11,1,1,AWS,S3,b,{}'],
    /ChargePeriodStart is empty/,
  ],
  [
    'a billing period that is not a date',
    ['2,USD,March,2025-03-10,2025-03-11,1,1,AWS,S3,b,{}'],
    /BillingPeriodStart is not a date/,
  ],
  [
    'an empty currency',
    ['2,,2025-03-01,2025-03-10,2025-03-11,1,1,AWS,S3,b,{}'],
    /BillingCurrency is empty/,
  ],
  [
    'an unknown currency',
    ['2,DOLLARS,2025-03-01,2025-03-10,2025-03-11,1,1,AWS,S3,b,{}'],
    /unknown currency code 'DOLLARS'/,
  ],
  ['too few fields', ['2,USD,2025-03-01,2025-03-10'], /field|column|empty/i],
  [
    'a row of one long value',
    [`${'9'.repeat(5000)}`],
    /field|column|empty|not/i,
  ],
];

/** Query strings: [url, status, what the answer says]. */
const QUERIES: Array<[string, number, RegExp]> = [
  ...[
    'from=2025-13-01',
    'from=2025-02-30',
    'from=20250301',
    'from=2025-3-1',
    'from=yesterday',
    'from=',
    'to=9999-99-99',
    'to=2025-03-01T00:00:00Z',
    'from[]=2025-03-01',
    'from=2025-03-01&from=2025-03-02',
    `from=${'1'.repeat(5000)}`,
    'from=%00',
  ].map(
    q =>
      [
        `/entities/component/default/cart/costs?${q}`,
        400,
        /Invalid request: from|Invalid request: to/,
      ] as [string, number, RegExp],
  ),
  [
    '/entities/component/default/cart/costs?from=2025-03-31&to=2025-03-01',
    400,
    /from \(2025-03-31\) is after to \(2025-03-01\)/,
  ],
  [
    '/entities/component/default/cart/costs?from=0001-01-01&to=9999-12-31&groupBy=resource',
    200,
    /"from":"2025-03-10"/,
  ],
  ['/entities/component/default/cart/costs?groupBy=colour', 400, /groupBy/],
  ['/entities/component/default/cart/costs?groupBy=__proto__', 400, /groupBy/],
  [
    '/entities/component/default/cart/costs?granularity=hour',
    400,
    /granularity/,
  ],
  ['/entities/component/default/cart/costs?measure=free', 400, /measure/],
  ['/entities/component/default/cart/summary?measure=1', 400, /measure/],
  ['/entities/component/default/cart/resources?limit=0', 400, /limit/],
  ['/entities/component/default/cart/resources?limit=-5', 400, /limit/],
  ['/entities/component/default/cart/resources?limit=9999999', 400, /limit/],
  ['/entities/component/default/cart/resources?limit=ten', 400, /limit/],
  ['/entities/component/default/cart/resources?offset=-1', 400, /offset/],
  ['/entities/component/default/cart/resources?offset=1.5', 400, /offset/],
  [
    '/entities/component/default/cart/resources?offset=999999',
    200,
    /"items":\[\]/,
  ],
  [
    '/entities/component/default/nobody/summary',
    404,
    /component:default\/nobody/,
  ],
  ['/entities/widget/default/cart/summary', 404, /widget:default\/cart/],
  [
    `/entities/component/default/${'n'.repeat(3000)}/summary`,
    404,
    /NotFoundError|not found|No entity/i,
  ],
  [
    '/entities/component/default/%E0%A4%A/summary',
    400,
    /URI|malformed|decode/i,
  ],
  [
    '/entities/component/default/cart/unit-cost?granularity=week',
    400,
    /granularity/,
  ],
  [
    '/entities/component/default/cart/unit-cost?from=2025-03-31&to=2025-03-01',
    400,
    /is after/,
  ],
  ['/entities/component/default/cart/benchmark?measure=x', 400, /measure/],
  ['/explain', 400, /give resourceId or groupId/],
  ['/explain?groupId=1%20OR%201=1', 400, /groupId/],
  ['/explain?groupId=12345678901234567890', 400, /groupId/],
  ['/explain?groupId=-1', 400, /groupId/],
  ['/explain?resourceId=', 400, /resourceId|give resourceId/],
  ['/explain?resourceId=no-such-thing', 404, /no-such-thing|No cost/i],
  ['/attribution/changes?limit=0', 400, /limit/],
  ['/attribution/changes?limit=abc', 400, /limit/],
  ['/ingestions?limit=501', 400, /limit/],
  ['/ingestions/%27%3B%20drop%20table', 404, /No ingestion run/],
];

/** A URL short enough for a test's title. */
const shortUrl = (url: string) =>
  url.length > 100 ? `${url.slice(0, 60)}…(${url.length} characters)` : url;

/** Request bodies: [method, url, body, status, what the answer says]. */
const BODIES: Array<[string, string, string | object, number, RegExp]> = [
  ['post', '/overrides', {}, 400, /match/],
  [
    'post',
    '/overrides',
    { match: {}, entityRef: 'component:default/cart' },
    400,
    /needs at least one condition/,
  ],
  [
    'post',
    '/overrides',
    { match: { service: 'S3' }, entityRef: 'cart' },
    400,
    /must be kind:namespace\/name/,
  ],
  [
    'post',
    '/overrides',
    {
      match: { resourceIdPattern: 'a*a*a*a*a*a*a*a*a*z' },
      entityRef: 'component:default/cart',
    },
    400,
    /9 wildcards; at most 8/,
  ],
  [
    'post',
    '/overrides',
    {
      match: { resourceIdPattern: 'x'.repeat(600) },
      entityRef: 'component:default/cart',
    },
    400,
    /longer than 512 characters/,
  ],
  [
    'post',
    '/overrides',
    {
      match: { tags: { '': 'x' } },
      entityRef: 'component:default/cart',
    },
    400,
    /tags/,
  ],
  [
    'post',
    '/overrides',
    { match: { service: 7 }, entityRef: 'component:default/cart' },
    400,
    /service/,
  ],
  [
    'post',
    '/overrides',
    {
      match: { service: 'S3' },
      entityRef: 'component:default/cart',
      note: 'n'.repeat(2000),
    },
    400,
    /note/,
  ],
  ['post', '/overrides', '{"match": ', 400, /JSON|Unexpected|parse/i],
  ['post', '/overrides', '[]', 400, /Invalid request/],
  ['post', '/overrides', 'null', 400, /Invalid request|JSON/i],
  ['post', '/claims/confirm', {}, 400, /groupId/],
  [
    'post',
    '/claims/confirm',
    { groupId: 'abc', entityRef: 'component:default/cart' },
    400,
    /groupId/,
  ],
  [
    'post',
    '/claims/reject',
    { groupId: '1', entityRef: 'not a ref' },
    400,
    /entityRef/,
  ],
  [
    'post',
    '/suggestions/confirm',
    { groupId: '99999999', entityRef: 'component:default/cart' },
    404,
    /99999999|suggestion/i,
  ],
  ['post', '/metrics', {}, 400, /points/],
  ['post', '/metrics', { points: 'many' }, 400, /points/],
  [
    'post',
    '/metrics',
    { points: Array.from({ length: 10_001 }, () => ({})) },
    400,
    /points/,
  ],
  ['delete', '/overrides/does-not-exist', '', 404, /does-not-exist|override/i],
  ['post', '/attribution/run', '{{{', 400, /JSON|Unexpected|parse/i],
  ['post', '/sources/nope/ingest', '', 404, /No cost source 'nope'/],
  ['post', '/sources/corpus/ingest?allowShrink=yes', '', 400, /allowShrink/],
];

describe('malformed input', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let dir: string;
  const admin = mockCredentials.user.header('user:default/admin');
  const get = (url: string) =>
    request(server).get(`/api/finops${url}`).set('Authorization', admin);
  const ingest = (source: string) =>
    request(server)
      .post(`/api/finops/sources/${source}/ingest`)
      .set('Authorization', admin);
  const caseDir = () => path.join(dir, 'corpus');

  /** What every case must leave as it was. */
  let before: { coverage: unknown; cart: string; corpus: unknown };
  const stored = async () => {
    const coverage = await get('/coverage');
    const cart = await get(
      '/entities/component/default/cart/costs?from=2025-03-01&to=2025-03-31',
    );
    const periods = await get('/ingestions?source=corpus');
    return {
      coverage: coverage.body.currencies,
      cart: cart.body.total as string,
      // a replacement by the same rows is the same data, with a new run id
      corpus: periods.body.sourcePeriods.map(
        ({ runId, ingestedAt, ...period }: Record<string, unknown>) => period,
      ),
    };
  };
  const stillWhole = async () => {
    const health = await request(server).get('/api/finops/health');
    expect(health.status).toBe(200);
    expect(await stored()).toEqual(before);
  };

  const writeCase = async (...files: CaseFile[]) => {
    await fs.rm(caseDir(), { recursive: true, force: true });
    await fs.mkdir(caseDir());
    for (const f of files)
      await fs.writeFile(path.join(caseDir(), f.name), f.content);
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-corpus-'));
    await fs.writeFile(path.join(dir, 'shop.csv'), SHOP);
    ({ server } = await startTestBackend({
      features: [
        finopsPlugin,
        catalogServiceMock.factory({ entities: catalog }),
        mockServices.rootConfig.factory({
          data: {
            finops: {
              sources: [
                { id: 'shop', type: 'focus', location: `${dir}/shop.csv` },
                { id: 'corpus', type: 'focus', location: `${dir}/corpus/*` },
              ],
              ingestion: { settleSeconds: 0 },
            },
          },
        }),
      ],
    }));
    const shop = await ingest('shop');
    if (shop.status !== 200)
      throw new Error(`shop not ingested: ${JSON.stringify(shop.body)}`);
    await writeCase({ name: 'a.csv', content: csv(HEADER, ...BASE_ROWS) });
    await ingest('corpus');
    before = await stored();
  });

  it('starts from the stored sources', async () => {
    const runs = await get('/ingestions?source=corpus&limit=1');
    expect(runs.body.items[0].storedTotals.USD).toEqual(
      expect.objectContaining({
        BilledCost: BASE_TOTAL,
        EffectiveCost: BASE_TOTAL,
      }),
    );
    expect(before.cart).toBe('55.3');
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('holds at least a hundred cases', () => {
    expect(
      ANNOTATIONS.length +
        BROKEN_FILES.length +
        BAD_ROWS.length +
        QUERIES.length +
        BODIES.length,
    ).toBeGreaterThanOrEqual(100);
  });

  describe('files', () => {
    it.each(BROKEN_FILES)(
      'fails %s with its reason and keeps what was stored',
      async (_, file, message) => {
        await writeCase(file);
        const response = await ingest('corpus');
        expect(response.status).toBe(422);
        expect(response.body.error.message).toMatch(message);
        // the run is on record as failed, with the same reason
        const runs = await get('/ingestions?source=corpus&limit=1');
        expect(runs.body.items[0]).toEqual(
          expect.objectContaining({ status: 'failed' }),
        );
        expect(runs.body.items[0].error).toMatch(message);
        await stillWhole();
      },
    );

    it.each(BAD_ROWS)(
      'rejects %s with its reason and stores the rest',
      async (_, rows, reason) => {
        await writeCase({
          name: 'a.csv',
          content: csv(HEADER, BASE_ROWS[0], ...rows, BASE_ROWS[1]),
        });
        const response = await ingest('corpus');
        expect(response.status).toBe(200);
        expect(response.body).toEqual(
          expect.objectContaining({
            status: 'succeeded',
            accepted: 2,
            rejected: rows.length,
          }),
        );
        expect(response.body.rejections[0]).toEqual(
          expect.objectContaining({ line: 3 }),
        );
        expect(response.body.rejections[0].reason).toMatch(reason);
        await stillWhole();
      },
    );

    it('refuses a file that lost most of the month, and says so', async () => {
      await writeCase({ name: 'a.csv', content: csv(HEADER, BASE_ROWS[1]) });
      const response = await ingest('corpus');
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(/2025-03.*100\.25.*40/);
      await stillWhole();
    });

    it('fails a location with no files, and keeps what was stored', async () => {
      await writeCase();
      const response = await ingest('corpus');
      expect(response.status).toBe(422);
      expect(response.body.error.message).toMatch(
        /corpus\/\*: no file matches this pattern/,
      );
      await stillWhole();
    });
  });

  describe('annotations', () => {
    it.each(ANNOTATIONS)(
      '%s: %s gets a warning naming the entity',
      async (name, annotation, _, message) => {
        const response = await get(
          `/entities/component/default/${name}/summary`,
        );
        expect(response.status).toBe(200);
        expect(response.body.warnings).toContainEqual({
          entity: `component:default/${name}`,
          annotation,
          message: expect.stringMatching(message),
        });
        await stillWhole();
      },
    );

    it('still applies the rest of an annotation with one pattern refused', async () => {
      const response = await get(
        '/entities/component/default/ann-ids-stars/costs?from=2025-03-01&to=2025-03-31',
      );
      expect(response.body.total).toBe('40');
    });
  });

  describe('query strings', () => {
    it.each(
      QUERIES.map(([url, ...rest]) => [shortUrl(url), url, ...rest] as const),
    )('GET %s answers %d', async (_, url, status, message) => {
      const response = await get(url);
      expect(response.status).toBe(status);
      expect(JSON.stringify(response.body)).toMatch(message);
      await stillWhole();
    });
  });

  describe('request bodies', () => {
    it.each(BODIES.map((c, i) => [i + 1, ...c] as const))(
      'body %d: %s %s answers its status',
      async (_, method, url, body, status, message) => {
        let req = (request(server) as any)
          [method](`/api/finops${url}`)
          .set('Authorization', admin);
        if (typeof body === 'string')
          req = req.set('Content-Type', 'application/json').send(body);
        else req = req.send(body);
        const response = await req;
        expect(response.status).toBe(status);
        expect(JSON.stringify(response.body)).toMatch(message);
        await stillWhole();
      },
    );

    it('refuses a body over the size limit', async () => {
      const response = await request(server)
        .post('/api/finops/metrics')
        .set('Authorization', admin)
        .set('Content-Type', 'application/json')
        .send(`{"points": [${'{"x":1},'.repeat(2_000_000)}{}]}`);
      expect(response.status).toBe(413);
      await stillWhole();
    });
  });
});
