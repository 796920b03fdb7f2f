import { useTheme } from '@material-ui/core/styles';
import type { CostPoint, CostSeries } from '@costwise/plugin-finops-common';
import {
  Bar,
  BarChart,
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

/** Props of {@link CostChart}. */
export interface CostChartProps {
  series: CostSeries[];
  totals: CostPoint[];
  currency: string;
  /** Read by screen readers in place of the bars. */
  description: string;
  height?: number;
}

/** A stacked bar per day or month, one colour per group, with its legend. */
export const CostChart = ({
  series,
  totals,
  currency,
  description,
  height = 300,
}: CostChartProps) => {
  const theme = useTheme();
  // titles for entity refs, short forms for long resource ids
  const labels = useDisplayLabels(series.map(s => s.key));
  const { rows, drawn } = toChart(
    series.map(s => ({ ...s, label: labels.get(s.key) ?? s.label })),
    totals,
    seriesColors(theme),
    theme.palette.text.disabled,
  );
  const axis = { fill: theme.palette.text.secondary, fontSize: 12 };
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
            <XAxis
              dataKey="date"
              tickFormatter={formatDay}
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
              labelFormatter={label => formatDay(String(label))}
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
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <CostLegend series={drawn} currency={currency} />
    </div>
  );
};
