import { createTestDatabases } from '../../../__testUtils__/databases';
import { applyMigrations } from '../../migrations';
import { renewLock, tryLock, unlock } from './locks';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const now = new Date('2026-11-02T10:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe.each(databases.eachSupportedId())('locks on %p', databaseId => {
  async function migrated() {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    return knex;
  }

  it('gives a lock to one holder until it lapses or is released', async () => {
    const db = await migrated();
    expect(await tryLock(db, 'ingest:focus', 'a', 60_000, now)).toBe(true);
    expect(await tryLock(db, 'ingest:focus', 'b', 60_000, now)).toBe(false);
    // the holder may take it again, which extends it
    expect(await tryLock(db, 'ingest:focus', 'a', 60_000, later(30_000))).toBe(
      true,
    );
    expect(
      await renewLock(db, 'ingest:focus', 'a', 60_000, later(60_000)),
    ).toBe(true);
    // lapsed: another holder takes it over, and the old one can't renew
    expect(await tryLock(db, 'ingest:focus', 'b', 60_000, later(200_000))).toBe(
      true,
    );
    expect(
      await renewLock(db, 'ingest:focus', 'a', 60_000, later(200_000)),
    ).toBe(false);
    await unlock(db, 'ingest:focus', 'b');
    expect(await tryLock(db, 'ingest:focus', 'a', 60_000, later(200_000))).toBe(
      true,
    );
  });

  it('lets exactly one of many concurrent holders take a free lock', async () => {
    const db = await migrated();
    const holders = ['a', 'b', 'c', 'd', 'e'];
    const results = await Promise.all(
      holders.map(h => tryLock(db, 'attribution', h, 60_000, now)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const row = await db('finops_locks').where({ name: 'attribution' }).first();
    expect(row.holder).toBe(holders[results.indexOf(true)]);
  });

  it('reports a missing lock table as the error it is, not as a held lock', async () => {
    const db = await databases.init(databaseId); // no migrations
    await expect(tryLock(db, 'ingest:focus', 'a', 60_000, now)).rejects.toThrow(
      /finops_locks/,
    );
  });

  it('reports a database error other than a duplicate key as such', async () => {
    const db = await migrated();
    // a holder the column refuses (NOT NULL) fails the insert itself
    await expect(
      tryLock(db, 'ingest:focus', null as unknown as string, 60_000, now),
    ).rejects.toThrow(/null/i);
    // and nothing was taken: the lock is still free
    expect(await tryLock(db, 'ingest:focus', 'a', 60_000, now)).toBe(true);
  });
});
