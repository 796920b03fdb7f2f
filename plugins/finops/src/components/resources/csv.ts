import type {
  EntityResourceCost,
  EntityResources,
} from '@costwise/plugin-finops-common';

type Cell = string | number | undefined;

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a separator, quote or line
 * break, quotes doubled. Text that a spreadsheet would run as a formula
 * (resource names come from cloud tags anyone can set) is prefixed with `'`.
 */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim()
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** Rows of cells as CSV text with CRLF line ends. */
export function toCsv(rows: Cell[][]): string {
  return `${rows.map(r => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const HEADER = [
  'resourceId',
  'resourceName',
  'provider',
  'service',
  'region',
  'subAccountId',
  'chargeCategory',
  'skuId',
  'pricingCategory',
  'consumedQuantity',
  'consumedUnit',
  'amount',
  'currency',
  'share',
  'method',
  'attributedVia',
  'annotation',
  'selector',
  'confidence',
  'sharedPool',
];

/** The resources table as CSV, amounts exact as the API gave them. */
export function resourcesCsv(resources: EntityResources): string {
  const row = (r: EntityResourceCost): Cell[] => [
    r.resourceId,
    r.resourceName,
    r.provider,
    r.service,
    r.region,
    r.subAccountId,
    r.chargeCategory,
    r.skuId,
    r.pricingCategory,
    r.consumedQuantity,
    r.consumedUnit,
    r.amount,
    resources.currency,
    r.share,
    r.method,
    r.evidence.entityRef,
    r.evidence.annotation ?? r.evidence.ruleId,
    r.evidence.selector,
    r.evidence.confidence,
    r.pooled,
  ];
  return toCsv([HEADER, ...resources.items.map(row)]);
}

/** Hands text to the browser as a file download. */
export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // revoke after the click has been handled, or some browsers cancel it
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
