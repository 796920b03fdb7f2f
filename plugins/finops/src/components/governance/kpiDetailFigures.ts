import type { KpiValue } from '@costwise/plugin-finops-common';

/** The windows of the unit cost trend: 3 months is the KPI, 6 and 12 say whether it lasts. */
export const TREND_WINDOWS = [3, 6, 12] as const;

export type TrendWindow = (typeof TREND_WINDOWS)[number];

/** One window of a team's unit cost trend: the change as a ratio and the slope per month. */
export interface TrendFigure {
  months: TrendWindow;
  change: number | null;
  slope: number | null;
}

const numberOf = (value: string | number | null | undefined) => {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
};

/** The 90th percentile behind a median time to action; null without one. */
export function p90Of(kpi: KpiValue): number | null {
  return numberOf(kpi.detail?.p90);
}

/**
 * A team's unit cost trend over 3, 6 and 12 months, from the KPI's detail
 * (`change3m`, `slope3m`, ...); empty when the detail has none (the
 * organization's KPI, a team without a unit metric).
 */
export function trendFigures(kpi: KpiValue): TrendFigure[] {
  const detail = kpi.detail ?? {};
  if (
    !TREND_WINDOWS.some(m => `change${m}m` in detail || `slope${m}m` in detail)
  )
    return [];
  return TREND_WINDOWS.map(months => ({
    months,
    change: numberOf(detail[`change${months}m`]),
    slope: numberOf(detail[`slope${months}m`]),
  }));
}

/** Attribution coverage of one provider: by any rule, and by explicit rules when known. */
export interface ProviderCoverage {
  provider: string;
  any: number | null;
  explicit?: number | null;
}

const PROVIDER = /^provider:(.+)$/;
const EXPLICIT_PROVIDER = /^explicit[-:]?provider:(.+)$/i;

/**
 * Coverage per provider, from the coverage KPIs' detail: `provider:NAME`
 * of the attribution coverage (any rule), and the explicit share from the
 * explicit coverage's `provider:NAME` (or the attribution coverage's
 * `explicitProvider:NAME`) when the API gives it. Largest gap first would
 * reorder on every month; by provider name instead.
 */
export function providerCoverage(kpis: KpiValue[]): ProviderCoverage[] {
  const any = kpis.find(k => k.id === 'attribution-coverage')?.detail ?? {};
  const explicitKpi = kpis.find(k => k.id === 'explicit-coverage')?.detail;
  const byProvider = new Map<string, ProviderCoverage>();
  const entry = (provider: string) => {
    let found = byProvider.get(provider);
    if (!found) byProvider.set(provider, (found = { provider, any: null }));
    return found;
  };
  for (const [key, value] of Object.entries(any)) {
    const explicit = EXPLICIT_PROVIDER.exec(key);
    if (explicit) {
      entry(explicit[1]).explicit = numberOf(value);
      continue;
    }
    const provider = PROVIDER.exec(key);
    if (provider) entry(provider[1]).any = numberOf(value);
  }
  for (const [key, value] of Object.entries(explicitKpi ?? {})) {
    const provider = PROVIDER.exec(key) ?? EXPLICIT_PROVIDER.exec(key);
    if (provider) entry(provider[1]).explicit = numberOf(value);
  }
  return [...byProvider.values()].sort((a, b) =>
    a.provider.localeCompare(b.provider),
  );
}
