import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import { visibleMembers, CostViewer } from '../../queries';
import type { AttributionStore } from '../../stores';
import type { CostScope } from './cube';

/**
 * The message a restricted entity's page gives, word for word: a question
 * about it gets the same refusal.
 */
export function notAllowed(ref: string): NotAllowedError {
  return new NotAllowedError(`You are not allowed to read the cost of ${ref}`);
}

/** The refusal of unattributed cost to those who are not FinOps admins. */
export function unattributedNotAllowed(): NotAllowedError {
  return new NotAllowedError(
    'You need the finops.admin permission to see the unattributed cost',
  );
}

/**
 * An entity's cost scope for the asker: refused as its page refuses it
 * when the asker may not read its cost, else the entity and the members of
 * its rollup the asker may read.
 */
export async function entityScope(
  store: Pick<AttributionStore, 'members'>,
  entities: Map<string, Entity>,
  ref: string,
  viewer: CostViewer | undefined,
): Promise<CostScope & { entity: Entity }> {
  const entity = entities.get(ref);
  if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
  if (viewer && !(await viewer.readable([ref])).has(ref)) throw notAllowed(ref);
  const { members, hidden } = await visibleMembers(store, ref, viewer);
  return { ref, entity, members, hidden };
}

/** The whole organization as a scope. */
export function organizationScope(): CostScope {
  return { ref: null, members: new Map(), hidden: 0 };
}
