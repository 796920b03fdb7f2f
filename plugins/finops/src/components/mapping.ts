import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  COST_MAPPING_ANNOTATIONS,
  ANNOTATION_TAGS,
  ANNOTATION_RESOURCE_IDS,
} from '@costwise/plugin-finops-common';

/**
 * Whether the entity carries an annotation that maps cost to it.
 *
 * @public
 */
export function isCostAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return COST_MAPPING_ANNOTATIONS.some(a => Boolean(annotations[a]?.trim()));
}

/** An annotation the user can paste into catalog-info.yaml to map cost to this entity. */
export function exampleAnnotation(entity: Entity): string {
  if (entity.kind.toLowerCase() === 'resource') {
    return `metadata:\n  annotations:\n    ${ANNOTATION_RESOURCE_IDS}: arn:aws:rds:eu-west-1:123456789012:db:${entity.metadata.name}*`;
  }
  return `metadata:\n  annotations:\n    ${ANNOTATION_TAGS}: application=${entity.metadata.name}`;
}

export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity);
}
