/**
 * Matches one fact group against the compiled catalog, level by level in
 * order of precedence; the first level with a match decides.
 */
import type { AttributionSignalLevel } from '@costwise/plugin-finops-node';
import type { CompiledCatalog } from './catalog';
import { Candidate, candidate, mostSpecific } from './candidates';
import type { FactName } from './inference';
import {
  canonicalTagKey,
  compactName,
  lastSegment,
  normalizeTags,
  normalizeTagText,
} from './normalize';
import { patternSpecificity } from './patterns';
import type { SignalSet } from './signals';
import type { AttributionGroup } from './types';

/** What matching decided for a fact group. */
export type MatchOutcome =
  /** One winner, or several on a true tie. */
  | { kind: 'attributed'; winners: Candidate[] }
  /** Weak inferred candidates, best first. */
  | { kind: 'suggested'; candidates: Candidate[] }
  | { kind: 'none' };

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
  const fields: Array<[string, string | undefined]> = [
    ['subAccountId', group.subAccountId],
    ['resourceId', group.resourceId],
  ];
  for (const [field, value] of fields) {
    if (!value) continue;
    for (const { rule, llm } of catalog.llm.get(value.toLowerCase()) ?? []) {
      provider ??= compactName(`${group.provider} ${group.serviceName}`);
      // the provider prefix keeps an OpenAI project id from matching another vendor's id
      if (provider.includes(llm.provider)) {
        out.push(
          candidate(rule, [1], { [field]: value, provider: group.provider }),
        );
      }
    }
  }
  return out;
}

function accountLevel(
  catalog: CompiledCatalog,
  group: AttributionGroup,
): Candidate[] {
  if (catalog.accounts.size === 0) return [];
  const out: Candidate[] = [];
  const values: Array<[string, string | undefined, number]> = [
    ['subAccountId', group.subAccountId, 1],
    // an Azure subscription path also matches its bare subscription id
    [
      'subAccountId',
      group.subAccountId?.includes('/')
        ? lastSegment(group.subAccountId)
        : undefined,
      1,
    ],
    ['billingAccountId', group.billingAccountId, 0],
  ];
  for (const [field, value, rank] of values) {
    if (!value) continue;
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

function inferenceLevel(
  catalog: CompiledCatalog,
  group: AttributionGroup,
  signals: SignalSet | undefined,
): MatchOutcome {
  const found = withSignals(
    signals,
    'inference',
    group,
    catalog.inference.size === 0
      ? []
      : catalog.inference.match(factNames(catalog, group)),
  );
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
  let found = withSignals(
    s,
    'resource-id',
    group,
    resourceLevel(catalog, group, tags),
  );
  if (found.length === 0)
    found = withSignals(s, 'tags', group, catalog.tags.match(tags()));
  if (found.length === 0)
    found = withSignals(
      s,
      'kubernetes',
      group,
      catalog.kubernetes.match(tags()),
    );
  if (found.length === 0)
    found = withSignals(s, 'llm', group, llmLevel(catalog, group));
  if (found.length === 0)
    found = withSignals(s, 'accounts', group, accountLevel(catalog, group));
  if (found.length > 0)
    return { kind: 'attributed', winners: mostSpecific(found) };
  return inferenceLevel(catalog, group, s);
}
