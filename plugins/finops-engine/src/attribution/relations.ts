/**
 * Relations of entities read from raw entity YAML, with refs normalized as
 * the catalog does (`component:default/x`, the entity's own namespace as the
 * default, a default kind per field), so the engine can work without a live
 * catalog.
 */
import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import type { AnnotationWarning } from '@costwise/plugin-finops-common';
import { normalizeEntityRef } from '../model/entityRefs';

export { normalizeEntityRef };

/**
 * The ref of an entity itself, in lower case.
 *
 * @public
 */
export function entityRefOf(entity: Entity): string {
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  return `${entity.kind}:${namespace}/${entity.metadata.name}`.toLowerCase();
}

/**
 * The relations attribution and rollups use.
 *
 * @public
 */
export interface EntityRelations {
  ref: string;
  /** Lower-case kind. */
  kind: string;
  owner?: string;
  /** `spec.system` of a Component, API or Resource (its `partOf`). */
  system?: string;
  /** `spec.domain` of a System. */
  domain?: string;
  dependsOn: string[];
  /** Group `spec.parent`. */
  parent?: string;
  /** Group `spec.children`. */
  children: string[];
}

function spec(entity: Entity): Record<string, unknown> {
  return (entity.spec ?? {}) as Record<string, unknown>;
}

/**
 * Reads an entity's relations; unusable refs become warnings.
 *
 * @public
 */
export function readRelations(entity: Entity): {
  relations: EntityRelations;
  warnings: AnnotationWarning[];
} {
  const ref = entityRefOf(entity);
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const kind = entity.kind.toLowerCase();
  const s = spec(entity);
  const warnings: AnnotationWarning[] = [];
  const one = (field: string, defaultKind: string | undefined) => {
    const value = s[field];
    if (value === undefined || value === null) return undefined;
    const normalized =
      typeof value === 'string'
        ? normalizeEntityRef(value, defaultKind, namespace)
        : undefined;
    if (!normalized) {
      warnings.push({
        entity: ref,
        annotation: `spec.${field}`,
        message: `'${String(value)}' is not an entity ref`,
      });
    }
    return normalized;
  };
  const many = (field: string, defaultKind: string | undefined) => {
    const value = s[field];
    if (value === undefined || value === null) return [];
    const items = Array.isArray(value) ? value : [value];
    const refs: string[] = [];
    for (const item of items) {
      const normalized =
        typeof item === 'string'
          ? normalizeEntityRef(item, defaultKind, namespace)
          : undefined;
      if (normalized) refs.push(normalized);
      else {
        warnings.push({
          entity: ref,
          annotation: `spec.${field}`,
          message: `'${String(item)}' is not an entity ref${
            defaultKind ? '' : ' with a kind'
          }`,
        });
      }
    }
    return refs;
  };
  const relations: EntityRelations = {
    ref,
    kind,
    owner: one('owner', 'group'),
    system: kind === 'system' ? undefined : one('system', 'system'),
    domain: kind === 'system' ? one('domain', 'domain') : undefined,
    dependsOn: many('dependsOn', undefined),
    parent: kind === 'group' ? one('parent', 'group') : undefined,
    children: kind === 'group' ? many('children', 'group') : [],
  };
  return { relations, warnings };
}
