import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { registerRecommendationsCommands } from './recommendations';
import { runCommand } from '../__testUtils__/runCommand';

jest.setTimeout(60_000);

const FIXTURES = path.resolve(
  __dirname,
  '../../../../plugins/finops-engine/src/recommendations/formats/__fixtures__',
);

const CATALOG = `
kind: Group
metadata: { name: checkout-team }
spec: { type: team, children: [] }
---
kind: Component
metadata:
  name: checkout-api
  annotations:
    costwise.dev/resource-ids: arn:aws:ec2:eu-west-1:123456789012:instance/i-0a3f5c9e1b7d24680
spec: { type: service, owner: checkout-team }
`;

/** Runs `costwise recommendations import ...`. */
const run = (args: string[]) =>
  runCommand(registerRecommendationsCommands, [
    'recommendations',
    'import',
    ...args,
  ]);

describe('costwise recommendations import', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-cli-recs-'));
    db = path.join(dir, 'costs.sqlite');
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), CATALOG);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('prints the contract: accepted, rejected rows with lines, each recommendation with its owner and exact saving', async () => {
    const args = [
      path.join(FIXTURES, 'aws-coh-export.csv'),
      '--db',
      db,
      '--catalog',
      path.join(dir, 'catalog-info.yaml'),
      '--json',
    ];
    const first = await run(args);
    expect(first.exited).toBeUndefined();
    expect(first.code).toBe(0);
    expect(first.out).toHaveLength(1);
    const result = JSON.parse(first.out[0]);
    expect(Object.keys(result).sort()).toEqual([
      'accepted',
      'recommendations',
      'rejected',
    ]);
    expect(result.accepted).toBe(result.recommendations.length);
    expect(result.rejected.length).toBeGreaterThan(0);
    expect(result.rejected[0]).toEqual({
      line: expect.any(Number),
      reason: expect.any(String),
    });
    const rightsize = result.recommendations.find(
      (r: any) =>
        r.resourceId ===
        'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a3f5c9e1b7d24680',
    );
    // the after-discount saving, owned by the annotated component
    expect(rightsize).toEqual({
      id: expect.stringMatching(/^rec_[0-9a-f]{20}$/),
      resourceId:
        'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a3f5c9e1b7d24680',
      owner: 'component:default/checkout-api',
      sharedWith: [],
      subcategory: 'Rightsizing',
      estimatedMonthlySavings: '98.55',
      currency: 'USD',
      status: 'open',
    });
    expect(
      result.recommendations.filter((r: any) => r.owner === null).length,
    ).toBeGreaterThan(0);

    // importing again keeps the same ids, without duplicates
    const again = JSON.parse((await run(args)).out[0]);
    expect(again.recommendations.map((r: any) => r.id).sort()).toEqual(
      result.recommendations.map((r: any) => r.id).sort(),
    );
    expect((await run([...args, '--strict'])).code).toBe(1);
  });

  it('exits 2 with a message for a file it cannot read or an unknown format', async () => {
    const missing = await run([
      path.join(dir, 'nope.csv'),
      '--db',
      db,
      '--json',
    ]);
    expect(missing.exited).toBe('exit 2');
    expect(JSON.parse(missing.out[0]).error).toMatch(/nope\.csv/);
    const wrong = await run([
      path.join(FIXTURES, 'azure-advisor.json'),
      '--format',
      'no-such-format',
      '--db',
      db,
      '--json',
    ]);
    expect(wrong.exited).toBe('exit 2');
    expect(JSON.parse(wrong.out[0]).error).toMatch(/no-such-format/);
  });
});
