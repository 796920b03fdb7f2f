/**
 * A copy of a string that does not keep alive the larger string it may be a
 * slice of: CSV fields are slices of a whole decoded chunk, and a string kept
 * for the run (a cache key, a fact group) would otherwise pin that chunk.
 */
export function detach<T extends string | undefined>(value: T): T {
  if (value === undefined || value.length < 13) return value;
  // A JSON round trip copies any string exactly, lone surrogates included.
  return JSON.parse(JSON.stringify(value)) as T;
}
