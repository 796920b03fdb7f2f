import { FixedClock } from '@costwise/plugin-finops-engine';
import { BoundedViewCache } from './ViewCache';

/** A store whose data version the test moves by hand. */
function versions() {
  const state = { run: 'run-1', reads: 0 };
  return {
    state,
    store: {
      allocationsVersion: async () => state.run,
      latestRunId: async () => {
        state.reads++;
        return state.run;
      },
      freshness: async () => [],
      allocationDays: async () => undefined,
    },
  };
}

describe('BoundedViewCache', () => {
  it('answers a repeated question once per data version', async () => {
    const { state, store } = versions();
    const clock = new FixedClock('2025-03-01T00:00:00Z');
    const cache = new BoundedViewCache(store, 1024 * 1024, { clock });
    let computed = 0;
    const ask = () =>
      cache.get(['summary', 'component:default/a'], async () => ++computed);
    expect(await ask()).toBe(1);
    expect(await ask()).toBe(1);

    // a new run: the version is read again once its time to live is over
    state.run = 'run-2';
    expect(await ask()).toBe(1);
    clock.advance(251);
    expect(await ask()).toBe(2);
    expect(await ask()).toBe(2);
  });

  it('reads the data version at most once per 250 ms, and at once after invalidate()', async () => {
    const { state, store } = versions();
    const clock = new FixedClock('2025-03-01T00:00:00Z');
    const cache = new BoundedViewCache(store, 1024, { clock });
    await cache.snapshot();
    await cache.snapshot();
    expect(state.reads).toBe(1);
    clock.advance(100);
    await cache.snapshot();
    expect(state.reads).toBe(1);
    cache.invalidate();
    await cache.snapshot();
    expect(state.reads).toBe(2);
  });

  it('holds at most its bound in bytes, forgetting the least recently used first', async () => {
    const { store } = versions();
    const cache = new BoundedViewCache(store, 1000, {
      clock: new FixedClock('2025-03-01T00:00:00Z'),
    });
    const answer = (n: number) => ({ n, text: 'x'.repeat(200) });
    for (let i = 0; i < 20; i++)
      await cache.get(['costs', i], async () => answer(i));
    expect(cache.size.bytes).toBeLessThanOrEqual(1000);
    expect(cache.size.entries).toBeGreaterThan(1);
    expect(cache.size.entries).toBeLessThan(20);
    // the newest is kept, the oldest computed again
    let computed = 0;
    await cache.get(['costs', 19], async () => {
      computed++;
      return answer(19);
    });
    await cache.get(['costs', 0], async () => {
      computed++;
      return answer(0);
    });
    expect(computed).toBe(1);
  });

  it('keeps no answer larger than its bound, and nothing at all with a bound of 0', async () => {
    const { store } = versions();
    const clock = new FixedClock('2025-03-01T00:00:00Z');
    const small = new BoundedViewCache(store, 100, { clock });
    await small.get(['big'], async () => 'x'.repeat(500));
    expect(small.size).toEqual({ entries: 0, bytes: 0 });
    const off = new BoundedViewCache(store, 0, { clock });
    let computed = 0;
    await off.get(['a'], async () => ++computed);
    await off.get(['a'], async () => ++computed);
    expect(computed).toBe(2);
  });

  it('keys a rollup by a hash, however many members it has', async () => {
    const { store } = versions();
    const cache = new BoundedViewCache(store, 1024 * 1024, {
      clock: new FixedClock('2025-03-01T00:00:00Z'),
    });
    const members = Array.from(
      { length: 10_000 },
      (_, i) => `component:default/c${i}`,
    );
    await cache.get(['summary', 'group:default/big', members], async () => 1);
    expect(cache.size.bytes).toBeLessThan(100);
  });
});
