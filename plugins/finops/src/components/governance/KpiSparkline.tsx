import { useTheme } from '@material-ui/core/styles';
import type { KpiValue } from '@costwise/plugin-finops-common';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { formatKpiNumber, formatMonth } from './kpiFormat';

/**
 * The KPI over the last 12 months as a small line; months without a value
 * are gaps, not zeros. The label says where it went, for screen readers.
 */
export const KpiSparkline = ({
  kpi,
  currency,
}: {
  kpi: KpiValue;
  currency: string;
}) => {
  const theme = useTheme();
  const measured = kpi.history.filter(
    (h): h is { month: string; value: number } => h.value !== null,
  );
  if (measured.length === 0) {
    return (
      <span
        style={{ color: theme.palette.text.secondary }}
        data-testid="finops-kpi-sparkline"
        data-points={0}
      >
        No history yet
      </span>
    );
  }
  const first = measured[0];
  const last = measured[measured.length - 1];
  const label =
    measured.length === 1
      ? `${kpi.title}: ${formatKpiNumber(
          last.value,
          kpi.unit,
          currency,
        )} in ${formatMonth(last.month)}, the only month measured`
      : `${kpi.title} over the last 12 months: from ${formatKpiNumber(
          first.value,
          kpi.unit,
          currency,
        )} in ${formatMonth(first.month)} to ${formatKpiNumber(
          last.value,
          kpi.unit,
          currency,
        )} in ${formatMonth(last.month)}`;
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="finops-kpi-sparkline"
      data-points={measured.length}
      style={{ width: 120, height: 32 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={kpi.history}
          margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
        >
          <YAxis hide domain={['auto', 'auto']} />
          <Line
            type="monotone"
            dataKey="value"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            dot={measured.length === 1}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};
