import type { TagGroup } from './annotations';
import { Candidate, candidate, RuleSource } from './candidates';

interface TagRule {
  group: TagGroup;
  /** The evidence is the same for every fact a selector matches: build it once. */
  candidate: Candidate;
}

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

/**
 * Tag selectors indexed by one of their `key=value` pairs (the one fewest
 * selectors share), so a fact's tags find their candidate selectors by map
 * lookups instead of a scan over every entity.
 */
export class TagIndex {
  private readonly rules: TagRule[] = [];
  /** key → value → selectors anchored on that pair (no key strings built per fact). */
  private readonly index = new Map<string, Map<string, TagRule[]>>();
  private built = true;

  add(rule: RuleSource, group: TagGroup) {
    const matched: Record<string, string> = {};
    for (const [k, v] of group.pairs) matched[`tag:${k}`] = v;
    this.rules.push({
      group,
      candidate: candidate(rule, [group.pairs.length], matched),
    });
    this.built = false;
  }

  private build() {
    const frequency = new Map<string, number>();
    for (const { group } of this.rules) {
      for (const [k, v] of group.pairs) {
        const key = pairKey(k, v);
        frequency.set(key, (frequency.get(key) ?? 0) + 1);
      }
    }
    this.index.clear();
    for (const tagRule of this.rules) {
      let anchor = tagRule.group.pairs[0];
      let lowest = Infinity;
      for (const pair of tagRule.group.pairs) {
        const n = frequency.get(pairKey(pair[0], pair[1]))!;
        if (n < lowest) {
          lowest = n;
          anchor = pair;
        }
      }
      let byValue = this.index.get(anchor[0]);
      if (!byValue) this.index.set(anchor[0], (byValue = new Map()));
      const list = byValue.get(anchor[1]);
      if (list) list.push(tagRule);
      else byValue.set(anchor[1], [tagRule]);
    }
    this.built = true;
  }

  /** Selectors whose every pair is among the (normalized) tags; more pairs is more specific. */
  match(tags: ReadonlyMap<string, string>): Candidate[] {
    if (!this.built) this.build();
    const out: Candidate[] = [];
    if (this.index.size === 0) return out;
    for (const [k, v] of tags) {
      const rules = this.index.get(k)?.get(v);
      if (!rules) continue;
      for (const rule of rules) {
        if (rule.group.pairs.every(([pk, pv]) => tags.get(pk) === pv)) {
          out.push(rule.candidate);
        }
      }
    }
    return out;
  }
}
