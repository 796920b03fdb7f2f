import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import type { CostRecord } from '@costwise/plugin-finops-node';
import { createFileSourceType } from './fileSources';

const CSV = [
  'BillingAccountId,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName',
  '1,USD,2025-03-01,2025-03-02,1,1,AWS,EC2',
].join('\n');

async function files(records: AsyncIterable<CostRecord>) {
  const out: string[] = [];
  for await (const r of records)
    if (r.kind === 'file') out.push(path.basename(r.file));
  return out;
}

describe('file sources', () => {
  let dir: string;
  const now = Date.parse('2025-04-01T12:00:00Z');
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-files-'));
    const old = new Date(now - 10 * 60_000);
    for (const name of ['a.csv', 'b.csv']) {
      await fs.writeFile(path.join(dir, name), CSV);
      await fs.utimes(path.join(dir, name), old, old);
    }
    // an export being written right now
    await fs.writeFile(path.join(dir, 'c.csv'), CSV);
    await fs.utimes(
      path.join(dir, 'c.csv'),
      new Date(now - 5_000),
      new Date(now - 5_000),
    );
    // a link to a file outside the export folder
    const outside = path.join(dir, '..', `${path.basename(dir)}-secret.csv`);
    await fs.writeFile(outside, CSV);
    await fs.symlink(outside, path.join(dir, 'link.csv'));
  });
  afterEach(async () => {
    await fs.rm(`${dir}-secret.csv`, { force: true });
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('skips symbolic links and files still being written, and says why', async () => {
    const skipped: string[] = [];
    const source = createFileSourceType('focus', {
      now: () => now,
      onSkip: (file, reason) =>
        skipped.push(`${path.basename(file)}: ${reason}`),
    });
    expect(await files(source.read({ location: dir }))).toEqual([
      'a.csv',
      'b.csv',
    ]);
    expect(skipped.sort()).toEqual([
      expect.stringMatching(
        /^c\.csv: modified \d+ s ago: it may still be written/,
      ),
      'link.csv: a symbolic link, not followed',
    ]);
    // a glob, and the link named on its own, are no different
    skipped.length = 0;
    expect(
      await files(source.read({ location: path.join(dir, '*.csv') })),
    ).toEqual(['a.csv', 'b.csv']);
    // a location left with nothing to read fails, saying what was left out
    await expect(
      files(source.read({ location: path.join(dir, 'link.csv') })),
    ).rejects.toThrow(
      /link\.csv: no file to read now; 1 left out \(link\.csv: a symbolic link, not followed\)/,
    );
  });

  it('fails a location that names no file', async () => {
    const source = createFileSourceType('focus', { settleMs: 0 });
    await expect(
      files(source.read({ location: path.join(dir, '*.parquet') })),
    ).rejects.toThrow(/\*\.parquet: no file matches this pattern/);
    await fs.mkdir(path.join(dir, 'empty'));
    await expect(
      files(source.read({ location: path.join(dir, 'empty') })),
    ).rejects.toThrow(/empty: no cost files \(.*\) in this folder/);
  });

  it('reads them all when told to', async () => {
    const source = createFileSourceType('focus', {
      now: () => now,
      followSymlinks: true,
      settleMs: 0,
    });
    expect(await files(source.read({ location: dir }))).toEqual([
      'a.csv',
      'b.csv',
      'c.csv',
      'link.csv',
    ]);
  });
});
