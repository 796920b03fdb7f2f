import type { Knex } from 'knex';

/** A unique-key violation: another holder inserted the lock first. */
function isDuplicateKey(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed|duplicate key/i.test(e?.message ?? '')
  );
}

/**
 * Takes the named lock until `now + ttlMs` (a lapsed lock is taken over);
 * false when another holder has it. Errors other than losing the race for
 * the lock are thrown, not mistaken for a held lock.
 */
export async function tryLock(
  db: Knex,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date,
): Promise<boolean> {
  try {
    return await db.transaction(async tx => {
      await tx('finops_locks')
        .where({ name })
        .andWhere('expires_at', '<', now.toISOString())
        .delete();
      const existing = await tx('finops_locks').where({ name }).first();
      if (existing && existing.holder !== holder) return false;
      if (existing) {
        await tx('finops_locks')
          .where({ name })
          .update({
            expires_at: new Date(now.getTime() + ttlMs).toISOString(),
          });
      } else {
        await tx('finops_locks').insert({
          name,
          holder,
          expires_at: new Date(now.getTime() + ttlMs).toISOString(),
        });
      }
      return true;
    });
  } catch (error) {
    if (isDuplicateKey(error)) return false; // a concurrent insert won the race
    throw error;
  }
}

/** Extends a lock the holder still holds; false when it lapsed. */
export async function renewLock(
  db: Knex,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date,
): Promise<boolean> {
  const updated = await db('finops_locks')
    .where({ name, holder })
    .andWhere('expires_at', '>=', now.toISOString())
    .update({ expires_at: new Date(now.getTime() + ttlMs).toISOString() });
  return Number(updated) > 0;
}

/** Releases a lock the holder holds. */
export async function unlock(db: Knex, name: string, holder: string) {
  await db('finops_locks').where({ name, holder }).delete();
}
