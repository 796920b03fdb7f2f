import type { AskAnswer, AskFigure } from '@costwise/plugin-finops-common';
import {
  formatMoney,
  formatUnitMoney,
  isNegative,
  isZero,
} from '../shared/format';

type DecimalText = `${number}`;

const plain = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });

/**
 * An exact amount of an answer: money in its currency (per-unit amounts,
 * often fractions of a cent, with the digits they need), or a count or
 * metric value when it has no currency. The string is what gets rounded.
 */
export function formatAskAmount(
  amount: string,
  currency: string,
  perUnit = false,
): string {
  if (!currency) return plain.format(amount.trim() as DecimalText);
  return perUnit
    ? formatUnitMoney(amount, currency)
    : formatMoney(amount, currency);
}

/** A change with its sign: "+$19.00", "-$3.00", "$0.00". */
export function formatAskChange(amount: string, currency: string): string {
  const text = formatAskAmount(amount, currency);
  return isNegative(amount) || isZero(amount) ? text : `+${text}`;
}

/** Whether a figure is an amount per unit (unit cost and its trend). */
export function isPerUnit(figure: AskFigure): boolean {
  return /^cost per\b/i.test(figure.label) || /unit-cost/i.test(figure.label);
}

/** The currency of an answer's tables: its lineage's, else its first figure's. */
export function answerCurrency(answer: AskAnswer): string {
  return (
    answer.lineage?.currency ??
    answer.figures.find(f => f.currency)?.currency ??
    ''
  );
}

/** What a breakdown groups by, as a column heading. */
export function dimensionLabel(dimension: string | undefined): string {
  const labels: Record<string, string> = {
    service: 'Service',
    resource: 'Resource',
    region: 'Region',
    sku: 'SKU',
    chargeCategory: 'Charge category',
    provider: 'Provider',
    account: 'Account',
    entity: 'Entity',
    child: 'Member',
    model: 'Model',
    feature: 'Feature',
  };
  if (!dimension) return 'Item';
  return (
    labels[dimension] ?? dimension.charAt(0).toUpperCase() + dimension.slice(1)
  );
}

/** Whether a row's key is a catalog entity ref, to link to its page. */
export function isEntityRef(key: string | undefined): key is string {
  return !!key && /^[a-z][a-z0-9-]*:[^/:\s]+\/[^/:\s]+$/i.test(key);
}
