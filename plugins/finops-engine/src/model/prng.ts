/**
 * Small seeded random numbers. Every value is derived from the seed and a
 * key (series, day), never from a shared sequence, so that adding a series or
 * changing the row target does not shift the numbers of every other series.
 */

/** A 32-bit FNV-1a hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny generator of floats in [0, 1) from a 32-bit state. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator seeded by the run's seed and any number of key parts. */
export function rngFor(
  seed: number,
  ...parts: Array<string | number>
): () => number {
  return mulberry32(hash32(`${seed}|${parts.join('|')}`));
}

/** A stable factor in [min, max) for a key, e.g. how big one resource is. */
export function stableFactor(
  seed: number,
  key: string,
  min: number,
  max: number,
): number {
  return min + rngFor(seed, 'size', key)() * (max - min);
}
