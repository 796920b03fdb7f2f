import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import type { AnomalyService } from '../anomalies';
import { entityRefOf } from '../attribution';
import type { BudgetService } from '../budgets';
import type { UnitCostService } from '../queries';
import type {
  AttributionStore,
  FactRow,
  GovernanceStore,
  MonthAllocation,
  RecommendationStore,
} from '../stores';
import { BudgetAnomalyFigures } from './budgetsAnomalies';
import {
  organizationCommitments,
  overheadFigure,
  teamCommitmentCoverage,
} from './commitments';
import { organizationCoverage, TeamAccounts, teamCoverage } from './coverage';
import { isExplicit, loadMonth } from './monthData';
import { recommendationFigures } from './recommendationFigures';
import {
  Figures,
  GovernanceOptions,
  measured,
  ORGANIZATION,
  ratio,
} from './types';
import { organizationTrend, unitCostTrend } from './unitCostTrend';

/** What computing a month's KPIs reads. */
export interface ComputeDeps {
  store: GovernanceStore;
  attributionStore: AttributionStore;
  recommendations: RecommendationStore;
  unitCosts: UnitCostService;
  budgets?: Pick<BudgetService, 'budgetAdherence'>;
  anomalies?: Pick<AnomalyService, 'response'>;
  catalogEntities: () => Promise<Entity[]>;
  options: GovernanceOptions;
}

/** The catalog's Groups, in ref order. */
export function teamsOf(entities: Entity[]): Entity[] {
  return entities
    .filter(e => e.kind.toLowerCase() === 'group')
    .sort((a, b) => entityRefOf(a).localeCompare(entityRefOf(b)));
}

/**
 * Every scope's KPIs of a month (the organization's, then each team's),
 * from the data up to `lastDay`. `facts` are the month's facts when read
 * already.
 */
export async function computeMonth(
  deps: ComputeDeps,
  month: string,
  lastDay: string,
  facts?: FactRow[],
): Promise<Map<string, Figures>> {
  const { options } = deps;
  const data = await loadMonth(deps, month, lastDay, facts);
  const entities = await deps.catalogEntities();
  const { currency } = data;

  const org: Figures = new Map();
  organizationCoverage(data, org);
  organizationCommitments(data, org);
  org.set('finops-overhead', overheadFigure(data, options.overhead));
  const recs = await deps.recommendations.list({});
  recommendationFigures(recs, month, currency, org);
  const budgetsAnomalies = await BudgetAnomalyFigures.of(
    month,
    deps.budgets,
    deps.anomalies,
  );
  org.set('budget-adherence', budgetsAnomalies.organizationAdherence());
  org.set(
    'anomaly-response',
    await budgetsAnomalies.response(entities.map(entityRefOf)),
  );

  const out = new Map<string, Figures>([[ORGANIZATION, org]]);
  const teams = teamsOf(entities);
  const coverage = teamCoverage(
    data,
    new TeamAccounts(entities, options.accountOwners),
    teams.map(entityRefOf),
  );
  const allocationsByEntity = new Map<string, MonthAllocation[]>();
  for (const a of data.allocations) {
    let list = allocationsByEntity.get(a.entityRef);
    if (!list) allocationsByEntity.set(a.entityRef, (list = []));
    list.push(a);
  }
  const trends: number[] = [];
  for (const team of teams) {
    const ref = entityRefOf(team);
    const figures: Figures = new Map();
    const members = await deps.attributionStore.members(ref);
    const own = [...members.keys()].flatMap(
      m => allocationsByEntity.get(m) ?? [],
    );
    const teamTotal = Decimal.sum(own.map(data.amountOf));
    figures.set(
      'explicit-coverage',
      measured(
        ratio(
          Decimal.sum(own.filter(isExplicit).map(data.amountOf)),
          teamTotal,
        ),
        'no cost in the month',
        { total: teamTotal.toString(), currency },
      ),
    );
    figures.set('attribution-coverage', coverage.get(ref)!);
    figures.set('commitment-coverage', teamCommitmentCoverage(data, own));
    for (const kpi of ['commitment-utilization', 'finops-overhead'] as const)
      figures.set(kpi, {
        value: null,
        message: 'measured for the organization',
      });
    recommendationFigures(
      recs.filter(r => r.ownerRef !== null && members.has(r.ownerRef)),
      month,
      currency,
      figures,
    );
    const trend = await unitCostTrend(
      deps.unitCosts,
      team,
      month,
      data.to,
      options.measure,
    );
    figures.set('unit-cost-trend', trend);
    if (trend.value !== null) trends.push(trend.value);
    figures.set('budget-adherence', budgetsAnomalies.teamAdherence(ref));
    figures.set(
      'anomaly-response',
      await budgetsAnomalies.response([...members.keys()]),
    );
    out.set(ref, figures);
  }
  org.set('unit-cost-trend', organizationTrend(trends));
  return out;
}
