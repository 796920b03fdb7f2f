/**
 * Id patterns with `*` wildcards, and an index that finds every pattern
 * matching an id without scanning them all: exact ids in a map, wildcard
 * patterns by their literal prefix in a sorted array.
 */

/**
 * A parsed id pattern. Matching is case-insensitive (Azure ids are, and a
 * wrongly cased ARN in an annotation is far more likely than two resources
 * differing only in case); `*` matches any characters, `/` included.
 */
export interface IdPattern {
  text: string;
  exact: boolean;
  /** Lower-cased characters before the first `*`. */
  prefix: string;
  /** Number of non-wildcard characters. */
  literalLength: number;
  /** The lower-cased literal parts between the `*`s (wildcard patterns). */
  segments?: string[];
}

/**
 * The longest pattern accepted, in characters.
 *
 * @public
 */
export const MAX_PATTERN_LENGTH = 512;
/**
 * The most `*` a pattern may hold.
 *
 * @public
 */
export const MAX_PATTERN_STARS = 8;

/**
 * Why a pattern is refused (longer than {@link MAX_PATTERN_LENGTH}
 * characters, or more than {@link MAX_PATTERN_STARS} `*`), or undefined.
 *
 * @public
 */
export function patternProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > MAX_PATTERN_LENGTH)
    return `'${trimmed.slice(
      0,
      40,
    )}…' is longer than ${MAX_PATTERN_LENGTH} characters`;
  let stars = 0;
  for (let i = 0; i < trimmed.length; i++)
    if (trimmed.charCodeAt(i) === 42) stars++;
  if (stars > MAX_PATTERN_STARS)
    return `'${trimmed.slice(
      0,
      60,
    )}' has ${stars} wildcards; at most ${MAX_PATTERN_STARS} are allowed`;
  return undefined;
}

/**
 * Compiles an id pattern. Callers check {@link patternProblem} first; a
 * pattern beyond the limits is still matched in linear time.
 */
export function compilePattern(text: string): IdPattern {
  const lower = text.trim().toLowerCase();
  const star = lower.indexOf('*');
  if (star < 0) {
    return {
      text,
      exact: true,
      prefix: lower,
      literalLength: lower.length,
    };
  }
  const segments = lower.split('*');
  return {
    text,
    exact: false,
    prefix: segments[0],
    literalLength: segments.join('').length,
    segments,
  };
}

/**
 * Whether `id` matches the `*`-separated literal `segments`: the first is a
 * prefix, the last a suffix, and the others are found in order between them
 * (the leftmost place of each leaves the most room for the rest, so finding
 * them greedily is exact). Linear in the id's length per segment: no
 * backtracking, whatever the pattern.
 */
export function matchSegments(segments: string[], id: string): boolean {
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (id.length < first.length + last.length) return false;
  if (!id.startsWith(first) || !id.endsWith(last)) return false;
  let at = first.length;
  const end = id.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (segment.length === 0) continue;
    const found = id.indexOf(segment, at);
    if (found < 0 || found + segment.length > end) return false;
    at = found + segment.length;
  }
  return true;
}

/**
 * How specific a pattern is, compared element by element: a longer literal
 * prefix first, then an exact id over a wildcard, then more literal text.
 */
export function patternSpecificity(pattern: IdPattern): number[] {
  return [pattern.prefix.length, pattern.exact ? 1 : 0, pattern.literalLength];
}

export function matchesPattern(pattern: IdPattern, lowerId: string): boolean {
  if (pattern.exact) return pattern.prefix === lowerId;
  return matchSegments(pattern.segments!, lowerId);
}

/** A value registered under a pattern. */
export interface PatternEntry<T> {
  pattern: IdPattern;
  value: T;
}

/**
 * Finds the patterns that match an id. Wildcard prefixes are kept sorted,
 * each with a link to the longest other prefix that is a prefix of it; the
 * prefixes of an id are then the chain above the greatest prefix not after
 * it, found by binary search.
 */
export class PatternIndex<T> {
  private readonly exact = new Map<string, PatternEntry<T>[]>();
  private readonly byPrefix = new Map<string, PatternEntry<T>[]>();
  private prefixes: string[] = [];
  private parents: number[] = [];
  private built = true;

  get size(): number {
    return this.exact.size + this.byPrefix.size;
  }

  add(pattern: IdPattern, value: T) {
    const map = pattern.exact ? this.exact : this.byPrefix;
    const entries = map.get(pattern.prefix);
    if (entries) entries.push({ pattern, value });
    else map.set(pattern.prefix, [{ pattern, value }]);
    if (!pattern.exact) this.built = false;
  }

  private build() {
    this.prefixes = [...this.byPrefix.keys()].sort();
    this.parents = [];
    const stack: number[] = [];
    this.prefixes.forEach((prefix, i) => {
      while (
        stack.length > 0 &&
        !prefix.startsWith(this.prefixes[stack[stack.length - 1]])
      ) {
        stack.pop();
      }
      this.parents.push(stack.length > 0 ? stack[stack.length - 1] : -1);
      stack.push(i);
    });
    this.built = true;
  }

  /** The index of the greatest prefix that sorts at or before `id`, or -1. */
  private floor(id: string): number {
    let lo = 0;
    let hi = this.prefixes.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.prefixes[mid] <= id) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Every entry whose pattern matches the id (given in any case). */
  match(id: string): PatternEntry<T>[] {
    if (!this.built) this.build();
    const lowerId = id.toLowerCase();
    const out: PatternEntry<T>[] = [];
    const exact = this.exact.get(lowerId);
    if (exact) out.push(...exact);
    let i = this.floor(lowerId);
    while (i >= 0 && !lowerId.startsWith(this.prefixes[i])) {
      i = this.parents[i];
    }
    for (; i >= 0; i = this.parents[i]) {
      for (const entry of this.byPrefix.get(this.prefixes[i])!) {
        if (matchSegments(entry.pattern.segments!, lowerId)) out.push(entry);
      }
    }
    return out;
  }
}

/** Compares two specificity tuples element by element. */
export function compareSpecificity(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
