/**
 * Rollups through the catalog. An entity's total is the direct cost of every
 * entity in its closure, each counted once: a System's members (`spec.system`),
 * a Domain's systems, everything an owner owns (`spec.owner`, with those
 * entities' own closures) and a Group's child groups. Counting over a set is
 * what keeps a Group that owns both a System and its Components from counting
 * the Components twice.
 */
import {
  AttributionMethod,
  Decimal,
  EntityCost,
} from '@costwise/plugin-finops-common';
import type { Entity } from '@backstage/catalog-model';
import { EntityRelations, readRelations } from './relations';
import { addToSum, ExactSum } from '../model';
import type { AttributionConfig, GroupAttribution } from './types';

/** Kinds listed only when they carry cost: people rarely do. */
const LISTED_IF_COSTED = new Set(['user', 'location', 'template']);

function rollupChildren(relations: Map<string, EntityRelations>) {
  const children = new Map<string, Set<string>>();
  const add = (parent: string | undefined, child: string) => {
    if (!parent || parent === child) return;
    let set = children.get(parent);
    if (!set) children.set(parent, (set = new Set()));
    set.add(child);
  };
  for (const r of relations.values()) {
    add(r.system, r.ref);
    add(r.domain, r.ref);
    add(r.owner, r.ref);
    if (r.kind === 'group') {
      add(r.parent, r.ref);
      for (const child of r.children) add(r.ref, child);
    }
  }
  return children;
}

function closures(children: Map<string, Set<string>>) {
  const memo = new Map<string, Set<string>>();
  const visiting = new Set<string>();
  const closure = (ref: string): Set<string> => {
    const known = memo.get(ref);
    if (known) return known;
    const set = new Set([ref]);
    // a parent/child cycle between groups must not recurse forever
    if (visiting.has(ref)) return set;
    visiting.add(ref);
    for (const child of children.get(ref) ?? []) {
      for (const member of closure(child)) set.add(member);
    }
    visiting.delete(ref);
    memo.set(ref, set);
    return set;
  };
  return closure;
}

/** Direct and total cost of every entity, sorted by ref. */
export function rollup(
  relations: Map<string, EntityRelations>,
  attributed: GroupAttribution[],
): EntityCost<Decimal>[] {
  const sums = new Map<string, ExactSum>();
  const methodSums = new Map<string, Map<AttributionMethod, ExactSum>>();
  for (const ga of attributed) {
    for (const a of ga.allocations) {
      addToSum(sums, a.entity, a.amount);
      let byMethod = methodSums.get(a.entity);
      if (!byMethod) methodSums.set(a.entity, (byMethod = new Map()));
      addToSum(byMethod, a.method, a.amount);
    }
  }
  const direct = new Map([...sums].map(([ref, sum]) => [ref, sum.toDecimal()]));
  const closure = closures(rollupChildren(relations));
  const refs = new Set<string>([...relations.keys(), ...direct.keys()]);
  const out: EntityCost<Decimal>[] = [];
  for (const ref of [...refs].sort()) {
    const sum = new ExactSum();
    for (const member of closure(ref)) {
      const d = direct.get(member);
      if (d) sum.addDecimal(d);
    }
    const total = sum.toDecimal();
    const own = direct.get(ref) ?? Decimal.ZERO;
    const kind = relations.get(ref)?.kind;
    if (kind && LISTED_IF_COSTED.has(kind) && total.isZero() && own.isZero()) {
      continue;
    }
    out.push({
      entity: ref,
      direct: own,
      total,
      methods: Object.fromEntries(
        [...(methodSums.get(ref) ?? [])].map(([m, v]) => [m, v.toDecimal()]),
      ),
    });
  }
  return out;
}

/**
 * The rollup closure of every entity: the entities whose direct cost counts
 * in its total (itself included), each with the direct child it rolls up
 * through (itself for the entity). A member reachable both directly and
 * through an aggregate, such as a Component a team owns inside a System the
 * team owns, is shown under the aggregate.
 *
 * @public
 */
export function rollupMembers(
  entities: Entity[],
  _config?: Partial<AttributionConfig>,
): Map<string, Map<string, string>> {
  const relations = new Map<string, EntityRelations>();
  for (const entity of entities) {
    if (!entity?.metadata?.name || typeof entity.kind !== 'string') continue;
    const { relations: r } = readRelations(entity);
    if (!relations.has(r.ref)) relations.set(r.ref, r);
  }
  const children = rollupChildren(relations);
  const closure = closures(children);
  const out = new Map<string, Map<string, string>>();
  for (const ref of [...relations.keys()].sort()) {
    const via = new Map([[ref, ref]]);
    for (const child of [...(children.get(ref) ?? [])].sort()) {
      for (const member of closure(child)) {
        const current = via.get(member);
        const direct = current === member && member !== ref && child !== member;
        if (current === undefined || direct) via.set(member, child);
      }
    }
    out.set(ref, via);
  }
  return out;
}

/**
 * The lines a rollup's member counts in, beyond the child it rolls up
 * through: `team`, for a Group, the sub-team whose tree owns the member (the
 * Group itself when none does: it owns the member, or holds it through
 * something it owns), for any other entity the member's owner; `system`, the
 * member's System (a System is its own). Either is undefined when there is
 * none. Each member has one line of each, so every breakdown by them sums
 * to the entity's total.
 *
 * @public
 */
export interface MemberKeys {
  team?: string;
  system?: string;
}

/**
 * {@link MemberKeys} of every member of every rollup (the keys of
 * {@link rollupMembers}' result, with the same members).
 *
 * @public
 */
export function rollupMemberKeys(
  entities: Entity[],
  members: Map<string, Map<string, string>>,
): Map<string, Map<string, MemberKeys>> {
  const relations = new Map<string, EntityRelations>();
  for (const entity of entities) {
    if (!entity?.metadata?.name || typeof entity.kind !== 'string') continue;
    const { relations: r } = readRelations(entity);
    if (!relations.has(r.ref)) relations.set(r.ref, r);
  }
  // each group's child groups, from either side of the relation
  const childGroups = new Map<string, Set<string>>();
  const link = (parent: string | undefined, child: string) => {
    if (!parent || parent === child) return;
    let set = childGroups.get(parent);
    if (!set) childGroups.set(parent, (set = new Set()));
    set.add(child);
  };
  for (const r of relations.values()) {
    if (r.kind !== 'group') continue;
    link(r.parent, r.ref);
    for (const child of r.children) link(r.ref, child);
  }
  const subtree = closures(childGroups);
  const ownerGroupOf = (member: string) =>
    relations.get(member)?.kind === 'group'
      ? member
      : relations.get(member)?.owner;
  const systemOf = (member: string) => {
    const r = relations.get(member);
    return r?.kind === 'system' ? member : r?.system;
  };
  const out = new Map<string, Map<string, MemberKeys>>();
  for (const [ref, memberMap] of members) {
    const isGroup = relations.get(ref)?.kind === 'group';
    const children = [...(childGroups.get(ref) ?? [])].sort();
    const keys = new Map<string, MemberKeys>();
    for (const member of memberMap.keys()) {
      const owner = ownerGroupOf(member);
      let team: string | undefined;
      if (isGroup) {
        team =
          (owner && children.find(child => subtree(child).has(owner))) ?? ref;
      } else {
        team = owner;
      }
      keys.set(member, { team, system: systemOf(member) });
    }
    out.set(ref, keys);
  }
  return out;
}
