import { addToSum, ExactSum } from '../../model';
import type { ShowbackRow, ShowbackSink } from './data';

/** A fact group's cost in the month: its facts, or one entity's allocations of it through one method. */
export interface LedgerEntry {
  groupId: string;
  currency: string;
  service: string;
  sum: ExactSum;
}

/** An entity's allocations of a fact group through one method, summed over the month. */
export interface LedgerAllocation extends LedgerEntry {
  entityRef: string;
  method: string;
}

const SEP = '\u0000';

/**
 * The month summed as statements need it: per fact group its facts (the
 * ingested cost), and per fact group, entity and method its allocations.
 * Exact: every amount is added as text to an exact sum.
 */
export class MonthLedger implements ShowbackSink {
  readonly facts = new Map<string, LedgerEntry>();
  readonly allocations = new Map<string, LedgerAllocation>();

  fact(row: ShowbackRow): void {
    let entry = this.facts.get(row.groupId);
    if (!entry) {
      entry = {
        groupId: row.groupId,
        currency: row.currency,
        service: row.service,
        sum: new ExactSum(),
      };
      this.facts.set(row.groupId, entry);
    }
    this.add(entry.sum, row.amount);
  }

  allocation(row: ShowbackRow & { entityRef: string; method: string }): void {
    const key = `${row.groupId}${SEP}${row.entityRef}${SEP}${row.method}${SEP}${row.currency}`;
    let entry = this.allocations.get(key);
    if (!entry) {
      entry = {
        groupId: row.groupId,
        currency: row.currency,
        service: row.service,
        entityRef: row.entityRef,
        method: row.method,
        sum: new ExactSum(),
      };
      this.allocations.set(key, entry);
    }
    this.add(entry.sum, row.amount);
  }

  /** Per currency, the facts' total. */
  ingested(): Map<string, ExactSum> {
    const out = new Map<string, ExactSum>();
    for (const f of this.facts.values())
      addToSum(out, f.currency, f.sum.toDecimal());
    return out;
  }

  /** Per currency, the facts' total less the allocations': what no allocation covers. */
  unattributed(): Map<string, ExactSum> {
    const out = this.ingested();
    for (const a of this.allocations.values())
      addToSum(out, a.currency, a.sum.toDecimal().negate());
    return out;
  }

  /** Per fact group, its facts less its allocations. */
  unattributedByGroup(): Map<string, LedgerEntry> {
    const out = new Map<string, LedgerEntry>();
    for (const f of this.facts.values()) {
      const sum = new ExactSum();
      sum.addSum(f.sum);
      out.set(f.groupId, { ...f, sum });
    }
    for (const a of this.allocations.values()) {
      let entry = out.get(a.groupId);
      if (!entry) {
        // allocations of a group with no facts left (restated since the last run)
        entry = { ...a, sum: new ExactSum() };
        out.set(a.groupId, entry);
      }
      entry.sum.addDecimal(a.sum.toDecimal().negate());
    }
    return out;
  }

  private add(sum: ExactSum, amount: string) {
    if (!sum.addText(amount))
      throw new TypeError(`A stored amount is not a number: '${amount}'`);
  }
}
