/** The `costwise.dev/budget` annotation: a budget's amount, currency and period. */
import {
  ANNOTATION_BUDGET,
  BUDGET_KINDS,
  BudgetPeriod,
  Decimal,
} from '@costwise/plugin-finops-common';
import { Parsed, warn } from './parsed';

/** A budget as its annotation writes it; without a currency, the configured one applies. */
export interface BudgetAnnotation {
  /** Positive, exact. */
  amount: Decimal;
  /** ISO 4217, upper case; absent when the annotation gives none. */
  currency?: string;
  period: BudgetPeriod;
  text: string;
}

const BUDGET_FORM =
  "'<amount> [<CURRENCY>] <monthly|quarterly|yearly>', e.g. '1200 USD monthly'";
const BUDGET_PERIOD_WORDS: Record<string, BudgetPeriod> = {
  monthly: 'monthly',
  quarterly: 'quarterly',
  yearly: 'yearly',
  annually: 'yearly',
  annual: 'yearly',
  month: 'monthly',
  quarter: 'quarterly',
  year: 'yearly',
};
/** `1200`, `1200.50`, `1,200.50` or `1_200`: separators only between groups of three digits. */
const BUDGET_AMOUNT =
  /^(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * `costwise.dev/budget`: `<amount> [<CURRENCY>] <monthly|quarterly|yearly>`,
 * e.g. `1200 USD monthly`, `15000 eur Quarterly`, `1,250.50 monthly`. Words
 * are separated by spaces; the currency (three letters, any case) may also
 * come first (`USD 1200 monthly`); the period is case-insensitive, may be
 * written `month`, `per month` or `/ month` (likewise quarter and year),
 * `annually` reads as `yearly`, and without one the budget is monthly.
 */
export function parseBudget(
  entity: string,
  annotation: string,
  text: string,
): Parsed<BudgetAnnotation> {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  // `per month`, `a year`, `/ quarter` read as the period word
  const words = trimmed
    .replace(/(?:^|\s)(?:per|a|every|\/)\s*(month|quarter|year)\b/gi, ' $1')
    .split(' ')
    .filter(Boolean);
  if (words.length === 0)
    return warn(entity, annotation, `no budget given: expected ${BUDGET_FORM}`);
  let amount: Decimal | undefined;
  let currency: string | undefined;
  let period: BudgetPeriod | undefined;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (BUDGET_PERIOD_WORDS[lower] && !period) {
      period = BUDGET_PERIOD_WORDS[lower];
    } else if (/^[a-z]{3}$/i.test(word) && !currency && !period) {
      currency = word.toUpperCase();
    } else if (/^[\d.,_]+$/.test(word) && !amount && !period) {
      if (!BUDGET_AMOUNT.test(word))
        return warn(
          entity,
          annotation,
          `'${word}' is not an amount: write digits with an optional decimal point, e.g. 1200 or 1250.50`,
        );
      amount = Decimal.parse(word.replace(/[,_]/g, ''));
    } else {
      return warn(
        entity,
        annotation,
        `'${trimmed}' is not ${BUDGET_FORM} ('${word}' is not understood)`,
      );
    }
  }
  if (!amount)
    return warn(
      entity,
      annotation,
      `'${trimmed}' has no amount: expected ${BUDGET_FORM}`,
    );
  if (amount.isZero())
    return warn(entity, annotation, 'the budget must be above zero');
  if (amount.toFixed(0).length > 15)
    return warn(
      entity,
      annotation,
      `'${amount.toString()}' is too large for a budget`,
    );
  return {
    value: {
      amount,
      ...(currency ? { currency } : {}),
      period: period ?? 'monthly',
      text: trimmed,
    },
  };
}

/**
 * The budget annotation of an entity of any kind: parsed on Components,
 * Systems and Groups, a warning on other kinds; undefined without one.
 */
export function budgetAnnotationOf(
  entity: string,
  kind: string,
  annotations: Record<string, unknown>,
): Parsed<BudgetAnnotation> | undefined {
  const value = annotations[ANNOTATION_BUDGET];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    return warn(entity, ANNOTATION_BUDGET, 'must be a string');
  if (!BUDGET_KINDS.includes(kind.toLowerCase()))
    return warn(
      entity,
      ANNOTATION_BUDGET,
      `budgets are read on Components, Systems and Groups, not on a ${kind}; this one is ignored`,
    );
  return parseBudget(entity, ANNOTATION_BUDGET, value);
}
