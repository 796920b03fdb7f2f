/**
 * A lock that stayed held by another process for longer than the wait.
 *
 * @public
 */
export class LockUnavailableError extends Error {
  name = 'LockUnavailableError';
}

/**
 * Named locks in the database, which keep replicas from doing the same work
 * at once: a holder takes a lock for a while and renews it as long as it
 * works; a lock whose holder died lapses.
 *
 * @public
 */
export interface Locks {
  /** Takes a named lock for `ttlMs`; false when someone else holds it. */
  tryLock(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Extends a lock the holder still holds; false when it lapsed. */
  renewLock(name: string, holder: string, ttlMs: number): Promise<boolean>;
  unlock(name: string, holder: string): Promise<void>;
}

/**
 * Runs `work` holding the named lock: waits for it up to `waitMs` (polling
 * every `pollMs`), renews it every `renewMs` while `work` runs, and releases
 * it after. `work` is told whether the lock lapsed meanwhile (another holder
 * may have it then). Throws `LockUnavailableError` when the wait is over.
 *
 * @public
 */
export async function holdingLock<T>(
  locks: Locks,
  name: string,
  holder: string,
  options: { ttlMs: number; renewMs: number; waitMs: number; pollMs: number },
  work: (lapsed: () => boolean) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + options.waitMs;
  while (!(await locks.tryLock(name, holder, options.ttlMs))) {
    if (Date.now() >= deadline)
      throw new LockUnavailableError(
        `'${name}' is held by another process; waited ${Math.round(
          options.waitMs / 1000,
        )} s`,
      );
    await new Promise(resolve => setTimeout(resolve, options.pollMs));
  }
  let lapsed = false;
  let renewing: Promise<unknown> = Promise.resolve();
  const renewal = setInterval(() => {
    renewing = locks
      .renewLock(name, holder, options.ttlMs)
      .then(held => {
        if (!held) lapsed = true;
      })
      .catch(() => undefined);
  }, options.renewMs);
  renewal.unref();
  try {
    return await work(() => lapsed);
  } finally {
    clearInterval(renewal);
    await renewing;
    await locks.unlock(name, holder).catch(() => undefined);
  }
}
