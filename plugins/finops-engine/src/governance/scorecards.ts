import {
  KPI_IDS,
  KpiValue,
  TeamScorecard,
} from '@costwise/plugin-finops-common';
import { eachMonth } from '../model';
import type { StoredKpiValue } from '../stores';
import { KPI_DEFINITIONS } from './definitions';
import { shownDetail } from './history';
import { directionOf, statusOf, TargetOf } from './targets';
import { HISTORY_MONTHS, monthsBack, ORGANIZATION } from './types';

/** A stored value's message; a month without a stored value says so. */
function messageOf(stored: StoredKpiValue | undefined): { message?: string } {
  if (!stored) return { message: 'not measured yet: no data for the month' };
  return stored.message ? { message: stored.message } : {};
}

/**
 * Each scope's KPIs of a month (the latest stored when not given) from the
 * stored history: value, target in force, status, direction and the 12
 * months up to it.
 */
export function kpiValues(
  history: StoredKpiValue[],
  scopes: string[],
  month: string | undefined,
  targetOf: TargetOf,
  today: string,
): { month: string; byScope: Map<string, KpiValue[]> } {
  const latest =
    month ||
    history.reduce((m, v) => (v.month > m ? v.month : m), '') ||
    today.slice(0, 7);
  const first = monthsBack(latest, HISTORY_MONTHS - 1);
  const months = eachMonth(`${first}-01`, `${latest}-01`);
  const byScope = new Map<string, KpiValue[]>();
  const index = new Map<string, StoredKpiValue>();
  for (const v of history) index.set(`${v.scope}|${v.kpi}|${v.month}`, v);
  for (const scope of scopes) {
    byScope.set(
      scope,
      KPI_IDS.map(kpi => {
        const def = KPI_DEFINITIONS[kpi];
        const now = index.get(`${scope}|${kpi}|${latest}`);
        const before = index.get(`${scope}|${kpi}|${monthsBack(latest, 1)}`);
        const { target, source } = targetOf(
          kpi,
          scope === ORGANIZATION ? undefined : scope,
        );
        const value = now?.value ?? null;
        const detail = shownDetail(now?.detail);
        return {
          id: kpi,
          title: def.title,
          description: def.description,
          unit: def.unit,
          better: def.better,
          month: latest,
          value,
          ...messageOf(now),
          target,
          targetSource: source,
          status: statusOf(value, target, def.better, def.unit),
          direction: directionOf(
            now?.value ?? null,
            before?.value ?? null,
            def.unit,
          ),
          history: months.map(m => ({
            month: m,
            value: index.get(`${scope}|${kpi}|${m}`)?.value ?? null,
          })),
          ...(detail ? { detail } : {}),
        };
      }),
    );
  }
  return { month: latest, byScope };
}

/** Each team's position on each KPI it is measured on, best first. */
export function rankTeams(
  teams: Array<{ ref: string; kpis: KpiValue[] }>,
): Map<string, TeamScorecard['ranks']> {
  const out = new Map<string, TeamScorecard['ranks']>();
  for (const kpi of KPI_IDS) {
    const better = KPI_DEFINITIONS[kpi].better;
    const measuredTeams = teams
      .map(t => ({ ref: t.ref, value: t.kpis.find(k => k.id === kpi)?.value }))
      .filter(
        (t): t is { ref: string; value: number } =>
          t.value !== null && t.value !== undefined,
      )
      .sort((a, b) =>
        better === 'higher' ? b.value - a.value : a.value - b.value,
      );
    measuredTeams.forEach((t, i) => {
      // ties share the better position
      const position =
        measuredTeams.findIndex(o => o.value === t.value) + 1 || i + 1;
      const ranks = out.get(t.ref) ?? {};
      ranks[kpi] = { position, of: measuredTeams.length };
      out.set(t.ref, ranks);
    });
  }
  return out;
}
