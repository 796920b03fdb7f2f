import { useTheme } from '@material-ui/core/styles';
import type { UnitCostResponse } from '@costwise/plugin-finops-common';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { toRows } from './chartRows';
import { unitLabel } from './labels';

/** The unit cost over the period as a small line; periods without usage are gaps. */
export const UnitCostSparkline = ({
  value,
  name,
}: {
  value: UnitCostResponse;
  name: string;
}) => {
  const theme = useTheme();
  const rows = toRows(value.series);
  const words = { up: 'rising', down: 'falling', flat: 'flat' };
  return (
    <div
      role="img"
      aria-label={`Cost per ${unitLabel(value.unitMetric)} of ${name} per ${
        value.granularity
      }, ${words[value.trend.direction]}`}
      data-testid="finops-unit-sparkline"
      style={{ width: 140, height: 32 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={rows}
          margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
        >
          <YAxis hide domain={['auto', 'auto']} />
          <Line
            type="monotone"
            dataKey="unitCost"
            stroke={theme.palette.secondary.main}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};
