import { useTheme } from '@material-ui/core/styles';
import type { CostPoint } from '@costwise/plugin-finops-common';
import { Area, AreaChart, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { formatDay, formatMoney, toNumber } from '../shared/format';

/** The last 30 days of daily cost, small enough for a card. */
export const CostSparkline = ({
  points,
  currency,
}: {
  points: CostPoint[];
  currency: string;
}) => {
  const theme = useTheme();
  const data = points.map(p => ({
    date: p.date,
    amount: toNumber(p.amount),
    exact: p.amount,
  }));
  return (
    <div
      role="img"
      aria-label={`Daily cost over the last ${points.length} days`}
      data-testid="finops-sparkline"
      style={{ width: '100%', height: 56 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart
          data={data}
          margin={{ top: 4, right: 0, bottom: 0, left: 0 }}
        >
          <YAxis hide domain={[0, 'auto']} />
          <Tooltip
            labelFormatter={(_label, payload) =>
              formatDay(String(payload?.[0]?.payload?.date ?? ''))
            }
            formatter={(_value, _name, item) => [
              formatMoney(String(item.payload.exact), currency),
              'Cost',
            ]}
            contentStyle={{
              background: theme.palette.background.paper,
              borderColor: theme.palette.divider,
              color: theme.palette.text.primary,
            }}
          />
          <Area
            type="monotone"
            dataKey="amount"
            stroke={theme.palette.primary.main}
            fill={theme.palette.primary.main}
            fillOpacity={0.15}
            strokeWidth={2}
            isAnimationActive={false}
            dot={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
};
