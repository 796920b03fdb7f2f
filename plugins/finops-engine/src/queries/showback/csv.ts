import type { EntityStatement, StatementLine } from './types';

/** A CSV cell; undefined is empty. */
export type Cell = string | undefined;

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a separator, a quote or a
 * line break, quotes doubled. Text a spreadsheet would run as a formula
 * (service names and resource ids come from provider data and tags anyone
 * can set) is prefixed with `'`; numbers are left as they are.
 */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim()
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** Rows of cells as CSV text with CRLF line ends. */
export function toCsv(rows: Cell[][]): string {
  return `${rows.map(r => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * The columns of a statement's CSV, one row per entity, service, method and
 * currency.
 *
 * @public
 */
export const SHOWBACK_CSV_COLUMNS = [
  'team',
  'system',
  'entity',
  'service',
  'method',
  'currency',
  'amount',
] as const;

/**
 * The team of the rows of the all-statements CSV that hold the unattributed
 * rest (by service), so that the file's amounts add up to the ingested
 * total.
 *
 * @public
 */
export const UNATTRIBUTED_ROW = '(unattributed)';

/** Statement lines (with their currency) as CSV rows. */
export function statementRows(
  lines: Array<StatementLine & { currency: string }>,
): Cell[][] {
  return lines.map(l => [
    l.team,
    l.system,
    l.entity,
    l.service,
    l.method,
    l.currency,
    l.amount,
  ]);
}

/**
 * A Group's or System's statement as CSV (columns
 * {@link SHOWBACK_CSV_COLUMNS}): its own lines, not its sub-teams'.
 *
 * @public
 */
export function statementCsv(statement: EntityStatement): string {
  return toCsv([
    [...SHOWBACK_CSV_COLUMNS],
    ...statementRows(
      statement.statements.flatMap(s =>
        s.lines.map(l => ({ ...l, currency: s.currency })),
      ),
    ),
  ]);
}
