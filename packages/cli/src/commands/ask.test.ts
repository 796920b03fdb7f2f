import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  DatabaseCostStore,
  IngestionService,
  readCostFiles,
  writeDemoData,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { registerAskCommand } from './ask';
import { runCommand } from '../__testUtils__/runCommand';

jest.setTimeout(180_000);

const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const CATALOG = [
  path.join(EXAMPLES, 'entities.yaml'),
  path.join(EXAMPLES, 'org.yaml'),
];
const END = '2026-11-30';

/** Runs `costwise ask ...`. */
const ask = (args: string[]) =>
  runCommand(registerAskCommand, ['ask', ...args]);

describe('costwise ask', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-cli-ask-'));
    db = path.join(dir, 'costs.sqlite');
    const file = path.join(dir, 'focus-demo.csv');
    const mapping = JSON.parse(
      await fs.readFile(path.join(EXAMPLES, 'demo-mapping.json'), 'utf8'),
    );
    await writeDemoData(file, { mapping, end: END });
    const knex = await openDatabase(db);
    await new IngestionService(new DatabaseCostStore(knex), {
      info() {},
      warn() {},
      error() {},
    }).ingest('demo', readCostFiles([file]));
    await knex.destroy();
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const base = () => ['--db', db, '--catalog', ...CATALOG];

  it('prints the contract for a spike: the day, the amounts and the driver, exit 0', async () => {
    const result = await ask([
      "Why did checkout's costs spike?",
      ...base(),
      '--json',
    ]);
    expect(result.exited).toBeUndefined();
    expect(result.code).toBe(0);
    expect(result.out).toHaveLength(1);
    const printed = JSON.parse(result.out[0]);
    expect(Object.keys(printed).sort()).toEqual(
      [
        'answer',
        'breakdown',
        'figures',
        'intent',
        'lineage',
        'period',
        'question',
        'supported',
      ].sort(),
    );
    expect(printed.supported).toBe(true);
    expect(printed.intent).toBe('change');
    // the demo's retry storm: checkout-api's Lambda ×8 on the last Thursday at least 3 days before the end
    expect(printed.period).toEqual({ from: '2026-11-26', to: '2026-11-26' });
    expect(printed.answer).toMatch(/Thu 26 Nov 2026/);
    expect(printed.answer).toMatch(/AWS Lambda on checkout-api-worker/);
    const [day, before, change] = printed.figures;
    expect(day.entity).toBe('system:default/checkout');
    expect(
      Decimal.parse(day.amount).sub(Decimal.parse(before.amount)).toString(),
    ).toBe(change.amount);
    expect(Decimal.parse(change.amount).compare(Decimal.parse('100'))).toBe(1);
    expect(printed.breakdown[0]).toEqual({
      label: 'Checkout API',
      amount: expect.stringMatching(/^\d+\.\d+$/),
      change: expect.stringMatching(/^\d+\.\d+$/),
    });
    expect(printed.lineage.query).toMatchObject({
      intent: 'change',
      entityRef: 'system:default/checkout',
      day: '2026-11-26',
    });
    expect(printed.lineage.measure).toBe('EffectiveCost');
    expect(printed.lineage.evidence.length).toBeGreaterThan(0);
  });

  it('reads "our" as the groups of the user given with --as, and dates against --today', async () => {
    const result = await ask([
      'What did our team spend yesterday?',
      ...base(),
      '--as',
      'user:default/maria-garcia',
      '--today',
      '2026-11-20',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out[0]);
    expect(printed.period).toEqual({ from: '2026-11-19', to: '2026-11-19' });
    expect(printed.figures[0].entity).toMatch(/^group:default\//);
  });

  it('exits 3 with the closest questions for a question it cannot answer', async () => {
    const result = await ask(['What is the weather in Berlin?', ...base()]);
    expect(result.code).toBe(3);
    expect(result.out.join('')).toMatch(/I can't answer that yet/);
    expect(result.out.join('')).toMatch(/Questions I can answer:/);
    const json = await ask([
      'What is the weather in Berlin?',
      ...base(),
      '--json',
    ]);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.out[0])).toMatchObject({
      supported: false,
      intent: 'unsupported',
      figures: [],
      breakdown: [],
      period: null,
    });
  });

  it('uses --measure and leaves the database it reads as it was', async () => {
    const result = await ask([
      'What did checkout-api cost last month?',
      ...base(),
      '--measure',
      'BilledCost',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.out[0]);
    expect(printed.lineage.measure).toBe('BilledCost');
    expect(printed.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    const knex = await openDatabase(db);
    const [{ n }] = await knex('finops_allocations').count({ n: '*' });
    await knex.destroy();
    expect(Number(n)).toBe(0);
  });

  it('exits 2 with a message for a missing database, an unknown --as or a bad --measure', async () => {
    const missing = await ask([
      'What did checkout cost?',
      '--db',
      path.join(dir, 'nope.sqlite'),
      '--catalog',
      ...CATALOG,
      '--json',
    ]);
    expect(missing.exited).toBe('exit 2');
    expect(JSON.parse(missing.out[0]).error).toMatch(/nope\.sqlite/);
    const who = await ask([
      'What did we spend?',
      ...base(),
      '--as',
      'user:default/nobody',
    ]);
    expect(who.exited).toBe('exit 2');
    expect(who.err).toMatch(/no user or group user:default\/nobody/);
    const measure = await ask([
      'What did we spend?',
      ...base(),
      '--measure',
      'Amortized',
    ]);
    expect(measure.exited).toBe('exit 2');
    expect(measure.err).toMatch(/--measure must be one of/);
  });
});
