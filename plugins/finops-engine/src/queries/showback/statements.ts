import { ExactSum } from '../../model';
import type { ShowbackCatalog } from './catalog';
import type { LedgerAllocation, MonthLedger } from './ledger';
import type {
  ShowbackLine,
  StatementLine,
  SubTeamSubtotal,
  SystemStatement,
  TeamStatement,
} from './types';

const SEP = '\u0000';

/** An allocation's line with the statements it is in. */
export interface LedgerLine {
  team: string;
  system: string;
  entity: string;
  service: string;
  method: string;
  currency: string;
  sum: ExactSum;
}

function byText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The month's allocations summed per entity, service and method in each
 * currency, each with its owner and System, sorted by team, currency,
 * entity, service and method. Lines that sum to exactly zero are left out.
 */
export function ledgerLines(
  ledger: MonthLedger,
  catalog: ShowbackCatalog,
  keep: (a: LedgerAllocation) => boolean = () => true,
): LedgerLine[] {
  const lines = new Map<string, LedgerLine>();
  for (const a of ledger.allocations.values()) {
    if (!keep(a)) continue;
    const key = [a.currency, a.entityRef, a.service, a.method].join(SEP);
    let line = lines.get(key);
    if (!line) {
      line = {
        team: catalog.ownerOf(a.entityRef),
        system: catalog.systemOf(a.entityRef),
        entity: a.entityRef,
        service: a.service,
        method: a.method,
        currency: a.currency,
        sum: new ExactSum(),
      };
      lines.set(key, line);
    }
    line.sum.addSum(a.sum);
  }
  return [...lines.values()]
    .filter(l => !l.sum.toDecimal().isZero())
    .sort(
      (a, b) =>
        byText(a.team, b.team) ||
        byText(a.currency, b.currency) ||
        byText(a.entity, b.entity) ||
        byText(a.service, b.service) ||
        byText(a.method, b.method),
    );
}

function showbackLine(l: LedgerLine): ShowbackLine {
  return {
    entity: l.entity,
    service: l.service,
    method: l.method,
    amount: l.sum.toString(),
  };
}

/** A line with its owner and System. */
export function statementLine(l: LedgerLine): StatementLine {
  return { ...showbackLine(l), team: l.team, system: l.system };
}

/** Lines grouped by a key and currency, in key then currency order, each group with its exact total. */
function groupLines<T>(
  lines: LedgerLine[],
  keyOf: (l: LedgerLine) => string,
  build: (
    key: string,
    currency: string,
    total: string,
    lines: LedgerLine[],
  ) => T,
): T[] {
  const groups = new Map<string, LedgerLine[]>();
  for (const l of lines) {
    const key = `${keyOf(l)}${SEP}${l.currency}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(l);
  }
  return [...groups.keys()].sort(byText).map(key => {
    const [name, currency] = key.split(SEP);
    const list = groups.get(key)!;
    const total = new ExactSum();
    for (const l of list) total.addSum(l.sum);
    return build(name, currency, total.toString(), list);
  });
}

/** Every team's statement, one per team and currency. */
export function teamStatements(lines: LedgerLine[]): TeamStatement[] {
  return groupLines(
    lines,
    l => l.team,
    (team, currency, total, list) => ({
      team,
      currency,
      total,
      lines: list.map(showbackLine),
    }),
  );
}

/** Every System's statement, one per System and currency ({@link NO_SYSTEM} for entities in none). */
export function systemStatements(lines: LedgerLine[]): SystemStatement[] {
  return groupLines(
    lines,
    l => l.system,
    (system, currency, total, list) => ({
      system,
      currency,
      total,
      lines: [...list]
        .sort(
          (a, b) =>
            byText(a.entity, b.entity) ||
            byText(a.service, b.service) ||
            byText(a.method, b.method),
        )
        .map(statementLine),
    }),
  );
}

/** Per currency, the exact sum of the lines. */
export function totalsOf(lines: LedgerLine[]): Record<string, string> {
  const sums = new Map<string, ExactSum>();
  for (const l of lines) {
    let sum = sums.get(l.currency);
    if (!sum) sums.set(l.currency, (sum = new ExactSum()));
    sum.addSum(l.sum);
  }
  return Object.fromEntries(
    [...sums.keys()].sort(byText).map(c => [c, sums.get(c)!.toString()]),
  );
}

/** The own totals of each team below a group. */
export function subTeamSubtotals(
  lines: LedgerLine[],
  descendants: Array<{ team: string; parent: string }>,
): SubTeamSubtotal[] {
  return descendants.map(({ team, parent }) => ({
    team,
    parent,
    totals: totalsOf(lines.filter(l => l.team === team)),
  }));
}

/** Per currency, as text, in currency order; zero where a currency has no amount. */
export function textsOf(
  sums: Map<string, ExactSum>,
  currencies: Iterable<string> = [],
): Record<string, string> {
  const all = new Set([...sums.keys(), ...currencies]);
  return Object.fromEntries(
    [...all].sort(byText).map(c => [c, sums.get(c)?.toString() ?? '0']),
  );
}
