/**
 * Where a budget comes from (the entity's annotation or an admin), who its
 * alerts go to, why an entity has none, and the checks of an admin's
 * budget before it is stored.
 */
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  AnnotationWarning,
  Budget,
  BUDGET_KINDS,
  BUDGET_PERIODS,
  BudgetChange,
  Decimal,
  EntityBudgetResponse,
} from '@costwise/plugin-finops-common';
import type { BudgetAnnotation } from '../attribution/annotations';
import { readRelations } from '../attribution';
import type { StoredBudget } from '../stores';

/** The budget an annotation writes, in the default currency when it names none. */
export function fromAnnotation(
  ref: string,
  parsed: BudgetAnnotation,
  currency: string,
): Budget {
  return {
    entityRef: ref,
    amount: parsed.amount.toString(),
    currency: parsed.currency ?? currency,
    period: parsed.period,
    source: 'annotation',
    text: parsed.text,
  };
}

/** The budget an admin set. */
export function fromStored(stored: StoredBudget): Budget {
  return {
    entityRef: stored.entityRef,
    amount: stored.amount,
    currency: stored.currency,
    period: stored.period,
    source: 'admin',
    setBy: stored.setBy,
    setAt: stored.setAt,
  };
}

/** The group an entity's budget alerts go to: a Group itself, else its owner. */
export function ownerOf(entity: Entity): string | undefined {
  const { relations } = readRelations(entity);
  return relations.kind === 'group' ? relations.ref : relations.owner;
}

/** Why an entity has no budget, and how to set one. */
export function noBudget(
  entity: Entity,
  warnings: AnnotationWarning[],
): EntityBudgetResponse['empty'] {
  const kind = entity.kind.toLowerCase();
  if (!BUDGET_KINDS.includes(kind))
    return {
      reason: 'kind-not-budgeted',
      message: `Budgets are set on Components, Systems and Groups, not on a ${entity.kind}.`,
    };
  if (warnings.length)
    return {
      reason: 'annotation-malformed',
      message: `The budget annotation could not be read: ${warnings
        .map(w => w.message)
        .join(
          '; ',
        )}. Write it as '<amount> [<CURRENCY>] <monthly|quarterly|yearly>', e.g. '1200 USD monthly'.`,
    };
  return {
    reason: 'no-budget',
    message:
      "No budget is set. Add the annotation costwise.dev/budget: '1200 USD monthly' (or quarterly, yearly) to the entity's catalog-info.yaml, or ask a FinOps admin to set one.",
  };
}

/** The entity ref an admin's budget is set on; throws when its kind takes no budget. */
export function budgetRefOf(entityRef: string): string {
  const ref = entityRef.trim().toLowerCase();
  const [kind] = ref.split(':');
  if (!BUDGET_KINDS.includes(kind))
    throw new InputError(
      `Budgets are set on Components, Systems and Groups, not on '${ref}'`,
    );
  return ref;
}

/**
 * The period, amount and currency of an admin's budget, checked: the
 * currency defaults to `currency`. Throws an `InputError` saying what to
 * write instead.
 */
export function checkBudgetChange(
  change: BudgetChange,
  currency: string,
): Pick<StoredBudget, 'amount' | 'currency' | 'period'> {
  if (!BUDGET_PERIODS.includes(change.period))
    throw new InputError(
      `The period must be one of ${BUDGET_PERIODS.join(', ')}, got '${
        change.period
      }'`,
    );
  const text = String(change.amount).trim();
  const amount = /^\d+(\.\d+)?$/.test(text) ? Decimal.parse(text) : undefined;
  if (!amount || amount.isZero() || amount.toFixed(0).length > 15)
    throw new InputError(
      `The amount must be a positive decimal number such as 1200 or 1250.50, got '${text}'`,
    );
  const code = (change.currency ?? currency).trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code))
    throw new InputError(
      `The currency must be an ISO 4217 code such as USD, got '${change.currency}'`,
    );
  return { amount: amount.toString(), currency: code, period: change.period };
}
