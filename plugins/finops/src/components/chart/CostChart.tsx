import { useTheme } from '@material-ui/core/styles';
import type { CostPoint, CostSeries } from '@costwise/plugin-finops-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import {
  Bar,
  BarChart,
  Cell,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDay, formatMoney, formatMoneyShort } from '../shared/format';
import { seriesColors, toChart } from './chartData';
import { CostLegend } from './CostLegend';
import { useDisplayLabels } from '../shared/useDisplayLabels';
import { methodLabel } from '../shared/labels';

/** "Dec 2026 covers 5 of its 31 days". */
function partialText(month: string, from?: string, to?: string): string {
  const start = DateTime.fromISO(`${month}-01`);
  const days = start.daysInMonth ?? 30;
  if (!from || !to) return `${formatDay(month)} is partial`;
  const first = DateTime.max(start, DateTime.fromISO(from));
  const last = DateTime.min(start.endOf('month'), DateTime.fromISO(to));
  const covered = Math.max(
    0,
    Math.round(last.startOf('day').diff(first.startOf('day'), 'days').days) + 1,
  );
  return `${formatDay(month)} covers ${covered} of its ${days} days`;
}

/** Props of {@link CostChart}. */
export interface CostChartProps {
  series: CostSeries[];
  totals: CostPoint[];
  currency: string;
  /** Read by screen readers in place of the bars. */
  description: string;
  height?: number;
  /** The period shown, to say how much of a partial month it covers. */
  from?: string;
  to?: string;
  /** What the series are: attribution methods are named in words. */
  groupBy?: string;
}

/** A stacked bar per day or month, one colour per group, with its legend. */
export const CostChart = ({
  series,
  totals,
  currency,
  description,
  height = 300,
  from,
  to,
  groupBy,
}: CostChartProps) => {
  const theme = useTheme();
  // titles for entity refs, short forms for long resource ids
  const labels = useDisplayLabels(series.map(s => s.key));
  const { rows, drawn } = toChart(
    series.map(s => ({
      ...s,
      label:
        groupBy === 'method'
          ? methodLabel(s.key)
          : labels.get(s.key) ?? s.label,
    })),
    totals,
    seriesColors(theme),
    theme.palette.text.disabled,
  );
  const axis = { fill: theme.palette.text.secondary, fontSize: 12 };
  // months the period or the data covers only in part: hatched and named
  const partial = new Set(totals.filter(t => t.partial).map(t => t.date));
  const tick = (date: string) =>
    partial.has(date) ? `${formatDay(date)} (partial)` : formatDay(date);
  return (
    <div data-testid="finops-cost-chart">
      <div
        role="img"
        aria-label={description}
        style={{ width: '100%', height }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            margin={{ top: 8, right: 8, left: 8, bottom: 0 }}
          >
            <CartesianGrid stroke={theme.palette.divider} vertical={false} />
            <defs>
              {drawn.map(d => (
                <pattern
                  key={d.dataKey}
                  id={`finops-hatch-${d.dataKey}`}
                  width={6}
                  height={6}
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <rect width={6} height={6} fill={d.color} opacity={0.35} />
                  <line
                    x1={0}
                    y1={0}
                    x2={0}
                    y2={6}
                    stroke={d.color}
                    strokeWidth={3}
                  />
                </pattern>
              ))}
            </defs>
            <XAxis
              dataKey="date"
              tickFormatter={tick}
              tick={axis}
              stroke={theme.palette.divider}
            />
            <YAxis
              tickFormatter={v => formatMoneyShort(Number(v), currency)}
              tick={axis}
              stroke={theme.palette.divider}
              width={72}
            />
            <Tooltip
              labelFormatter={label => tick(String(label))}
              formatter={(value, _name, item) => [
                formatMoney(String(value), currency),
                drawn.find(d => d.dataKey === item.dataKey)?.label ?? '',
              ]}
              cursor={{ fill: theme.palette.action.hover }}
              contentStyle={{
                background: theme.palette.background.paper,
                borderColor: theme.palette.divider,
                color: theme.palette.text.primary,
              }}
            />
            {drawn.map(d => (
              <Bar
                key={d.dataKey}
                dataKey={d.dataKey}
                name={d.label}
                stackId="cost"
                fill={d.color}
                isAnimationActive={false}
              >
                {rows.map(row => (
                  <Cell
                    key={row.date}
                    fill={
                      partial.has(row.date)
                        ? `url(#finops-hatch-${d.dataKey})`
                        : d.color
                    }
                  />
                ))}
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <CostLegend series={drawn} currency={currency} />
      {partial.size > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="finops-partial-periods"
        >
          Hatched: {[...partial].map(m => partialText(m, from, to)).join('; ')}.
          A partial month is not comparable with a whole one.
        </Typography>
      )}
    </div>
  );
};
