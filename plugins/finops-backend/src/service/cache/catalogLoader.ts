import type { Entity } from '@backstage/catalog-model';
import { Clock, systemClock } from '@costwise/plugin-finops-engine';

const KINDS_BENCHMARKED = new Set([
  'component',
  'resource',
  'system',
  'domain',
  'api',
  'group',
]);

/**
 * The catalog entities, read at most every `maxAgeMs` (a request should
 * not read the whole catalog every time); a failed read is retried on the
 * next call.
 */
export function catalogSnapshot(
  load: () => Promise<Entity[]>,
  maxAgeMs = 60_000,
  clock: Clock = systemClock,
): () => Promise<Entity[]> {
  let cached: { at: number; entities: Promise<Entity[]> } | undefined;
  return () => {
    const now = clock.now().getTime();
    if (!cached || now - cached.at > maxAgeMs) {
      const entry = { at: now, entities: load() };
      cached = entry;
      entry.entities.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.entities;
  };
}

/**
 * The catalog entities cohorts are drawn from, read at most every
 * `maxAgeMs` (a benchmark request should not read the whole catalog every
 * time), without the kinds that carry no cost of their own (users,
 * locations, templates).
 */
export function catalogLoader(
  load: () => Promise<Entity[]>,
  maxAgeMs = 60_000,
  clock: Clock = systemClock,
): () => Promise<Entity[]> {
  return catalogSnapshot(
    () =>
      load().then(all =>
        all.filter(e => KINDS_BENCHMARKED.has(e.kind.toLowerCase())),
      ),
    maxAgeMs,
    clock,
  );
}
