import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { KpiValue } from '@costwise/plugin-finops-common';
import type { ReactNode } from 'react';
import { formatShare, formatUnitMoney } from '../shared/format';
import { formatKpiNumber } from './kpiFormat';
import {
  p90Of,
  providerCoverage,
  trendFigures,
  type TrendFigure,
} from './kpiDetailFigures';

/** A unit cost's slope per month with its sign: "+$0.0012/month", "−$0.35/month". */
export function formatSlope(slope: number, currency: string): string {
  const amount = formatUnitMoney(Math.abs(slope).toFixed(6), currency);
  if (slope === 0 || amount === formatUnitMoney('0', currency))
    return `${amount}/month`;
  return `${slope < 0 ? '−' : '+'}${amount}/month`;
}

/** "−4.2%, slope −$0.0012/month", or why there is no trend. */
export function formatTrend(figure: TrendFigure, currency: string): string {
  if (figure.change === null && figure.slope === null)
    return 'fewer than two whole months with usage';
  const parts: string[] = [];
  if (figure.change !== null)
    parts.push(formatKpiNumber(figure.change, 'change', currency));
  if (figure.slope !== null)
    parts.push(`slope ${formatSlope(figure.slope, currency)}`);
  return parts.join(', ');
}

const Line = ({
  children,
  testId,
  ...data
}: {
  children: ReactNode;
  testId: string;
} & Record<`data-${string}`, string | undefined>) => (
  <Typography
    variant="caption"
    color="textSecondary"
    display="block"
    style={{ whiteSpace: 'nowrap' }}
    data-testid={testId}
    {...data}
  >
    {children}
  </Typography>
);

const share = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : formatShare(value);

/**
 * What the KPI's value stands on, in secondary lines under it: the 90th
 * percentile next to a median time to action, a team's unit cost trend over
 * 3, 6 and 12 months (change and slope), coverage per provider (any rule,
 * and explicit rules when the API gives it). Nothing for the other KPIs.
 */
export const KpiDetailLines = ({
  kpi,
  kpis,
  currency,
}: {
  kpi: KpiValue;
  /** The KPIs of the same scope: coverage by provider joins two of them. */
  kpis: KpiValue[];
  currency: string;
}) => {
  const lines: ReactNode[] = [];
  if (kpi.id === 'time-to-action') {
    const p90 = p90Of(kpi);
    if (p90 !== null)
      lines.push(
        <Line key="p90" testId="finops-kpi-p90" data-p90={String(p90)}>
          median · p90 {formatKpiNumber(p90, 'days', currency)}
        </Line>,
      );
  }
  if (kpi.id === 'unit-cost-trend') {
    for (const figure of trendFigures(kpi)) {
      lines.push(
        <Line
          key={figure.months}
          testId="finops-kpi-trend"
          data-months={String(figure.months)}
          data-change={figure.change === null ? '' : String(figure.change)}
          data-slope={figure.slope === null ? '' : String(figure.slope)}
        >
          {figure.months} months: {formatTrend(figure, currency)}
        </Line>,
      );
    }
    const teams = kpi.detail?.teams;
    if (typeof teams === 'number' && kpi.value !== null)
      lines.push(
        <Line key="teams" testId="finops-kpi-trend-teams">
          median of {teams} {teams === 1 ? "team's" : "teams'"} 3-month trends
        </Line>,
      );
  }
  if (kpi.id === 'attribution-coverage' || kpi.id === 'explicit-coverage') {
    const explicitOnly = kpi.id === 'explicit-coverage';
    for (const p of providerCoverage(kpis)) {
      if (explicitOnly && p.explicit === undefined) continue;
      lines.push(
        <Line
          key={p.provider}
          testId="finops-kpi-provider"
          data-provider={p.provider}
          data-any={p.any === null ? '' : String(p.any)}
          data-explicit={
            p.explicit === undefined || p.explicit === null
              ? ''
              : String(p.explicit)
          }
        >
          {p.provider}:{' '}
          {explicitOnly
            ? `${share(p.explicit)} explicit`
            : `${share(p.any)} any rule${
                p.explicit === undefined
                  ? ''
                  : `, ${share(p.explicit)} explicit`
              }`}
        </Line>,
      );
    }
  }
  if (lines.length === 0) return null;
  return (
    <Box mt={0.5} data-testid="finops-kpi-detail">
      {lines}
    </Box>
  );
};
