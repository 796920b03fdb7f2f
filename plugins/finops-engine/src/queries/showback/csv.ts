import type { CostMeasure } from '@costwise/plugin-finops-common';
import { addDays } from '../../model';
import type { GroupDetails } from '../../stores';
import type { ShowbackCatalog } from './catalog';
import type { MonthLedger } from './ledger';
import type { EntityStatement, StatementLine } from './types';

type Cell = string | undefined;

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

/** The columns of the FOCUS-shaped allocated export before the measure's. */
const FOCUS_COLUMNS = [
  'BillingAccountId',
  'SubAccountId',
  'ProviderName',
  'ServiceName',
  'ServiceCategory',
  'RegionId',
  'ResourceId',
  'ResourceName',
  'ChargeCategory',
  'PricingCategory',
  'SkuId',
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
] as const;

/**
 * The columns Costwise adds to the FOCUS columns: the entity the row's cost
 * is attributed to, how, its owner's statement and its System (all empty on
 * the unattributed rest of a fact group).
 *
 * @public
 */
export const FOCUS_EXPORT_EXTRA_COLUMNS = [
  'x_CostwiseEntity',
  'x_CostwiseMethod',
  'x_CostwiseOwner',
  'x_CostwiseSystem',
] as const;

/** The header of the FOCUS-shaped export in a measure. */
export function focusExportHeader(measure: CostMeasure): string[] {
  return [...FOCUS_COLUMNS, measure, ...FOCUS_EXPORT_EXTRA_COLUMNS];
}

const instant = (day: string) => `${day}T00:00:00Z`;

/**
 * The month's cost in FOCUS columns, one row per fact group, entity and
 * method (the group's allocations over the month), and per fact group one
 * row with its unattributed rest, entity columns empty. The charge period
 * of a row is the days of the month the group has cost on. The amounts add
 * up to the ingested total per currency.
 */
export function focusExportRows(
  ledger: MonthLedger,
  catalog: ShowbackCatalog,
  groups: Map<string, GroupDetails>,
): Cell[][] {
  const byGroup = new Map<string, Cell[][]>();
  const dimensions = (groupId: string, currency: string, service: string) => {
    const g = groups.get(groupId);
    const days = ledger.days.get(groupId)!;
    return [
      g?.billingAccountId,
      g?.subAccountId,
      g?.provider,
      g?.serviceName ?? service,
      g?.serviceCategory,
      g?.region,
      g?.resourceId,
      g?.resourceName,
      g?.chargeCategory,
      g?.pricingCategory,
      g?.skuId,
      currency,
      instant(days.first),
      instant(addDays(days.last, 1)),
    ];
  };
  const push = (groupId: string, row: Cell[]) => {
    let rows = byGroup.get(groupId);
    if (!rows) byGroup.set(groupId, (rows = []));
    rows.push(row);
  };
  const allocations = [...ledger.allocations.values()].sort(
    (a, b) =>
      a.entityRef.localeCompare(b.entityRef) ||
      a.method.localeCompare(b.method),
  );
  for (const a of allocations) {
    const amount = a.sum.toDecimal();
    if (amount.isZero()) continue;
    push(a.groupId, [
      ...dimensions(a.groupId, a.currency, a.service),
      amount.toString(),
      a.entityRef,
      a.method,
      catalog.ownerOf(a.entityRef),
      catalog.systemOf(a.entityRef),
    ]);
  }
  for (const rest of ledger.unattributedByGroup().values()) {
    const amount = rest.sum.toDecimal();
    if (amount.isZero()) continue;
    push(rest.groupId, [
      ...dimensions(rest.groupId, rest.currency, rest.service),
      amount.toString(),
      '',
      '',
      '',
      '',
    ]);
  }
  return [...byGroup.keys()]
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .flatMap(id => byGroup.get(id)!);
}
