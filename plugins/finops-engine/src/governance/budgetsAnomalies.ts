import type { BudgetAdherenceFigures } from '@costwise/plugin-finops-common';
import type { AnomalyService } from '../anomalies';
import type { BudgetService } from '../budgets';
import { Figure, measured } from './types';

const NO_BUDGETS = 'not measured yet: no budgets exist';

/** Budget adherence and anomaly response of a month, per scope. */
export class BudgetAnomalyFigures {
  private constructor(
    private readonly month: string,
    private readonly adherence:
      | Awaited<ReturnType<BudgetService['budgetAdherence']>>
      | undefined,
    private readonly anomalies?: Pick<AnomalyService, 'response'>,
  ) {}

  static async of(
    month: string,
    budgets?: Pick<BudgetService, 'budgetAdherence'>,
    anomalies?: Pick<AnomalyService, 'response'>,
  ): Promise<BudgetAnomalyFigures> {
    const adherence = budgets
      ? await budgets.budgetAdherence(month)
      : undefined;
    return new BudgetAnomalyFigures(month, adherence, anomalies);
  }

  private static adherenceFigure(
    figures: BudgetAdherenceFigures | undefined,
    none: string,
  ): Figure {
    return measured(figures?.share ?? null, none, {
      onTrack: figures?.onTrack ?? 0,
      budgets: figures?.total ?? 0,
    });
  }

  /** The organization's budget adherence; "not measured yet" without budgets. */
  organizationAdherence(): Figure {
    if (!this.adherence) return { value: null, message: NO_BUDGETS };
    return BudgetAnomalyFigures.adherenceFigure(
      this.adherence,
      this.adherence.message ?? NO_BUDGETS,
    );
  }

  /** A team's budget adherence, from its own budgets. */
  teamAdherence(team: string): Figure {
    if (!this.adherence) return this.organizationAdherence();
    return BudgetAnomalyFigures.adherenceFigure(
      this.adherence.byTeam[team],
      'not measured: the team has no budget',
    );
  }

  /** The median days from an anomaly of the entities detected to its first response. */
  async response(entityRefs: string[]): Promise<Figure> {
    if (!this.anomalies)
      return {
        value: null,
        message: 'not measured yet: no anomalies are tracked',
      };
    const r = await this.anomalies.response({ entityRefs, month: this.month });
    const days = (hours: number | null) =>
      hours === null ? null : Math.round((hours / 24) * 100) / 100;
    return measured(
      days(r.medianHoursToAcknowledge),
      r.count === 0
        ? 'no anomaly in the month'
        : 'no anomaly of the month has had a response yet',
      {
        anomalies: r.count,
        open: r.open,
        daysToDetect: days(r.medianHoursToDetect),
        daysToResolve: days(r.medianHoursToResolve),
      },
    );
  }
}
