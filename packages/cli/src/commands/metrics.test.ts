import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { MetricStore } from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { registerMetricsCommands } from './metrics';
import { runCommand } from '../__testUtils__/runCommand';

jest.setTimeout(60_000);

const CATALOG = `
kind: Component
metadata: { name: shop }
spec: { type: service, owner: team }
---
kind: Component
metadata: { name: cart }
spec: { type: service, owner: team }
`;

const GOOD = [
  'date,entity,metric,value,note',
  '2025-03-01,component:default/shop,requests,1200,first',
  '2025-03-02,component:shop,requests,1300.5,',
  '2025-03-01,component:default/cart,orders,0,idle',
].join('\n');

const BAD = [
  'entity,metric,date,value',
  'component:default/shop,requests,2025-03-03,10',
  'component:default/ghost,requests,2025-03-03,10',
  'component:default/shop,requests,2025-03-04,-5',
  'component:default/shop,requests,2025-03-05,lots',
  'component:default/shop,Bad Name,2025-03-05,1',
  'component:default/shop,requests,2999-01-01,1',
  'component:default/shop,requests',
].join('\n');

/** Runs `costwise metrics import ...`. */
const run = (args: string[]) =>
  runCommand(registerMetricsCommands, ['metrics', 'import', ...args]);

describe('costwise metrics import', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-cli-metrics-'));
    db = path.join(dir, 'costs.sqlite');
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), CATALOG);
    await fs.writeFile(path.join(dir, 'good.csv'), GOOD);
    await fs.writeFile(path.join(dir, 'bad.csv'), BAD);
    await fs.writeFile(path.join(dir, 'no-value.csv'), 'entity,metric,date\n');
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function stored() {
    const knex = await openDatabase(db);
    try {
      return await new MetricStore(knex).values({
        entityRefs: ['component:default/shop', 'component:default/cart'],
      });
    } finally {
      await knex.destroy();
    }
  }

  it('stores a good file, columns in any order, and again without duplicates', async () => {
    const args = [
      path.join(dir, 'good.csv'),
      '--db',
      db,
      '--catalog',
      path.join(dir, 'catalog-info.yaml'),
      '--json',
    ];
    const first = await run(args);
    expect(first.code).toBe(0);
    expect(first.out).toHaveLength(1);
    expect(JSON.parse(first.out[0])).toEqual(
      expect.objectContaining({
        received: 3,
        stored: 3,
        rejected: [],
        ignoredColumns: ['note'],
        entitiesChecked: true,
      }),
    );
    await run(args);
    expect(
      (await stored()).map(v => [v.entity, v.metric, v.date, v.value]),
    ).toEqual([
      ['component:default/cart', 'orders', '2025-03-01', 0],
      ['component:default/shop', 'requests', '2025-03-01', 1200],
      ['component:default/shop', 'requests', '2025-03-02', 1300.5],
    ]);
  });

  it('rejects bad rows with their line and reason, and exits 1 with --strict', async () => {
    const args = [
      path.join(dir, 'bad.csv'),
      '--db',
      db,
      '--catalog',
      path.join(dir, 'catalog-info.yaml'),
      '--json',
    ];
    const lenient = await run(args);
    expect(lenient.code).toBe(0);
    const result = JSON.parse(lenient.out[0]);
    expect(result.received).toBe(7);
    expect(result.stored).toBe(1);
    expect(result.rejected.map((r: any) => [r.index, r.reason])).toEqual([
      [3, 'entity component:default/ghost is not in the catalog'],
      [4, 'value -5 is negative'],
      [5, "value 'lots' is not a number"],
      [6, expect.stringMatching(/^metric 'Bad Name' is not a metric name/)],
      [7, expect.stringMatching(/^date 2999-01-01 is in the future/)],
      [8, 'the row has 2 fields; the header has more'],
    ]);
    expect((await run([...args, '--strict'])).code).toBe(1);
  });

  it('exits 2 with one JSON error when the file cannot be imported', async () => {
    const missing = await run([
      path.join(dir, 'no-value.csv'),
      '--db',
      db,
      '--json',
    ]);
    expect(missing.exited).toBe('exit 2');
    expect(JSON.parse(missing.out[0]).error).toMatch(
      /the header has no column value/,
    );
    const absent = await run([
      path.join(dir, 'absent.csv'),
      '--db',
      db,
      '--json',
    ]);
    expect(absent.exited).toBe('exit 2');
    expect(JSON.parse(absent.out[0]).error).toMatch(/no such file/);
  });

  it('says when entities were not checked', async () => {
    const res = await run([path.join(dir, 'good.csv'), '--db', db, '--json']);
    expect(JSON.parse(res.out[0]).entitiesChecked).toBe(false);
  });
});
