import type { Knex } from 'knex';
import type { BudgetPeriod } from '@costwise/plugin-finops-common';

/** A budget an admin set, as stored. @public */
export interface StoredBudget {
  entityRef: string;
  /** Positive exact decimal text. */
  amount: string;
  currency: string;
  period: BudgetPeriod;
  setBy: string;
  setAt: string;
}

/**
 * An alert of a budget's period at a threshold (`spend:0.8`,
 * `forecast:1`), with the figures it was sent with.
 *
 * @public
 */
export interface StoredBudgetAlert {
  entityRef: string;
  period: BudgetPeriod;
  /** The period's first day. */
  periodStart: string;
  threshold: string;
  amount: string;
  currency: string;
  spent: string;
  forecast: string;
  sentAt: string;
}

const PER_QUERY = 500;

function fromBudgetRow(r: any): StoredBudget {
  return {
    entityRef: r.entity_ref,
    amount: r.amount,
    currency: r.currency,
    period: r.period,
    setBy: r.set_by,
    setAt: r.set_at,
  };
}

function alertRow(a: StoredBudgetAlert) {
  return {
    entity_ref: a.entityRef,
    period: a.period,
    period_start: a.periodStart,
    threshold: a.threshold,
    amount: a.amount,
    currency: a.currency,
    spent: a.spent,
    forecast: a.forecast,
    sent_at: a.sentAt,
  };
}

function fromAlertRow(r: any): StoredBudgetAlert {
  return {
    entityRef: r.entity_ref,
    period: r.period,
    periodStart: r.period_start,
    threshold: r.threshold,
    amount: r.amount,
    currency: r.currency,
    spent: r.spent,
    forecast: r.forecast,
    sentAt: r.sent_at,
  };
}

/**
 * Data access for the budgets admins set (`finops_budgets`) and the alerts
 * sent (`finops_budget_alerts`).
 *
 * @public
 */
export class BudgetStore {
  constructor(private readonly db: Knex) {}

  /** Every admin budget, by entity ref. */
  async list(): Promise<StoredBudget[]> {
    const rows = await this.db('finops_budgets').orderBy('entity_ref');
    return rows.map(fromBudgetRow);
  }

  async get(entityRef: string): Promise<StoredBudget | undefined> {
    const row = await this.db('finops_budgets')
      .where({ entity_ref: entityRef })
      .first();
    return row ? fromBudgetRow(row) : undefined;
  }

  /** Sets the entity's admin budget, replacing the one before. */
  async set(budget: StoredBudget): Promise<void> {
    await this.db('finops_budgets')
      .insert({
        entity_ref: budget.entityRef,
        amount: budget.amount,
        currency: budget.currency,
        period: budget.period,
        set_by: budget.setBy,
        set_at: budget.setAt,
      })
      .onConflict('entity_ref')
      .merge();
  }

  /** Removes the entity's admin budget; whether there was one. */
  async delete(entityRef: string): Promise<boolean> {
    const count = await this.db('finops_budgets')
      .where({ entity_ref: entityRef })
      .delete();
    return Number(count) > 0;
  }

  /**
   * Records the alerts not recorded yet and returns them: what the caller
   * now sends. A row another replica recorded first is left to it.
   */
  async claimAlerts(alerts: StoredBudgetAlert[]): Promise<StoredBudgetAlert[]> {
    if (alerts.length === 0) return [];
    const claimed = new Set<string>();
    const key = (a: {
      entity_ref: string;
      period: string;
      period_start: string;
      threshold: string;
    }) => [a.entity_ref, a.period, a.period_start, a.threshold].join('\u0000');
    for (let i = 0; i < alerts.length; i += PER_QUERY) {
      const inserted = await this.db('finops_budget_alerts')
        .insert(alerts.slice(i, i + PER_QUERY).map(alertRow))
        .onConflict(['entity_ref', 'period', 'period_start', 'threshold'])
        .ignore()
        .returning(['entity_ref', 'period', 'period_start', 'threshold']);
      for (const row of inserted as any[]) claimed.add(key(row));
    }
    return alerts.filter(a => claimed.has(key(alertRow(a))));
  }

  /** Forgets alerts that could not be sent, so that the next run sends them. */
  async releaseAlerts(alerts: StoredBudgetAlert[]): Promise<void> {
    for (const a of alerts)
      await this.db('finops_budget_alerts')
        .where({
          entity_ref: a.entityRef,
          period: a.period,
          period_start: a.periodStart,
          threshold: a.threshold,
        })
        .delete();
  }

  /** The alerts recorded for the entities (all when not given), oldest first. */
  async alerts(
    options: { entityRefs?: string[]; periodStart?: string } = {},
  ): Promise<StoredBudgetAlert[]> {
    const read = async (refs?: string[]) => {
      const select = this.db('finops_budget_alerts').select('*');
      if (refs) select.whereIn('entity_ref', refs);
      if (options.periodStart)
        select.where('period_start', options.periodStart);
      return (await select.orderBy(['sent_at', 'entity_ref', 'threshold'])).map(
        fromAlertRow,
      );
    };
    if (!options.entityRefs) return read();
    const out: StoredBudgetAlert[] = [];
    for (let i = 0; i < options.entityRefs.length; i += PER_QUERY)
      out.push(...(await read(options.entityRefs.slice(i, i + PER_QUERY))));
    return out;
  }
}
