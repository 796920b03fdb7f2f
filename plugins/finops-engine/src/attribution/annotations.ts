/**
 * Tolerant parsers of the cost-mapping annotations. Each returns the parsed
 * value or a warning for the entity; none throws, so one bad annotation never
 * stops the attribution of others.
 */
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  AnnotationWarning,
  Decimal,
} from '@costwise/plugin-finops-common';
import { compilePattern, IdPattern, patternProblem } from './patterns';
import { canonicalTagKey, KeyAliases, normalizeTagText } from './normalize';
import { normalizeEntityRef } from './relations';
import { listItems, Parsed, warn } from './parsed';

export { budgetAnnotationOf, parseBudget } from './budgetAnnotation';
export type { BudgetAnnotation } from './budgetAnnotation';

/** `costwise.dev/resource-ids` and `costwise.dev/accounts`: ids with `*` wildcards. */
export function parseIdPatterns(
  entity: string,
  annotation: string,
  text: string,
): Parsed<IdPattern[]> {
  const items = listItems(text);
  if (items.length === 0) return warn(entity, annotation, 'no ids given');
  const spaced = items.find(item => /\s/.test(item));
  if (spaced) {
    return warn(
      entity,
      annotation,
      `'${spaced}' contains whitespace; separate ids with commas or newlines`,
    );
  }
  const bare = items.find(item => /^\*+$/.test(item));
  if (bare) {
    return warn(
      entity,
      annotation,
      `'${bare}' would match everything; give a literal part`,
    );
  }
  // a pattern beyond the limits is left out; the rest of the annotation applies
  const warnings: AnnotationWarning[] = [];
  const kept = items.filter(item => {
    const problem = patternProblem(item);
    if (problem)
      warnings.push({
        entity,
        annotation,
        message: `${problem}; this id is ignored`,
      });
    return !problem;
  });
  if (kept.length === 0) return { warning: warnings[0] };
  const value = kept.map(compilePattern);
  return warnings.length ? { value, warnings } : { value };
}

/** One AND-group of a tag selector: every `key=value` pair must match. */
export interface TagGroup {
  /** Canonical keys and normalized values. */
  pairs: Array<[string, string]>;
  /** The group as written, for evidence. */
  text: string;
}

/**
 * Tag selectors: `k=v,k=v` AND-groups separated by `;` or newlines (OR), as
 * in `costwise.dev/tags` and `aws.amazon.com/cost-insights-tags`.
 */
export function parseTagSelectors(
  entity: string,
  annotation: string,
  text: string,
  aliases: KeyAliases,
): Parsed<TagGroup[]> {
  const groups: TagGroup[] = [];
  for (const rawGroup of text.split(/[;\n]/)) {
    const groupText = rawGroup.trim();
    if (!groupText) continue;
    const pairs = new Map<string, string>();
    for (const rawPair of groupText.split(',')) {
      const pair = rawPair.trim();
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq < 0) {
        return warn(entity, annotation, `'${pair}' is not key=value`);
      }
      const key = canonicalTagKey(pair.slice(0, eq), aliases);
      const value = normalizeTagText(pair.slice(eq + 1));
      if (!key || !value) {
        return warn(entity, annotation, `'${pair}' has an empty key or value`);
      }
      if (pairs.has(key) && pairs.get(key) !== value) {
        return warn(
          entity,
          annotation,
          `'${groupText}' asks for two values of '${key}', which no tag can have`,
        );
      }
      pairs.set(key, value);
    }
    if (pairs.size > 0) groups.push({ pairs: [...pairs], text: groupText });
  }
  if (groups.length === 0)
    return warn(entity, annotation, 'no key=value pairs');
  return { value: groups };
}

/** An LLM provider project, workspace or API key id. */
export interface LlmId {
  /** Provider name reduced to letters and digits, e.g. `openai`. */
  provider: string;
  id: string;
  text: string;
}

/** `costwise.dev/llm`: `provider:id` items, e.g. `openai:proj_abc`. */
export function parseLlmIds(
  entity: string,
  annotation: string,
  text: string,
): Parsed<LlmId[]> {
  const items = listItems(text);
  if (items.length === 0) return warn(entity, annotation, 'no ids given');
  const ids: LlmId[] = [];
  for (const item of items) {
    const match = /^([A-Za-z][\w .-]*?)\s*:\s*(\S+)$/.exec(item);
    if (!match) {
      return warn(
        entity,
        annotation,
        `'${item}' is not provider:id (e.g. openai:proj_abc, anthropic:wrkspc_01)`,
      );
    }
    ids.push({
      provider: match[1].toLowerCase().replace(/[^a-z0-9]+/g, ''),
      id: match[2].toLowerCase(),
      text: item,
    });
  }
  return { value: ids };
}

/** How a shared Resource passes its cost on to the entities that depend on it. */
export type SharedCostPolicy =
  | { kind: 'even'; text: string }
  | { kind: 'proportional'; text: string }
  | {
      kind: 'weights';
      text: string;
      weights: Array<{ entity: string; weight: Decimal }>;
    };

const SHARED_COST_FORMS =
  "expected 'even', 'proportional' or 'weights: component:default/a=60, component:default/b=40'";

/** `costwise.dev/shared-cost`. Weight refs default to kind Component. */
export function parseSharedCost(
  entity: string,
  annotation: string,
  text: string,
  namespace: string,
): Parsed<SharedCostPolicy> {
  const trimmed = text.trim();
  const keyword = trimmed.toLowerCase();
  if (keyword === 'even' || keyword === 'proportional') {
    return { value: { kind: keyword, text: trimmed } };
  }
  const match = /^weights\s*:(.*)$/is.exec(trimmed);
  if (!match) {
    return warn(
      entity,
      annotation,
      `'${trimmed}' is not a policy: ${SHARED_COST_FORMS}`,
    );
  }
  const weights: Array<{ entity: string; weight: Decimal }> = [];
  for (const item of listItems(match[1])) {
    const eq = item.lastIndexOf('=');
    const ref =
      eq > 0
        ? normalizeEntityRef(item.slice(0, eq), 'component', namespace)
        : undefined;
    const weight = eq > 0 ? Decimal.tryParse(item.slice(eq + 1)) : undefined;
    if (!ref || !weight || weight.isNegative()) {
      return warn(
        entity,
        annotation,
        `'${item}' is not entity-ref=weight with a non-negative number`,
      );
    }
    if (weights.some(w => w.entity === ref)) {
      return warn(entity, annotation, `'${ref}' is weighted twice`);
    }
    weights.push({ entity: ref, weight });
  }
  if (weights.length === 0 || weights.every(w => w.weight.isZero())) {
    return warn(
      entity,
      annotation,
      'weights must name at least one entity with a positive weight',
    );
  }
  return { value: { kind: 'weights', text: trimmed, weights } };
}

/** One condition of a Kubernetes selector. */
export interface KubernetesCondition {
  kind: 'id' | 'namespace' | 'label';
  /** The label key, in canonical form (see `kubernetesKey`). */
  key?: string;
  value: string;
}

/** Every condition must hold for a fact to match. */
export interface KubernetesSelector {
  conditions: KubernetesCondition[];
  text: string;
}

/**
 * Label and tag keys differ between exporters (`kubernetes_namespace`,
 * `k8s-namespace`, `label_app`, `label:app`): reduce them to one form.
 */
export function kubernetesKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/^labels?[:._/-]/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^k8s_/, 'kubernetes_');
}

const K8S_TOKEN = /^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/;

/** The Backstage Kubernetes annotations of an entity, as one selector. */
export function parseKubernetes(
  entity: string,
  annotations: Record<string, string>,
): { selector?: KubernetesSelector; warnings: AnnotationWarning[] } {
  const conditions: KubernetesCondition[] = [];
  const warnings: AnnotationWarning[] = [];
  const texts: string[] = [];
  const single = (annotation: string, kind: 'id' | 'namespace') => {
    const value = annotations[annotation];
    if (value === undefined) return;
    const trimmed = String(value).trim();
    if (!K8S_TOKEN.test(trimmed)) {
      warnings.push({
        entity,
        annotation,
        message: `'${trimmed}' is not a Kubernetes name`,
      });
      return;
    }
    conditions.push({ kind, value: trimmed.toLowerCase() });
    texts.push(`${kind}=${trimmed}`);
  };
  single(ANNOTATION_KUBERNETES_ID, 'id');
  single(ANNOTATION_KUBERNETES_NAMESPACE, 'namespace');
  const selector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR];
  if (selector !== undefined) {
    const labels: KubernetesCondition[] = [];
    for (const raw of String(selector).split(',')) {
      const match = /^\s*([^\s=!]+)\s*==?\s*([^\s=!]+)\s*$/.exec(raw);
      if (!match) {
        labels.length = 0;
        warnings.push({
          entity,
          annotation: ANNOTATION_KUBERNETES_LABEL_SELECTOR,
          message: `'${raw.trim()}' is not a key=value label (set-based selectors are not supported)`,
        });
        break;
      }
      labels.push({
        kind: 'label',
        key: kubernetesKey(match[1]),
        value: match[2].toLowerCase(),
      });
    }
    if (labels.length > 0) {
      conditions.push(...labels);
      texts.push(String(selector).trim());
    }
  }
  if (conditions.length === 0) return { warnings };
  return { selector: { conditions, text: texts.join(', ') }, warnings };
}
