import { useTheme } from '@material-ui/core/styles';
import type { AskChart as AskChartData } from '@costwise/plugin-finops-common';
import {
  Bar,
  BarChart,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatDay,
  formatLongDay,
  formatMoney,
  formatMoneyShort,
  formatUnitMoney,
  toNumber,
} from '../shared/format';

/**
 * The small series of an answer where a trend or a day matters: a bar per
 * day or month, the day the answer is about drawn in the accent colour.
 * `unit` is a currency, or `per <unit>` for unit cost (in `currency`).
 */
export const AskChart = ({
  chart,
  currency,
}: {
  chart: AskChartData;
  currency: string;
}) => {
  const theme = useTheme();
  const perUnit = chart.unit.startsWith('per ');
  const money = perUnit ? currency : chart.unit;
  const format = (amount: string) =>
    perUnit
      ? `${formatUnitMoney(amount, money)} ${chart.unit}`
      : formatMoney(amount, money);
  const data = chart.points.map(p => ({
    date: p.date,
    value: toNumber(p.amount),
    exact: p.amount,
  }));
  const description = `${perUnit ? `Cost ${chart.unit}` : 'Cost'} per ${
    chart.granularity
  }${
    chart.points.length > 0
      ? ` from ${formatLongDay(chart.points[0].date)} to ${formatLongDay(
          chart.points[chart.points.length - 1].date,
        )}`
      : ''
  }${chart.highlight ? `, ${formatLongDay(chart.highlight)} marked` : ''}`;
  return (
    <div
      role="img"
      aria-label={description}
      data-testid="finops-ask-chart"
      data-highlight={chart.highlight ?? ''}
      data-points={chart.points.length}
      style={{ width: '100%', height: 160 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis
            dataKey="date"
            tickFormatter={formatDay}
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
            minTickGap={16}
          />
          <YAxis
            width={56}
            tick={{ fill: theme.palette.text.secondary, fontSize: 11 }}
            tickFormatter={(v: number) =>
              perUnit ? String(v) : formatMoneyShort(v, money)
            }
          />
          <Tooltip
            labelFormatter={label => formatLongDay(String(label))}
            formatter={(_value, _name, item) => [
              format(String(item.payload.exact)),
              perUnit ? 'Unit cost' : 'Cost',
            ]}
            contentStyle={{
              background: theme.palette.background.paper,
              borderColor: theme.palette.divider,
              color: theme.palette.text.primary,
            }}
          />
          <Bar dataKey="value" isAnimationActive={false}>
            {data.map(point => (
              <Cell
                key={point.date}
                fill={
                  point.date === chart.highlight
                    ? theme.palette.secondary.main
                    : theme.palette.primary.main
                }
                fillOpacity={
                  chart.highlight && point.date !== chart.highlight ? 0.55 : 1
                }
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
};
