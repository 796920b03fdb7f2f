import knexFactory, { Knex } from 'knex';
import {
  entity,
  finopsTestBackend,
  routeTestDatabases,
} from './__testUtils__/backend';

jest.setTimeout(240_000);

const databases = routeTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

/** Two services, each billed by a source of its own. */
const catalog = [
  entity('Group', 'team', { type: 'team', children: [] }),
  entity(
    'Component',
    'east-app',
    { type: 'service', owner: 'group:default/team' },
    { 'costwise.dev/tags': 'app=east' },
  ),
  entity(
    'Component',
    'west-app',
    { type: 'service', owner: 'group:default/team' },
    { 'costwise.dev/tags': 'app=west' },
  ),
];

/** March 2025, one line a day and resource: 31 × 7 lines of `cost` each, and an untagged one. */
function csv(app: string, cost: string) {
  const lines = [
    'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,Tags',
  ];
  for (let d = 1; d <= 31; d++) {
    const day = `2025-03-${String(d).padStart(2, '0')}`;
    for (let r = 0; r < 7; r++)
      lines.push(
        `1,USD,2025-03-01,${day},${day}T23:59:59Z,${cost},${cost},AWS,EC2,i-${app}-${r},"{""app"": ""${app}""}"`,
      );
    lines.push(
      `1,USD,2025-03-01,${day},${day}T23:59:59Z,1.01,1.01,AWS,S3,bucket-${app},`,
    );
  }
  return lines.join('\n');
}

const files = {
  'east.csv': csv('east', '2.345'),
  'west.csv': csv('west', '10.1'),
};
const expected = {
  east: '508.865', // 31 × 7 × 2.345
  west: '2191.7', // 31 × 7 × 10.1
  unattributed: '62.62', // 2 × 31 × 1.01
  total: '2763.185',
};

// PostgreSQL only (npm test says when it runs without one): an SQLite file
// is not shared by two backends
const onPostgres =
  postgres.length > 0
    ? describe.each(postgres)
    : describe.skip.each([['POSTGRES_16' as const]]);

onPostgres('two backend instances on one %p database', databaseId => {
  const first = finopsTestBackend();
  const second = finopsTestBackend();
  let secondKnex: Knex | undefined;
  const finops = (at: (file: string) => string) => ({
    sources: [
      { id: 'east', type: 'focus', location: at('east.csv') },
      { id: 'west', type: 'focus', location: at('west.csv') },
    ],
    ingestion: { settleSeconds: 0 },
  });

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    secondKnex = knexFactory({
      client: knex.client.config.client,
      connection: knex.client.config.connection,
    });
    await first.start({ databases, databaseId, catalog, files, finops, knex });
    await second.start({
      databases,
      databaseId,
      catalog,
      files,
      finops,
      knex: secondKnex,
    });
  });
  afterAll(async () => {
    await first.stop();
    await second.stop();
    await secondKnex?.destroy();
  });

  /** What each replica answers: the coverage and both services' March totals. */
  const figures = async (backend: typeof first) => {
    const coverage = (await backend.get('/coverage')).body.currencies.USD;
    const total = async (name: string) =>
      (
        await backend.get(
          `/entities/component/default/${name}/costs?from=2025-03-01&to=2025-03-31`,
        )
      ).body.total;
    return {
      east: await total('east-app'),
      west: await total('west-app'),
      unattributed: coverage.unattributed,
      total: coverage.total,
    };
  };

  /**
   * Ingests a source now, as an operator would: both replicas also read every
   * source once at start-up, in the background, and a source the other
   * replica is reading is a 409 ("try again when it has finished").
   */
  const ingest = async (backend: typeof first, source: string) => {
    for (let attempt = 1; ; attempt++) {
      const answer = await backend.post(`/sources/${source}/ingest`);
      if (answer.status !== 409 || attempt === 100) return answer;
      expect(answer.body.error.message).toMatch(/another process/);
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  };

  it('ingests and attributes on both at once, counting nothing twice and losing nothing', async () => {
    const answers = await Promise.all([
      ingest(first, 'east'),
      ingest(second, 'west'),
      first.post('/attribution/run'),
      second.post('/attribution/run'),
    ]);
    expect(answers.map(a => a.status)).toEqual([200, 200, 200, 200]);
    // each replica's ingestion ended with a run that saw both sources, or
    // was followed by one: the last committed run holds everything
    expect(await figures(first)).toEqual(expected);
    expect(await figures(second)).toEqual(expected);
  });

  it('stores a source once when both replicas read it at the same time', async () => {
    const answers = await Promise.all([
      first.post('/sources/east/ingest'),
      second.post('/sources/east/ingest'),
    ]);
    // one reads it; the other waits its turn or is told that a replica is reading it
    expect(answers.map(a => a.status).sort()).toEqual(
      answers.some(a => a.status === 409) ? [200, 409] : [200, 200],
    );
    expect(await figures(first)).toEqual(expected);
    expect(await figures(second)).toEqual(expected);
  });

  it('ends where a single run on one replica ends', async () => {
    const before = await figures(second);
    expect((await first.post('/attribution/run')).status).toBe(200);
    expect(await figures(first)).toEqual(before);
    expect(await figures(second)).toEqual(before);
  });
});
