import type { Entity } from '@backstage/catalog-model';
import { EntityRelations, readRelations } from '../../attribution';
import { NO_OWNER, NO_SYSTEM } from './types';

const KIND_OF_REF = /^([^:]+):/;

/**
 * Who owns what, for statements: each entity's owner and System read from
 * the catalog as attribution reads them (refs normalized, lower case), and
 * the tree of groups (`spec.parent` and `spec.children`, either side).
 *
 * - An entity's statement is its `spec.owner`'s: a Group, or a User when a
 *   user owns it (the user's ref is the statement's name; a user may be in
 *   several groups, so none is picked for them).
 * - A Group's or User's own cost (an annotation on the Group itself) is in
 *   its own statement.
 * - An entity without an owner, or one no longer in the catalog, is in the
 *   statement {@link NO_OWNER}.
 */
export class ShowbackCatalog {
  private readonly relations = new Map<string, EntityRelations>();
  private readonly childGroups = new Map<string, Set<string>>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      if (!entity?.metadata?.name || typeof entity.kind !== 'string') continue;
      const { relations } = readRelations(entity);
      if (!this.relations.has(relations.ref))
        this.relations.set(relations.ref, relations);
    }
    const link = (parent: string | undefined, child: string) => {
      if (!parent || parent === child) return;
      let set = this.childGroups.get(parent);
      if (!set) this.childGroups.set(parent, (set = new Set()));
      set.add(child);
    };
    for (const r of this.relations.values()) {
      if (r.kind !== 'group') continue;
      link(r.parent, r.ref);
      for (const child of r.children) link(r.ref, child);
    }
  }

  /** The lower-case kind of a ref. */
  static kindOf(ref: string): string {
    return KIND_OF_REF.exec(ref)?.[1]?.toLowerCase() ?? '';
  }

  /** Whether the ref is an entity of the catalog. */
  has(ref: string): boolean {
    return this.relations.has(ref);
  }

  /** The statement an entity's cost is in. */
  ownerOf(ref: string): string {
    const kind = ShowbackCatalog.kindOf(ref);
    if (kind === 'group' || kind === 'user') return ref;
    return this.relations.get(ref)?.owner ?? NO_OWNER;
  }

  /** The System an entity belongs to (a System is its own). */
  systemOf(ref: string): string {
    if (ShowbackCatalog.kindOf(ref) === 'system') return ref;
    return this.relations.get(ref)?.system ?? NO_SYSTEM;
  }

  /**
   * The groups below a group, each with the group it hangs from, parents
   * before their children, each once (a cycle in the tree stops there).
   */
  descendants(group: string): Array<{ team: string; parent: string }> {
    const out: Array<{ team: string; parent: string }> = [];
    const seen = new Set([group]);
    const queue = [group];
    while (queue.length > 0) {
      const parent = queue.shift()!;
      for (const child of [...(this.childGroups.get(parent) ?? [])].sort()) {
        if (seen.has(child)) continue;
        seen.add(child);
        out.push({ team: child, parent });
        queue.push(child);
      }
    }
    return out;
  }

  /** The refs of the catalog's entities whose statement is one of the owners'. */
  ownedBy(owners: Set<string>): string[] {
    const out = new Set<string>();
    for (const ref of this.relations.keys())
      if (owners.has(this.ownerOf(ref))) out.add(ref);
    for (const owner of owners) out.add(owner);
    return [...out].sort();
  }

  /** The refs of the catalog's entities in the System, the System included. */
  inSystem(system: string): string[] {
    const out = new Set([system]);
    for (const ref of this.relations.keys())
      if (this.systemOf(ref) === system) out.add(ref);
    return [...out].sort();
  }
}
