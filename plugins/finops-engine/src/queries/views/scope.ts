import type { Entity } from '@backstage/catalog-model';
import type { HiddenMembers } from '@costwise/plugin-finops-common';
import { entityRefOf } from '../../attribution';
import type { AttributionStore } from '../../stores';
import type { CostViewer } from './viewer';

/**
 * An entity and the members whose cost its views sum.
 *
 * @public
 */
export interface Scope {
  entity: Entity;
  ref: string;
  /** Member ref to the child it rolls up through; the entity itself included. */
  members: Map<string, string>;
  /** Members left out because the viewer may not read them. */
  hidden: number;
}

/** The message of a rollup whose members are partly hidden; undefined when none is. @public */
export function hiddenMembers(count: number): HiddenMembers | undefined {
  if (count === 0) return undefined;
  return {
    count,
    message:
      count === 1
        ? "1 member's cost is left out: you are not allowed to read it."
        : `${count} members' cost is left out: you are not allowed to read it.`,
  };
}

/**
 * The entity's members, less those the viewer may not read, and how many
 * those were.
 *
 * @public
 */
export async function visibleMembers(
  store: Pick<AttributionStore, 'members'>,
  ref: string,
  viewer: CostViewer | undefined,
): Promise<{ members: Map<string, string>; hidden: number }> {
  const members = await store.members(ref);
  let hidden = 0;
  if (viewer && members.size > 1) {
    const others = [...members.keys()].filter(r => r !== ref);
    const readable = await viewer.readable(others);
    for (const member of others) {
      if (!readable.has(member)) {
        members.delete(member);
        hidden++;
      }
    }
  }
  return { members, hidden };
}

/** The entity and the members whose cost the viewer may read. */
export async function scopeOf(
  store: Pick<AttributionStore, 'members'>,
  entity: Entity,
  viewer: CostViewer | undefined,
): Promise<Scope> {
  const ref = entityRefOf(entity);
  return { entity, ref, ...(await visibleMembers(store, ref, viewer)) };
}
