import { useTheme } from '@material-ui/core/styles';
import type { CostPoint, CostSeries } from '@costwise/plugin-finops-common';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import {
  Bar,
  BarChart,
  Cell,
  CartesianGrid,
  ReferenceDot,
  ReferenceLine,
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
  /** Anomalies to mark on their day (or month), each opening its explanation. */
  anomalies?: ChartAnomaly[];
  onAnomalyClick?: (id: string) => void;
  /** A budget drawn as a line: per bar (a month's budget, or a day's pace). */
  budget?: { amount: number; label: string };
}

/** An anomaly as the chart marks it. */
export interface ChartAnomaly {
  id: string;
  /** Its first day, `YYYY-MM-DD`. */
  day: string;
  /** Read out and shown on hover: "Anomaly: +$1,234.56 (AWS Lambda)". */
  label: string;
}

/** The bar an anomaly's day falls in: the day itself, or its month. */
function barOf(day: string, dates: Set<string>): string | undefined {
  if (dates.has(day)) return day;
  const month = day.slice(0, 7);
  return dates.has(month) ? month : undefined;
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
  anomalies = [],
  onAnomalyClick,
  budget,
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
  const dates = new Set(rows.map(r => r.date));
  const stackTop = (date: string) => {
    const row = rows.find(r => r.date === date);
    if (!row) return 0;
    return Object.entries(row).reduce(
      (sum, [key, v]) =>
        key !== 'date' && typeof v === 'number' ? sum + v : sum,
      0,
    );
  };
  const marks = anomalies.flatMap(a => {
    const bar = barOf(a.day, dates);
    return bar ? [{ ...a, bar, y: stackTop(bar) }] : [];
  });
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
            {budget && (
              <ReferenceLine
                y={budget.amount}
                stroke={theme.palette.warning.main}
                strokeDasharray="6 4"
                ifOverflow="extendDomain"
                label={{
                  value: budget.label,
                  position: 'insideTopRight',
                  fill: theme.palette.text.secondary,
                  fontSize: 12,
                }}
              />
            )}
            {marks.map(m => (
              <ReferenceDot
                key={m.id}
                x={m.bar}
                y={m.y}
                ifOverflow="extendDomain"
                shape={(props: { cx?: number; cy?: number }) => (
                  <g
                    role="button"
                    tabIndex={0}
                    aria-label={m.label}
                    data-testid="finops-chart-anomaly"
                    data-id={m.id}
                    data-day={m.day}
                    style={{ cursor: onAnomalyClick ? 'pointer' : undefined }}
                    onClick={() => onAnomalyClick?.(m.id)}
                    onKeyDown={e => {
                      if (e.key === 'Enter' || e.key === ' ')
                        onAnomalyClick?.(m.id);
                    }}
                  >
                    <title>{m.label}</title>
                    <circle
                      cx={props.cx}
                      cy={(props.cy ?? 0) - 10}
                      r={7}
                      fill={theme.palette.error.main}
                      stroke={theme.palette.background.paper}
                      strokeWidth={2}
                    />
                    <text
                      x={props.cx}
                      y={(props.cy ?? 0) - 6}
                      textAnchor="middle"
                      fontSize={10}
                      fontWeight="bold"
                      fill={theme.palette.error.contrastText}
                    >
                      !
                    </text>
                  </g>
                )}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <CostLegend series={drawn} currency={currency} />
      {budget && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="finops-chart-budget"
        >
          Dashed line: {budget.label}.
        </Typography>
      )}
      {marks.length > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="finops-chart-anomalies-note"
        >
          Anomalies (marked !):{' '}
          {marks.map((m, i) => (
            <span key={m.id}>
              {i > 0 ? ', ' : ''}
              <Link
                component="button"
                variant="caption"
                aria-label={m.label}
                data-testid="finops-chart-anomaly-link"
                data-day={m.day}
                onClick={() => onAnomalyClick?.(m.id)}
              >
                {formatDay(m.day)}
              </Link>
            </span>
          ))}
          . Open one to see what moved.
        </Typography>
      )}
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
