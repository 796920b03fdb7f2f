import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  AnnotationWarning,
  Budget,
  BUDGET_KINDS,
  BudgetAdherence,
  BudgetChange,
  BudgetPeriodRange,
  BudgetPeriodSummary,
  BudgetStatus,
  EntityBudgetResponse,
} from '@costwise/plugin-finops-common';
import { budgetAnnotationOf } from '../attribution/annotations';
import { entityRefOf } from '../attribution';
import { BudgetConfig, DEFAULT_BUDGET_CONFIG } from '../config/budgets';
import { addDays, Clock, monthEnd, systemClock } from '../model';
import type { CostViewer, CostViewService } from '../queries';
import { hiddenMembers } from '../queries';
import type { AttributionStore, BudgetStore } from '../stores';
import { adherenceOf, alertRecords, BudgetAlert } from './alerts';
import { budgetPeriodOf, previousBudgetPeriod } from './periods';
import {
  budgetRefOf,
  checkBudgetChange,
  fromAnnotation,
  fromStored,
  noBudget,
  ownerOf,
} from './sources';
import { computeBudgetStatus, currencyMismatchStatus } from './status';

/** Days of history the forecast reads before the period's last day with data. */
const FORECAST_HISTORY = 84;

/** How budgets are read and judged: the alert thresholds and the default currency. @public */
export interface BudgetOptions extends BudgetConfig {
  /** The currency of an annotation that gives none (the configured `finops.currency`). */
  currency: string;
}

/** What the budget service reads. @public */
export interface BudgetDeps {
  store: BudgetStore;
  views: Pick<CostViewService, 'dailyCost' | 'asOf' | 'hiddenMemberCount'>;
  attributionStore: Pick<AttributionStore, 'members' | 'allocationDays'>;
  catalogEntities: () => Promise<Entity[]>;
  options?: Partial<BudgetOptions>;
  clock?: Clock;
}

/** A budgeted entity of the catalog and its budget. @public */
export interface BudgetedEntity {
  entity: Entity;
  budget: Budget;
}

/**
 * Budgets of Components, Systems and Groups: from their
 * `costwise.dev/budget` annotation or set by an admin (who wins), judged
 * against the entity's attributed daily cost, the same figures its pages
 * show (its members' included, less those the viewer may not read), with
 * the card's forecast model for the period's end.
 *
 * @public
 */
export class BudgetService {
  readonly options: BudgetOptions;
  private readonly clock: Clock;

  constructor(private readonly deps: BudgetDeps) {
    this.options = {
      ...DEFAULT_BUDGET_CONFIG,
      currency: 'USD',
      ...deps.options,
    };
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * The entity's budget (an admin's, else its annotation's), the
   * annotation's budget when an admin's overrides it, and why the
   * annotation could not be read.
   */
  async budgetOf(entity: Entity): Promise<{
    budget?: Budget;
    overridden?: Budget;
    warnings: AnnotationWarning[];
  }> {
    const ref = entityRefOf(entity);
    const parsed = budgetAnnotationOf(
      ref,
      entity.kind,
      (entity.metadata.annotations ?? {}) as Record<string, unknown>,
    );
    const warnings: AnnotationWarning[] = [];
    let annotated: Budget | undefined;
    if (parsed && 'warning' in parsed) warnings.push(parsed.warning);
    else if (parsed)
      annotated = fromAnnotation(ref, parsed.value, this.options.currency);
    const stored = await this.deps.store.get(ref);
    if (!stored) return { budget: annotated, warnings };
    return { budget: fromStored(stored), overridden: annotated, warnings };
  }

  /** Every entity of the catalog with a budget, by ref. */
  async budgeted(): Promise<BudgetedEntity[]> {
    const stored = new Map(
      (await this.deps.store.list()).map(b => [b.entityRef, b]),
    );
    const out: BudgetedEntity[] = [];
    for (const entity of await this.deps.catalogEntities()) {
      if (!entity?.metadata?.name || typeof entity.kind !== 'string') continue;
      if (!BUDGET_KINDS.includes(entity.kind.toLowerCase())) continue;
      const ref = entityRefOf(entity);
      const admin = stored.get(ref);
      if (admin) {
        out.push({ entity, budget: fromStored(admin) });
        continue;
      }
      const parsed = budgetAnnotationOf(
        ref,
        entity.kind,
        (entity.metadata.annotations ?? {}) as Record<string, unknown>,
      );
      if (parsed && 'value' in parsed)
        out.push({
          entity,
          budget: fromAnnotation(ref, parsed.value, this.options.currency),
        });
    }
    return out.sort((a, b) =>
      a.budget.entityRef.localeCompare(b.budget.entityRef),
    );
  }

  /** A team's own budget and those of the Systems and Components it owns: its team view. */
  async teamBudgeted(team: Entity): Promise<BudgetedEntity[]> {
    const ref = entityRefOf(team);
    return (await this.budgeted()).filter(b => ownerOf(b.entity) === ref);
  }

  /**
   * The budget's status in the period that holds `asOf` (default: the
   * last day with data), or in `period`, from the entity's daily cost as
   * the viewer may read it.
   */
  async status(
    entity: Entity,
    budget: Budget,
    options: {
      viewer?: CostViewer;
      asOf?: string;
      period?: BudgetPeriodRange;
    } = {},
  ): Promise<BudgetStatus> {
    const asOf = options.asOf ?? (await this.deps.views.asOf());
    const period = options.period ?? budgetPeriodOf(budget.period, asOf);
    return (await this.statuses(entity, budget, [period], asOf, options))[0];
  }

  /** The budget's status in each period, from one read of the entity's cost. */
  private async statuses(
    entity: Entity,
    budget: Budget,
    periods: BudgetPeriodRange[],
    asOf: string,
    options: { viewer?: CostViewer },
  ): Promise<BudgetStatus[]> {
    const from = periods.reduce(
      (min, p) => (p.from < min ? p.from : min),
      addDays(asOf, -(FORECAST_HISTORY - 1)),
    );
    const query = { from, to: asOf };
    let cost = await this.deps.views.dailyCost(entity, query, options.viewer);
    const shown = cost;
    if (cost.currency !== budget.currency)
      cost = await this.deps.views.dailyCost(
        entity,
        { ...query, currency: budget.currency },
        options.viewer,
      );
    const hidden = options.viewer
      ? hiddenMembers(
          await this.deps.views.hiddenMemberCount(cost.ref, options.viewer),
        )
      : undefined;
    const days = await this.deps.attributionStore.allocationDays();
    const common = {
      budget,
      asOf,
      owner: ownerOf(entity),
      dataFrom: days?.first,
      hiddenMembers: hidden,
    };
    const mismatch = cost.byDay.size === 0 && shown.byDay.size > 0;
    return periods.map(period =>
      mismatch
        ? currencyMismatchStatus({ ...common, period }, shown.currency)
        : computeBudgetStatus({
            ...common,
            period,
            byDay: cost.byDay,
            spendThresholds: this.options.alertThresholds,
            forecastThreshold: this.options.forecastThreshold,
          }),
    );
  }

  /**
   * `GET /entities/{kind}/{namespace}/{name}/budget`: the budget in its
   * current period and its closed periods of the last year (those with
   * data), or how to set one.
   */
  async entityBudget(
    entity: Entity,
    viewer?: CostViewer,
  ): Promise<EntityBudgetResponse> {
    const entityRef = entityRefOf(entity);
    const { budget, overridden, warnings } = await this.budgetOf(entity);
    if (!budget)
      return {
        entityRef,
        history: [],
        warnings,
        empty: noBudget(entity, warnings),
      };
    const asOf = await this.deps.views.asOf();
    const current = budgetPeriodOf(budget.period, asOf);
    const firstDay = (await this.deps.attributionStore.allocationDays())?.first;
    const past: BudgetPeriodRange[] = [];
    for (
      let p = previousBudgetPeriod(budget.period, current);
      p.to >= addDays(current.from, -366) && (!firstDay || p.to >= firstDay);
      p = previousBudgetPeriod(budget.period, p)
    )
      past.push(p);
    const [status, ...closed] = await this.statuses(
      entity,
      budget,
      [current, ...past],
      asOf,
      { viewer },
    );
    const history: BudgetPeriodSummary[] = closed.map(s => ({
      period: s.period,
      spent: s.spent,
      shareSpent: s.shareSpent,
      status: s.status,
    }));
    return {
      entityRef,
      budget,
      current: status,
      history,
      ...(overridden ? { overridden } : {}),
      warnings,
    };
  }

  /** The current status of each budget, as the viewer may read it. */
  async currentStatuses(
    budgeted: BudgetedEntity[],
    options: { viewer?: CostViewer; asOf?: string } = {},
  ): Promise<BudgetStatus[]> {
    const asOf = options.asOf ?? (await this.deps.views.asOf());
    const out: BudgetStatus[] = [];
    for (const { entity, budget } of budgeted)
      out.push(
        await this.status(entity, budget, { viewer: options.viewer, asOf }),
      );
    return out;
  }

  /** Checks and stores an admin's budget; returns it. */
  async setBudget(change: BudgetChange, actor: string): Promise<Budget> {
    const ref = budgetRefOf(change.entityRef);
    const entity = (await this.deps.catalogEntities()).find(
      e => e?.metadata?.name && entityRefOf(e) === ref,
    );
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const stored = {
      entityRef: ref,
      ...checkBudgetChange(change, this.options.currency),
      setBy: actor,
      setAt: this.clock.now().toISOString(),
    };
    await this.deps.store.set(stored);
    return { ...stored, source: 'admin' };
  }

  /** Removes an admin's budget (the annotation's applies again, if any). */
  async deleteBudget(entityRef: string): Promise<void> {
    const ref = entityRef.trim().toLowerCase();
    if (!(await this.deps.store.delete(ref)))
      throw new NotFoundError(`No budget was set by an admin on ${ref}`);
  }

  /**
   * The alerts due after new data: each budget's thresholds crossed in its
   * current period and not alerted yet, recorded now (so that each alerts
   * once per period, however many replicas evaluate). A caller that fails
   * to send one releases it ({@link BudgetService.releaseAlert}) for the
   * next evaluation to send.
   */
  async evaluateAlerts(): Promise<BudgetAlert[]> {
    const budgeted = await this.budgeted();
    const entities = new Map(budgeted.map(b => [b.budget.entityRef, b.entity]));
    const statuses = await this.currentStatuses(budgeted);
    const sentAt = this.clock.now().toISOString();
    const out: BudgetAlert[] = [];
    for (const status of statuses) {
      const entity = entities.get(status.budget.entityRef)!;
      const owner = ownerOf(entity);
      const due = alertRecords(status, sentAt);
      if (!owner || due.length === 0) continue;
      const claimed = await this.deps.store.claimAlerts(due);
      if (claimed.length === 0) continue;
      const keys = new Set(claimed.map(c => c.threshold));
      out.push({
        status,
        owner,
        title: entity.metadata.title ?? entity.metadata.name,
        thresholds: status.thresholdsCrossed.filter(t =>
          keys.has(`${t.kind}:${t.share}`),
        ),
        records: claimed,
      });
    }
    return out;
  }

  /** Forgets an alert that could not be sent, so that the next evaluation sends it. */
  async releaseAlert(alert: BudgetAlert): Promise<void> {
    await this.deps.store.releaseAlerts(alert.records);
  }

  /**
   * Budget adherence in a month (`YYYY-MM`), for the governance KPI: the
   * share of budgets on track at the month's end (or at the last day with
   * data, in the current month) in their period that holds that day, in
   * all and per team (the budgets of the entities its figures roll up).
   * Budgets whose cost is in another currency are not counted.
   */
  async budgetAdherence(month: string): Promise<BudgetAdherence> {
    const last = await this.deps.views.asOf();
    const end = monthEnd(`${month}-01`);
    const at = end < last ? end : last;
    const budgeted = await this.budgeted();
    const entities = await this.deps.catalogEntities();
    const teams = entities
      .filter(e => e?.kind?.toLowerCase() === 'group' && e.metadata?.name)
      .map(entityRefOf)
      .sort();
    const days = await this.deps.attributionStore.allocationDays();
    if (budgeted.length === 0 || !days || at < `${month}-01` || at < days.first)
      return {
        month,
        share: null,
        onTrack: 0,
        total: 0,
        message:
          budgeted.length === 0
            ? 'not measured yet: no budgets exist'
            : 'no cost data in the month',
        byTeam: {},
      };
    const statuses = await this.currentStatuses(budgeted, { asOf: at });
    const byRef = new Map(statuses.map(s => [s.budget.entityRef, s]));
    const byTeam: BudgetAdherence['byTeam'] = {};
    for (const team of teams) {
      const members = await this.deps.attributionStore.members(team);
      const own = [...members.keys()]
        .map(ref => byRef.get(ref))
        .filter((s): s is BudgetStatus => !!s);
      if (own.length) byTeam[team] = adherenceOf(own);
    }
    return { month, ...adherenceOf(statuses), byTeam };
  }
}
