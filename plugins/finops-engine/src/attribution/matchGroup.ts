/**
 * Matches one fact group against the compiled catalog, level by level in
 * order of precedence; the first level with a match decides.
 */
import type { AttributionSignalLevel } from '@costwise/plugin-finops-node';
import type { CompiledCatalog } from './catalog';
import { Candidate, candidate, mostSpecific } from './candidates';
import type { FactName } from './inference';
import {
  accountIdsOf,
  canonicalTagKey,
  compactName,
  lastSegment,
  normalizeTags,
  normalizeTagText,
} from './normalize';
import { patternSpecificity } from './patterns';
import type { SignalSet } from './signals';
import type { HeldClaim } from './claims';
import type { AttributionGroup } from './types';

/** What matching decided for a fact group, and the claims it held. */
export type MatchOutcome = (
  | /** One winner, or several on a true tie. */
  { kind: 'attributed'; winners: Candidate[] }
  /** Weak inferred candidates, best first. */
  | { kind: 'suggested'; candidates: Candidate[] }
  | { kind: 'none' }
) & { contested?: HeldClaim[] };

const NONE: MatchOutcome = { kind: 'none' };
const MAX_SUGGESTIONS = 3;

function resourceLevel(
  catalog: CompiledCatalog,
  group: AttributionGroup,
  tags: () => ReadonlyMap<string, string>,
): Candidate[] {
  // only override rules look at tags here; most facts stop at this level
  const out =
    catalog.overrides.size > 0 ? catalog.overrides.match(group, tags()) : [];
  const id = group.resourceId;
  if (id) {
    for (const { value } of catalog.resourceIds.match(id)) {
      out.push(
        value.exact && value.exact.evidence.selector === id
          ? value.exact
          : candidate(value.rule, value.specificity, { resourceId: id }),
      );
    }
  }
  return out;
}

function llmLevel(
  catalog: CompiledCatalog,
  group: AttributionGroup,
): Candidate[] {
  if (catalog.llm.size === 0) return [];
  const out: Candidate[] = [];
  let provider: string | undefined;
  // an API key (or a resource) within a project or workspace is the more
  // specific mapping: it wins over the project's, whichever entity has it
  const fields: Array<[string, string | undefined, number]> = [
    ['subAccountId', group.subAccountId, 1],
    ['resourceId', group.resourceId, 2],
    ['x_CredentialId', credentialOf(group.tags), 2],
  ];
  for (const [field, value, rank] of fields) {
    if (!value) continue;
    for (const { rule, llm } of catalog.llm.get(value.toLowerCase()) ?? []) {
      provider ??= compactName(`${group.provider} ${group.serviceName}`);
      // the provider prefix keeps an OpenAI project id from matching another vendor's id
      if (provider.includes(llm.provider)) {
        out.push(
          candidate(rule, [rank], {
            [field]: value,
            provider: group.provider,
          }),
        );
      }
    }
  }
  return out;
}

/** The API key of LLM usage: the `x_CredentialId` tag (key trimmed, any case). */
function credentialOf(tags: Record<string, string>): string | undefined {
  for (const [key, value] of Object.entries(tags)) {
    if (key.trim().toLowerCase() !== 'x_credentialid') continue;
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) return text;
  }
  return undefined;
}

function accountLevel(
  catalog: CompiledCatalog,
  group: AttributionGroup,
): Candidate[] {
  if (catalog.accounts.size === 0) return [];
  const out: Candidate[] = [];
  // an Azure subscription path also matches its bare subscription id, as a
  // sub-account; a sub-account match ranks above a billing account match
  for (const { field, id: value } of accountIdsOf(group)) {
    const rank = field === 'subAccountId' ? 1 : 0;
    for (const { pattern, value: rule } of catalog.accounts.match(value)) {
      out.push(
        candidate(rule, [rank, ...patternSpecificity(pattern)], {
          [field]: field === 'subAccountId' ? group.subAccountId! : value,
        }),
      );
    }
  }
  return out;
}

function factNames(
  catalog: CompiledCatalog,
  group: AttributionGroup,
): FactName[] {
  const names: FactName[] = [];
  for (const [key, value] of Object.entries(group.tags)) {
    if (typeof value !== 'string' || !value.trim()) continue;
    const k = normalizeTagText(key);
    const canonical = canonicalTagKey(key, catalog.aliases);
    if (catalog.inferenceKeys.has(k) || catalog.inferenceKeys.has(canonical)) {
      names.push({ source: `tag:${k}`, value: value.trim() });
    }
  }
  if (group.resourceName)
    names.push({ source: 'resourceName', value: group.resourceName });
  const segment = group.resourceId ? lastSegment(group.resourceId) : undefined;
  if (segment && segment !== group.resourceName) {
    names.push({ source: 'resourceId', value: segment });
  }
  return names;
}

/** A level's built-in candidates, with its signals' when there are any. */
function withSignals(
  signals: SignalSet | undefined,
  level: AttributionSignalLevel,
  group: AttributionGroup,
  builtIn: Candidate[],
): Candidate[] {
  return signals?.at(level) ? signals.extend(level, group, builtIn) : builtIn;
}

function inferenceCandidates(
  catalog: CompiledCatalog,
  group: AttributionGroup,
  signals: SignalSet | undefined,
): Candidate[] {
  return withSignals(
    signals,
    'inference',
    group,
    catalog.inference.size === 0
      ? []
      : catalog.inference.match(factNames(catalog, group)),
  );
}

function inferenceOutcome(
  catalog: CompiledCatalog,
  found: Candidate[],
): MatchOutcome {
  if (found.length === 0) return NONE;
  const best = mostSpecific(found);
  if (best[0].evidence.confidence >= catalog.minConfidence) {
    return { kind: 'attributed', winners: best };
  }
  const ranked = [...found].sort(
    (a, b) =>
      b.evidence.confidence - a.evidence.confidence ||
      a.entity.localeCompare(b.entity),
  );
  return { kind: 'suggested', candidates: ranked.slice(0, MAX_SUGGESTIONS) };
}

/**
 * Matches a fact group; the first precedence level with a match wins. A
 * level's signals compete with its built-in rules by specificity.
 */
export function matchGroup(
  catalog: CompiledCatalog,
  group: AttributionGroup,
  signals?: SignalSet,
): MatchOutcome {
  let normalized: Map<string, string> | undefined;
  const tags = () =>
    (normalized ??= normalizeTags(group.tags, catalog.aliases));
  const s = signals;
  const levels: Array<() => Candidate[]> = [
    () =>
      withSignals(s, 'resource-id', group, resourceLevel(catalog, group, tags)),
    () => withSignals(s, 'tags', group, catalog.tags.match(tags())),
    () => withSignals(s, 'kubernetes', group, catalog.kubernetes.match(tags())),
    () => withSignals(s, 'llm', group, llmLevel(catalog, group)),
    () => withSignals(s, 'accounts', group, accountLevel(catalog, group)),
  ];
  // rejected claims: those entities may not take this group's cost
  const denied =
    catalog.denials.size > 0
      ? new Set(catalog.denials.match(group, tags()).map(c => c.entity))
      : undefined;
  const allowed = (found: Candidate[]) =>
    denied?.size ? found.filter(c => !denied.has(c.entity)) : found;

  if (!catalog.guard.active) {
    for (const level of levels) {
      const found = allowed(level());
      if (found.length > 0)
        return { kind: 'attributed', winners: mostSpecific(found) };
    }
    return inferenceOutcome(
      catalog,
      allowed(inferenceCandidates(catalog, group, s)),
    );
  }

  // every level at once, so that a restricted entity's match at any level counts
  const perLevel = [
    ...levels.map(level => allowed(level())),
    allowed(inferenceCandidates(catalog, group, s)),
  ];
  const { held } = catalog.guard.review(group, perLevel.flat());
  // a held claim is reported when it would have mattered: at or above the
  // level that decided, and not by an entity that gets the cost anyway
  const contestedFrom = (decided: number, winners: Candidate[]) => {
    const out: HeldClaim[] = [];
    perLevel.forEach((found, level) => {
      if (level > decided) return;
      for (const c of found) {
        const claim = held.get(c);
        if (claim && !winners.some(w => w.entity === c.entity)) out.push(claim);
      }
    });
    return out.length > 0 ? out : undefined;
  };
  const stands = (found: Candidate[]) => found.filter(c => !held.has(c));
  for (let level = 0; level < levels.length; level++) {
    const kept = stands(perLevel[level]);
    if (kept.length > 0) {
      const winners = mostSpecific(kept);
      return {
        kind: 'attributed',
        winners,
        contested: contestedFrom(level, winners),
      };
    }
  }
  const outcome = inferenceOutcome(catalog, stands(perLevel[levels.length]));
  return {
    ...outcome,
    contested: contestedFrom(
      levels.length,
      outcome.kind === 'attributed' ? outcome.winners : [],
    ),
  };
}
