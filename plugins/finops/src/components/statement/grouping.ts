import { Decimal } from '@costwise/plugin-finops-common';
import type { FinopsStatementLine } from '../../api';

/** The system of the lines of entities in none (as the backend names it). */
export const NO_SYSTEM = '(no system)';

/** An entity's lines in a statement and their exact sum. */
export interface StatementEntityGroup {
  entity: string;
  lines: FinopsStatementLine[];
  subtotal: string;
}

/** A system's entities in a statement and their exact sum. */
export interface StatementSystemGroup {
  system: string;
  entities: StatementEntityGroup[];
  subtotal: string;
}

const sum = (amounts: string[]) =>
  Decimal.sum(amounts.map(a => Decimal.parse(a))).toString();

const byKey = <T>(items: T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
};

/** Systems by name with the lines of no system last; a system's own lines first. */
const compareSystems = (a: string, b: string) =>
  Number(a === NO_SYSTEM) - Number(b === NO_SYSTEM) || a.localeCompare(b);

/**
 * A statement's lines of one currency grouped by system, then by entity
 * (component, resource or the system itself), each group with its exact
 * subtotal: the systems' subtotals add up to the statement's total.
 */
export function groupStatementLines(
  lines: FinopsStatementLine[],
): StatementSystemGroup[] {
  const systems = byKey(lines, l => l.system ?? NO_SYSTEM);
  return [...systems.keys()].sort(compareSystems).map(system => {
    const entities = byKey(systems.get(system)!, l => l.entity);
    const groups = [...entities.keys()]
      .sort(
        (a, b) =>
          Number(b === system) - Number(a === system) || a.localeCompare(b),
      )
      .map(entity => {
        const own = [...entities.get(entity)!].sort(
          (a, b) =>
            a.service.localeCompare(b.service) ||
            a.method.localeCompare(b.method),
        );
        return { entity, lines: own, subtotal: sum(own.map(l => l.amount)) };
      });
    return {
      system,
      entities: groups,
      subtotal: sum(groups.map(g => g.subtotal)),
    };
  });
}
