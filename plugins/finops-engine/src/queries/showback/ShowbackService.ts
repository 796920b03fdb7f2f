import type { Entity } from '@backstage/catalog-model';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { entityRefOf } from '../../attribution';
import { hiddenMembers } from '../views/scope';
import type { CostViewer } from '../views/viewer';
import { ShowbackCatalog } from './catalog';
import {
  SHOWBACK_CSV_COLUMNS,
  statementRows,
  toCsv,
  UNATTRIBUTED_ROW,
} from './csv';
import type { ShowbackData, ShowbackGroup } from './data';
import {
  ExportLedger,
  FOCUS_EXPORT_HEADER,
  focusExportRows,
} from './focusExport';
import { LedgerEntry, MonthLedger } from './ledger';
import { monthRange, ShowbackInputError } from './month';
import {
  ledgerLines,
  statementLine,
  subTeamSubtotals,
  systemStatements,
  teamStatements,
  textsOf,
  totalsOf,
} from './statements';
import type { EntityStatement, ShowbackReport, SystemStatement } from './types';

/**
 * Monthly showback statements from the stored cost and its attribution:
 * per team (the entities whose `spec.owner` it is; see
 * the showback catalog for users and entities without an owner) and per
 * System, by entity, service and method, in exact amounts, per currency.
 * A month is its days as the facts are stored (the charge period's day); a
 * month still running is reported to the last day with data.
 *
 * Per currency, the teams' totals plus the unattributed rest equal the
 * ingested total exactly: every attributed amount is in one statement, and
 * the rest is what the facts hold beyond their allocations.
 *
 * @public
 */
export class ShowbackService {
  constructor(
    private readonly options: {
      data: ShowbackData;
      /** The catalog the owners and Systems are read from. */
      catalogEntities: () => Promise<Entity[]>;
      /** The measure when none is asked for. */
      defaults: { measure: CostMeasure };
    },
  ) {}

  /** Every team's statement of the month, the unattributed rest and the ingested total. */
  async showback(
    month: string,
    measure?: CostMeasure,
  ): Promise<ShowbackReport> {
    const { ledger, catalog, measure: m } = await this.month(month, measure);
    const ingested = ledger.ingested();
    return {
      month,
      measure: m,
      teams: teamStatements(ledgerLines(ledger, catalog)),
      unattributed: textsOf(ledger.unattributed(), ingested.keys()),
      ingested: textsOf(ingested),
    };
  }

  /** Every System's statement of the month ({@link NO_SYSTEM} for entities in none). */
  async systems(
    month: string,
    measure?: CostMeasure,
  ): Promise<{
    month: string;
    measure: CostMeasure;
    systems: SystemStatement[];
    unattributed: Record<string, string>;
    ingested: Record<string, string>;
  }> {
    const { ledger, catalog, measure: m } = await this.month(month, measure);
    const ingested = ledger.ingested();
    return {
      month,
      measure: m,
      systems: systemStatements(ledgerLines(ledger, catalog)),
      unattributed: textsOf(ledger.unattributed(), ingested.keys()),
      ingested: textsOf(ingested),
    };
  }

  /**
   * Every statement line of the month as CSV (columns
   * {@link SHOWBACK_CSV_COLUMNS}), then the unattributed rest per service
   * and currency under the team {@link UNATTRIBUTED_ROW}: per currency, the
   * file's amounts add up to the ingested total.
   */
  async showbackCsv(month: string, measure?: CostMeasure): Promise<string> {
    const { ledger, catalog } = await this.month(month, measure);
    const lines = ledgerLines(ledger, catalog).map(l => ({
      ...statementLine(l),
      currency: l.currency,
    }));
    const rest = new Map<string, LedgerEntry>();
    for (const r of ledger.unattributedByGroup().values()) {
      const key = `${r.currency}\u0000${r.service}`;
      const known = rest.get(key);
      if (known) known.sum.addSum(r.sum);
      else rest.set(key, r);
    }
    const restRows = [...rest.keys()]
      .sort()
      .map(key => rest.get(key)!)
      .filter(r => !r.sum.toDecimal().isZero())
      .map(r => [
        UNATTRIBUTED_ROW,
        '',
        '',
        r.service,
        '',
        r.currency,
        r.sum.toString(),
      ]);
    return toCsv([
      [...SHOWBACK_CSV_COLUMNS],
      ...statementRows(lines),
      ...restRows,
    ]);
  }

  /**
   * The month in FOCUS columns (its billing periods, charge periods and the
   * four cost columns) with the owning entity, method, owner and System of
   * each part of each fact group's cost (see `focusExportRows`), as CSV:
   * for finance tools that read FOCUS. Every measure is a column of its
   * own.
   */
  async focusCsv(month: string): Promise<string> {
    const { from, to } = monthRange(month);
    const catalog = new ShowbackCatalog(await this.options.catalogEntities());
    const ledger = new ExportLedger();
    await this.options.data.read(
      {
        from,
        to,
        measure: this.options.defaults.measure,
        facts: true,
        allMeasures: true,
      },
      ledger,
    );
    const groups = new Map<string, ShowbackGroup>(
      (await this.options.data.groups(ledger.groupIds())).map(g => [g.id, g]),
    );
    return toCsv([
      FOCUS_EXPORT_HEADER,
      ...focusExportRows(ledger, catalog, groups),
    ]);
  }

  /**
   * A Group's or System's statement of the month. A Group's holds the
   * entities it owns itself, with its descendant teams' own totals beside
   * it; a System's the entities in it and itself. With a viewer, the lines
   * of entities it may not read are left out (and counted).
   */
  async statement(
    entity: Entity | string,
    month: string,
    measure?: CostMeasure,
    viewer?: CostViewer,
  ): Promise<EntityStatement> {
    const ref =
      typeof entity === 'string' ? entity.toLowerCase() : entityRefOf(entity);
    const kind = ShowbackCatalog.kindOf(ref);
    if (kind !== 'group' && kind !== 'system')
      throw new ShowbackInputError(
        `${ref} has no statement: statements are made for Groups and Systems`,
      );
    const { from, to } = monthRange(month);
    const m = measure ?? this.options.defaults.measure;
    const catalog = new ShowbackCatalog(await this.options.catalogEntities());
    const descendants = kind === 'group' ? catalog.descendants(ref) : [];
    const entityRefs =
      kind === 'group'
        ? catalog.ownedBy(new Set([ref, ...descendants.map(d => d.team)]))
        : catalog.inSystem(ref);
    const ledger = new MonthLedger();
    await this.options.data.read(
      { from, to, measure: m, entityRefs, facts: false },
      ledger,
    );
    let hidden = 0;
    let readable: Set<string> | undefined;
    if (viewer) {
      const seen = [
        ...new Set([...ledger.allocations.values()].map(a => a.entityRef)),
      ].filter(r => r !== ref);
      readable = await viewer.readable(seen);
      hidden = seen.filter(r => !readable!.has(r)).length;
    }
    const lines = ledgerLines(
      ledger,
      catalog,
      a => a.entityRef === ref || !readable || readable.has(a.entityRef),
    ).filter(l => (kind === 'group' ? true : l.system === ref));
    const own = lines.filter(l => (kind === 'group' ? l.team === ref : true));
    const asOf = await this.options.data.lastDay(from, to);
    const statements = [...new Set(own.map(l => l.currency))]
      .sort()
      .map(currency => {
        const inCurrency = own.filter(l => l.currency === currency);
        return {
          currency,
          total: totalsOf(inCurrency)[currency],
          lines: inCurrency.map(statementLine),
        };
      });
    return {
      entity: ref,
      kind,
      month,
      measure: m,
      ...(asOf ? { asOf } : {}),
      partial: asOf === undefined || asOf < to,
      statements,
      totals: totalsOf(own),
      subTeams: subTeamSubtotals(lines, descendants),
      totalWithSubTeams: totalsOf(lines),
      ...(hidden > 0 ? { hiddenMembers: hiddenMembers(hidden) } : {}),
    };
  }

  private async month(month: string, measure?: CostMeasure) {
    const { from, to } = monthRange(month);
    const m = measure ?? this.options.defaults.measure;
    const catalog = new ShowbackCatalog(await this.options.catalogEntities());
    const ledger = new MonthLedger();
    await this.options.data.read({ from, to, measure: m, facts: true }, ledger);
    return { ledger, catalog, measure: m };
  }
}
