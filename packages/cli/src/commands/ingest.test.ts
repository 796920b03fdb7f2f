import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Command } from 'commander';
import { registerIngestCommands } from './ingest';

jest.setTimeout(60_000);

const HEADER =
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId';
const row = (cost: string, resource: string) =>
  `1,USD,2025-03-01,2025-03-02,2025-03-03,${cost},${cost},AWS,S3,${resource}`;

/** Runs `costwise ingest` and returns its JSON output and exit code. */
async function ingest(args: string[]) {
  const out: string[] = [];
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(chunk => {
      out.push(String(chunk));
      return true;
    });
  const err = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation(() => true);
  process.exitCode = undefined;
  try {
    const program = new Command().exitOverride();
    registerIngestCommands(program);
    await program.parseAsync(['ingest', ...args, '--json'], { from: 'user' });
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { json: JSON.parse(out.join('')), code };
}

describe('costwise ingest', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-cli-ingest-'));
    db = path.join(dir, 'costs.sqlite');
    await fs.writeFile(
      path.join(dir, 'full.csv'),
      [HEADER, row('70', 'a'), row('30', 'b')].join('\n'),
    );
    await fs.writeFile(
      path.join(dir, 'half.csv'),
      [HEADER, row('30', 'b')].join('\n'),
    );
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('refuses with exit code 1 to shrink a stored month by more than half, naming it and both totals, unless --allow-shrink', async () => {
    const first = await ingest([path.join(dir, 'full.csv'), '--db', db]);
    expect(first.code).toBe(0);
    expect(first.json.totals.USD.BilledCost).toBe('100');

    const refused = await ingest([path.join(dir, 'half.csv'), '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.json.error).toMatch(
      /2025-03 USD: BilledCost would drop from 100 to 30 \(70%\).*--allow-shrink/,
    );

    const allowed = await ingest([
      path.join(dir, 'half.csv'),
      '--db',
      db,
      '--allow-shrink',
    ]);
    expect(allowed.code).toBe(0);
    expect(allowed.json.storedTotals.USD.BilledCost).toBe('30');
  });
});
