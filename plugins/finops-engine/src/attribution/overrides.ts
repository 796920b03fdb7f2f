/**
 * Administrators' override rules, matched at the resource-id level. They
 * compete with resource-id annotations on specificity (a rule naming a
 * resource beats one naming only an account); on a true tie the override
 * wins, since it is an explicit decision, often made to settle that tie.
 */
import type { AnnotationWarning } from '@costwise/plugin-finops-common';
import { Candidate, candidate, RuleSource } from './candidates';
import { canonicalTagKey, KeyAliases, normalizeTagText } from './normalize';
import {
  compilePattern,
  patternProblem,
  IdPattern,
  matchesPattern,
  PatternIndex,
  patternSpecificity,
} from './patterns';
import { normalizeEntityRef } from './relations';
import type { AttributionGroup, AttributionOverride } from './types';

/** An override ready for matching. */
export interface CompiledOverride {
  rule: RuleSource;
  account?: IdPattern;
  service?: string;
  resource?: IdPattern;
  tags: Array<[string, string]>;
}

function describe(match: AttributionOverride['match']): string {
  const parts: string[] = [];
  if (match.account) parts.push(`account=${match.account}`);
  if (match.service) parts.push(`service=${match.service}`);
  if (match.resourceIdPattern)
    parts.push(`resourceId=${match.resourceIdPattern}`);
  for (const [k, v] of Object.entries(match.tags ?? {}))
    parts.push(`tag:${k}=${v}`);
  return parts.join(', ');
}

export function compileOverride(
  override: AttributionOverride,
  aliases: KeyAliases,
): { value: CompiledOverride } | { warning: AnnotationWarning } {
  const annotation = `override:${override.id}`;
  const entity = normalizeEntityRef(override.entityRef, undefined);
  if (!entity) {
    return {
      warning: {
        entity: String(override.entityRef),
        annotation,
        message: `'${override.entityRef}' is not an entity ref with a kind`,
      },
    };
  }
  const { match } = override;
  const tags = Object.entries(match.tags ?? {}).map(
    ([k, v]) =>
      [canonicalTagKey(k, aliases), normalizeTagText(String(v))] as [
        string,
        string,
      ],
  );
  const problem = [match.account, match.resourceIdPattern]
    .map(p => (p === undefined ? undefined : patternProblem(p)))
    .find(Boolean);
  if (problem) return { warning: { entity, annotation, message: problem } };
  if (
    !match.account &&
    !match.service &&
    !match.resourceIdPattern &&
    tags.length === 0
  ) {
    return {
      warning: {
        entity,
        annotation,
        message: 'matches nothing: no condition given',
      },
    };
  }
  return {
    value: {
      rule: {
        entity,
        method: 'override',
        ruleId: override.id,
        selector: describe(match),
      },
      account: match.account ? compilePattern(match.account) : undefined,
      service: match.service ? normalizeTagText(match.service) : undefined,
      resource: match.resourceIdPattern
        ? compilePattern(match.resourceIdPattern)
        : undefined,
      tags,
    },
  };
}

/**
 * Override rules indexed by their resource pattern when they have one, so
 * that many confirmed suggestions do not mean a scan of all per fact group.
 */
export class OverrideIndex {
  private readonly byResource = new PatternIndex<CompiledOverride>();
  private readonly others: CompiledOverride[] = [];

  get size(): number {
    return this.byResource.size + this.others.length;
  }

  add(override: CompiledOverride) {
    if (override.resource) this.byResource.add(override.resource, override);
    else this.others.push(override);
  }

  /** The overrides that match a fact group, as candidates of the resource-id level. */
  match(
    group: AttributionGroup,
    tags: ReadonlyMap<string, string>,
  ): Candidate[] {
    const out: Candidate[] = [];
    if (this.size === 0) return out;
    const resourceMatches = group.resourceId
      ? this.byResource.match(group.resourceId).map(e => e.value)
      : [];
    for (const o of [...resourceMatches, ...this.others]) {
      const c = matchOne(o, group, tags);
      if (c) out.push(c);
    }
    return out;
  }
}

function matchOne(
  o: CompiledOverride,
  group: AttributionGroup,
  tags: ReadonlyMap<string, string>,
): Candidate | undefined {
  const matched: Record<string, string> = {};
  if (o.resource) matched.resourceId = group.resourceId!;
  if (o.account) {
    const account = [group.subAccountId, group.billingAccountId].find(
      a => a !== undefined && matchesPattern(o.account!, a.toLowerCase()),
    );
    if (account === undefined) return undefined;
    matched.account = account;
  }
  if (o.service) {
    if (normalizeTagText(group.serviceName) !== o.service) return undefined;
    matched.service = group.serviceName;
  }
  if (!o.tags.every(([k, v]) => tags.get(k) === v)) return undefined;
  for (const [k, v] of o.tags) matched[`tag:${k}`] = v;
  const resource = o.resource ? patternSpecificity(o.resource) : [0, 0, 0];
  const conditions = (o.account ? 1 : 0) + (o.service ? 1 : 0) + o.tags.length;
  return candidate(o.rule, [...resource, conditions, 1], matched);
}
