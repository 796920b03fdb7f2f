/**
 * Inference: for facts no rule claimed, compare names found on the fact (tag
 * values of configured keys, the resource name, the last segment of the
 * resource id) with entity names, titles and repository names, after
 * normalization (`BrightLensMatrix` ~ `bright-lens-matrix`).
 */
import { ANNOTATION_GITHUB_PROJECT_SLUG } from '@costwise/plugin-finops-common';
import { Candidate, candidate, RuleSource } from './candidates';
import { nameTokens } from './normalize';

/** An exact normalized match. */
export const EXACT_CONFIDENCE = 0.9;
/** The entity's name starts or ends the fact's name, token by token (`search-gateway-prod`). */
export const AFFIX_CONFIDENCE = 0.75;
/** All tokens of the shorter name appear in the longer one. */
export const SUBSET_CONFIDENCE = 0.6;
/** Beyond this many weak candidates a name is too generic to suggest anything. */
const MAX_WEAK_CANDIDATES = 5;
/** Shorter names than this (joined tokens) only ever match exactly. */
const MIN_WEAK_LENGTH = 4;
/** A fact name whose rarest token more entity names share than this is too generic. */
const MAX_SCANNED = 200;

/** A name on the fact side and where it came from, for evidence. */
export interface FactName {
  /** e.g. `tag:application`, `resourceName`, `resourceId`. */
  source: string;
  value: string;
}

interface NameRule {
  rule: RuleSource;
  tokens: string[];
  key: string;
}

function isAffix(short: string[], long: string[]): boolean {
  const head = short.every((t, i) => long[i] === t);
  if (head) return true;
  const offset = long.length - short.length;
  return short.every((t, i) => long[offset + i] === t);
}

function weakConfidence(a: string[], b: string[]): number | undefined {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === long.length || short.join('').length < MIN_WEAK_LENGTH) {
    return undefined;
  }
  if (isAffix(short, long)) return AFFIX_CONFIDENCE;
  const set = new Set(long);
  return short.every(t => set.has(t)) ? SUBSET_CONFIDENCE : undefined;
}

/** Entity names by normalized form and by token, for exact and weak lookups. */
export class InferenceIndex {
  private readonly exact = new Map<string, NameRule[]>();
  private readonly byToken = new Map<string, NameRule[]>();
  private readonly cache = new Map<
    string,
    Array<{ rule: NameRule; confidence: number }>
  >();
  private byAnchor?: Map<string, NameRule[]>;
  private readonly byName = new Map<string, Candidate[]>();

  get size(): number {
    return this.exact.size;
  }

  /** Registers the names of an entity: name, title and repository. */
  addEntity(
    entity: string,
    names: { name: string; title?: string; slug?: string },
  ) {
    const add = (
      value: string | undefined,
      selector: string,
      annotation?: string,
    ) => {
      const tokens = value ? nameTokens(value) : [];
      if (tokens.length === 0) return;
      const key = tokens.join('-');
      const rule: RuleSource = { entity, method: 'inference', selector };
      if (annotation) rule.annotation = annotation;
      const nameRule = { rule, tokens, key };
      this.byAnchor = undefined;
      this.cache.clear();
      this.byName.clear();
      const list = this.exact.get(key);
      if (list?.some(r => r.rule.entity === entity)) return;
      if (list) list.push(nameRule);
      else this.exact.set(key, [nameRule]);
      for (const token of new Set(tokens)) {
        const byToken = this.byToken.get(token);
        if (byToken) byToken.push(nameRule);
        else this.byToken.set(token, [nameRule]);
      }
    };
    add(names.name, `metadata.name: ${names.name}`);
    add(names.title, `metadata.title: ${names.title}`);
    const repo = names.slug?.split('/').filter(Boolean).pop();
    add(
      repo,
      `${ANNOTATION_GITHUB_PROJECT_SLUG}: ${names.slug}`,
      ANNOTATION_GITHUB_PROJECT_SLUG,
    );
  }

  /** Each name under its rarest token: a name inside a fact's name has that token in it. */
  private anchors() {
    if (this.byAnchor) return this.byAnchor;
    const byAnchor = new Map<string, NameRule[]>();
    for (const rules of this.exact.values()) {
      for (const rule of rules) {
        let anchor = rule.tokens[0];
        for (const t of rule.tokens) {
          if (this.byToken.get(t)!.length < this.byToken.get(anchor)!.length) {
            anchor = t;
          }
        }
        const list = byAnchor.get(anchor);
        if (list) list.push(rule);
        else byAnchor.set(anchor, [rule]);
      }
    }
    this.byAnchor = byAnchor;
    return byAnchor;
  }

  private weak(tokens: string[]) {
    const found: Array<{ rule: NameRule; confidence: number }> = [];
    const seen = new Set<NameRule>();
    const consider = (rule: NameRule) => {
      if (seen.has(rule)) return;
      seen.add(rule);
      const confidence = weakConfidence(tokens, rule.tokens);
      if (confidence !== undefined) found.push({ rule, confidence });
    };
    // names shorter than the fact's: anchored on one of the fact's tokens
    const anchors = this.anchors();
    for (const token of new Set(tokens)) {
      for (const rule of anchors.get(token) ?? []) consider(rule);
    }
    // names longer than the fact's: they contain its rarest token
    let rarest: NameRule[] | undefined;
    for (const token of tokens) {
      const list = this.byToken.get(token) ?? [];
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    if (rarest && rarest.length <= MAX_SCANNED) rarest.forEach(consider);
    return found.length <= MAX_WEAK_CANDIDATES ? found : [];
  }

  private lookup(tokens: string[]) {
    const key = tokens.join('-');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const exact = this.exact.get(key);
    const found = exact
      ? exact.map(rule => ({ rule, confidence: EXACT_CONFIDENCE }))
      : this.weak(tokens);
    // facts repeat the same names; bound the cache rather than grow it forever
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(key, found);
    return found;
  }

  /** The candidates of one fact name; names repeat across facts, so they are cached. */
  private candidatesOf(name: FactName): Candidate[] {
    const key = `${name.source}\u0000${name.value}`;
    let found = this.byName.get(key);
    if (!found) {
      const tokens = nameTokens(name.value);
      found =
        tokens.length === 0
          ? []
          : this.lookup(tokens).map(({ rule, confidence }) =>
              candidate(
                rule.rule,
                [confidence],
                { [name.source]: name.value },
                confidence,
              ),
            );
      if (this.byName.size > 100_000) this.byName.clear();
      this.byName.set(key, found);
    }
    return found;
  }

  /** Every entity one of the names resembles, each with its best confidence. */
  match(names: FactName[]): Candidate[] {
    const best = new Map<string, Candidate>();
    for (const name of names) {
      for (const c of this.candidatesOf(name)) {
        const current = best.get(c.entity);
        if (!current || current.evidence.confidence < c.evidence.confidence) {
          best.set(c.entity, c);
        }
      }
    }
    return [...best.values()];
  }
}
