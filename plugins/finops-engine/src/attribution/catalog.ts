/**
 * Compiles the catalog (and the administrators' override rules) into the
 * indexes the matcher uses, collecting a warning for every annotation or
 * rule it has to ignore.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ACCOUNTS,
  ANNOTATION_AWS_COST_INSIGHTS_TAGS,
  ANNOTATION_COST_VISIBILITY,
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_LLM,
  ANNOTATION_RESOURCE_IDS,
  ANNOTATION_SHARED_COST,
  ANNOTATION_TAGS,
  AnnotationWarning,
} from '@costwise/plugin-finops-common';
import { DEFAULT_INFERENCE_TAG_KEYS } from '../config/config';
import {
  budgetAnnotationOf,
  LlmId,
  parseIdPatterns,
  parseKubernetes,
  parseLlmIds,
  parseSharedCost,
  parseTagSelectors,
  SharedCostPolicy,
} from './annotations';
import { Candidate, candidate, RuleSource } from './candidates';
import { ClaimGuard } from './claims';
import { InferenceIndex } from './inference';
import { KubernetesIndex } from './kubernetesIndex';
import { canonicalTagKey, KeyAliases, keyAliases } from './normalize';
import { compileOverride, OverrideIndex } from './overrides';
import { IdPattern, PatternIndex, patternSpecificity } from './patterns';
import { EntityRelations, readRelations } from './relations';
import { TagIndex } from './tagIndex';
import type { AttributionConfig, AttributionOverride } from './types';

/** Kinds whose names inference compares; people and teams are not workloads. */
const INFERRED_KINDS = new Set(['component', 'resource', 'api', 'system']);

/** A resource-id rule with its specificity, computed once. */
export interface IdRule {
  rule: RuleSource;
  specificity: number[];
  /** For an exact id: the candidate of a fact spelling the id as the annotation does. */
  exact?: Candidate;
}

function idRule(rule: RuleSource, pattern: IdPattern): IdRule {
  const specificity = [...patternSpecificity(pattern), 0, 0];
  return {
    rule,
    specificity,
    exact: pattern.exact
      ? candidate(rule, specificity, { resourceId: pattern.text })
      : undefined,
  };
}

/** The catalog, ready for matching. */
export interface CompiledCatalog {
  relations: Map<string, EntityRelations>;
  aliases: KeyAliases;
  inferenceKeys: Set<string>;
  minConfidence: number;
  overrides: OverrideIndex;
  /** Rejected claims: override rules whose entity may not take what they match. */
  denials: OverrideIndex;
  /** Which claims are held as contested. */
  guard: ClaimGuard;
  resourceIds: PatternIndex<IdRule>;
  tags: TagIndex;
  kubernetes: KubernetesIndex;
  llm: Map<string, Array<{ rule: RuleSource; llm: LlmId }>>;
  accounts: PatternIndex<RuleSource>;
  inference: InferenceIndex;
  shared: Map<string, SharedCostPolicy>;
  warnings: AnnotationWarning[];
}

function annotationText(
  entity: string,
  annotations: Record<string, unknown>,
  key: string,
  warnings: AnnotationWarning[],
): string | undefined {
  const value = annotations[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    warnings.push({ entity, annotation: key, message: 'must be a string' });
    return undefined;
  }
  return value;
}

function compileEntity(catalog: CompiledCatalog, entity: Entity, ref: string) {
  const { warnings } = catalog;
  const namespace = entity.metadata.namespace ?? 'default';
  const annotations = (entity.metadata.annotations ?? {}) as Record<
    string,
    unknown
  >;
  const text = (key: string) => annotationText(ref, annotations, key, warnings);
  const rule = (
    method: RuleSource['method'],
    annotation: string,
    selector: string,
  ) => ({
    entity: ref,
    method,
    annotation,
    selector,
  });
  const take = <T>(
    parsed:
      | { value: T; warnings?: AnnotationWarning[] }
      | { warning: AnnotationWarning },
  ) => {
    if ('warning' in parsed) {
      warnings.push(parsed.warning);
      return undefined;
    }
    if (parsed.warnings) warnings.push(...parsed.warnings);
    return parsed.value;
  };

  const resourceIds = text(ANNOTATION_RESOURCE_IDS);
  if (resourceIds !== undefined) {
    for (const p of take(
      parseIdPatterns(ref, ANNOTATION_RESOURCE_IDS, resourceIds),
    ) ?? []) {
      catalog.resourceIds.add(
        p,
        idRule(rule('resource-id', ANNOTATION_RESOURCE_IDS, p.text), p),
      );
    }
  }
  for (const key of [ANNOTATION_TAGS, ANNOTATION_AWS_COST_INSIGHTS_TAGS]) {
    const selectors = text(key);
    if (selectors === undefined) continue;
    for (const group of take(
      parseTagSelectors(ref, key, selectors, catalog.aliases),
    ) ?? []) {
      catalog.tags.add(rule('tags', key, group.text), group);
    }
  }
  const k8s = parseKubernetes(ref, annotations as Record<string, string>);
  warnings.push(...k8s.warnings);
  if (k8s.selector) {
    catalog.kubernetes.add(
      { entity: ref, method: 'kubernetes', selector: k8s.selector.text },
      k8s.selector,
    );
  }
  const llm = text(ANNOTATION_LLM);
  if (llm !== undefined) {
    for (const id of take(parseLlmIds(ref, ANNOTATION_LLM, llm)) ?? []) {
      const list = catalog.llm.get(id.id) ?? [];
      list.push({ rule: rule('llm', ANNOTATION_LLM, id.text), llm: id });
      catalog.llm.set(id.id, list);
    }
  }
  const accounts = text(ANNOTATION_ACCOUNTS);
  if (accounts !== undefined) {
    for (const p of take(parseIdPatterns(ref, ANNOTATION_ACCOUNTS, accounts)) ??
      []) {
      catalog.accounts.add(p, rule('accounts', ANNOTATION_ACCOUNTS, p.text));
    }
  }
  const shared = text(ANNOTATION_SHARED_COST);
  if (shared !== undefined) {
    const policy = take(
      parseSharedCost(ref, ANNOTATION_SHARED_COST, shared, namespace),
    );
    if (policy) catalog.shared.set(ref, policy);
  }
  // a budget maps no cost, but a malformed one is warned like the others
  const budget = budgetAnnotationOf(ref, entity.kind, annotations);
  if (budget) take(budget);
  if (INFERRED_KINDS.has(entity.kind.toLowerCase())) {
    const slug = annotations[ANNOTATION_GITHUB_PROJECT_SLUG];
    catalog.inference.addEntity(ref, {
      name: entity.metadata.name,
      title:
        typeof entity.metadata.title === 'string'
          ? entity.metadata.title
          : undefined,
      slug: typeof slug === 'string' ? slug : undefined,
    });
  }
}

/** Builds the indexes of every rule of the catalog and the override rules. */
export function compileCatalog(
  entities: Entity[],
  config: Partial<AttributionConfig> = {},
  overrides: AttributionOverride[] = [],
): CompiledCatalog {
  const aliases = keyAliases(config.tagKeyAliases);
  const catalog: CompiledCatalog = {
    relations: new Map(),
    aliases,
    inferenceKeys: new Set(
      (config.inferenceTagKeys ?? DEFAULT_INFERENCE_TAG_KEYS).map(k =>
        canonicalTagKey(k, aliases),
      ),
    ),
    minConfidence: config.inferenceMinConfidence ?? 0.85,
    overrides: new OverrideIndex(),
    denials: new OverrideIndex(),
    guard: new ClaimGuard(new Map(), new Map()),
    resourceIds: new PatternIndex(),
    tags: new TagIndex(),
    kubernetes: new KubernetesIndex(),
    llm: new Map(),
    accounts: new PatternIndex(),
    inference: new InferenceIndex(),
    shared: new Map(),
    warnings: [],
  };
  const restricted = new Map<string, string | undefined>();
  for (const entity of entities) {
    if (!entity?.metadata?.name || typeof entity.kind !== 'string') continue;
    const { relations, warnings } = readRelations(entity);
    if (catalog.relations.has(relations.ref)) {
      catalog.warnings.push({
        entity: relations.ref,
        annotation: 'metadata.name',
        message: 'defined more than once; the first definition is used',
      });
      continue;
    }
    catalog.relations.set(relations.ref, relations);
    catalog.warnings.push(...warnings);
    compileEntity(catalog, entity, relations.ref);
    const visibility =
      entity.metadata.annotations?.[ANNOTATION_COST_VISIBILITY];
    if (typeof visibility === 'string' && visibility.trim() === 'owners')
      restricted.set(relations.ref, relations.owner);
  }
  for (const override of overrides) {
    const compiled = compileOverride(override, aliases);
    if ('warning' in compiled) catalog.warnings.push(compiled.warning);
    else if (override.effect === 'deny') catalog.denials.add(compiled.value);
    else catalog.overrides.add(compiled.value);
  }
  catalog.guard = new ClaimGuard(
    catalog.relations,
    restricted,
    config.accountOwners,
  );
  return catalog;
}
