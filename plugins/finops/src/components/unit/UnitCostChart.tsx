import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import type { UnitCostResponse } from '@costwise/plugin-finops-common';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipProps,
} from 'recharts';
import {
  formatCount,
  formatCountShort,
  formatDay,
  formatLongDay,
  formatMoney,
  formatMoneyShort,
  formatUnitMoney,
} from '../shared/format';
import { hasUsage, toRows, type UnitCostRow } from './chartRows';
import { unitLabel } from './labels';

const UnitTooltip = ({
  active,
  payload,
  currency,
  metricName,
  perLabel,
}: TooltipProps<number, string> & {
  currency: string;
  metricName: string;
  perLabel: string;
}) => {
  const theme = useTheme();
  const row = payload?.[0]?.payload as UnitCostRow | undefined;
  if (!active || !row) return null;
  const { point } = row;
  return (
    <Box
      p={1}
      border={1}
      borderRadius={4}
      style={{
        background: theme.palette.background.paper,
        borderColor: theme.palette.divider,
        color: theme.palette.text.primary,
      }}
    >
      <Typography variant="subtitle2">{formatLongDay(point.date)}</Typography>
      <Typography variant="body2">
        Cost: {formatMoney(point.cost, currency)}
      </Typography>
      <Typography variant="body2">
        {metricName}:{' '}
        {point.metric === null ? 'no usage' : formatCount(point.metric)}
      </Typography>
      <Typography variant="body2">
        Cost per {perLabel}:{' '}
        {hasUsage(point)
          ? formatUnitMoney(point.unitCost!, currency)
          : 'no usage'}
      </Typography>
    </Box>
  );
};

/**
 * Cost (area, left axis), the metric (bars, right axis) and the cost per
 * unit (line, outer right axis, in its colour) per day or month. Periods without usage
 * leave a gap in the line instead of a division by zero.
 */
export const UnitCostChart = ({
  value,
  height = 280,
}: {
  value: UnitCostResponse;
  height?: number;
}) => {
  const theme = useTheme();
  // a phone has no room for three axes: the cost per unit alone is drawn
  const narrow = useMediaQuery(theme.breakpoints.down('xs'));
  const rows = toRows(value.series);
  const partial = new Set(value.series.filter(p => p.partial).map(p => p.date));
  const tick = (date: string) =>
    partial.has(date) ? `${formatDay(date)} (partial)` : formatDay(date);
  const { currency } = value;
  const metricName = value.unitMetric?.metric ?? 'metric';
  const perLabel = unitLabel(value.unitMetric);
  const axis = { fill: theme.palette.text.secondary, fontSize: 12 };
  const colors = {
    cost: theme.palette.primary.main,
    metric: theme.palette.text.disabled,
    unit: theme.palette.secondary.main,
  };
  const legend = narrow
    ? [
        {
          key: 'unit',
          label: `Cost per ${perLabel} (the table below has cost and ${metricName})`,
          color: colors.unit,
        },
      ]
    : [
        { key: 'cost', label: 'Cost (left axis)', color: colors.cost },
        {
          key: 'metric',
          label: `${metricName} (bars, right axis)`,
          color: colors.metric,
        },
        {
          key: 'unit',
          label: `Cost per ${perLabel} (line, outer right axis)`,
          color: colors.unit,
        },
      ];
  return (
    <div data-testid="finops-unit-cost-chart">
      <div
        role="img"
        aria-label={`Cost, ${metricName} and cost per ${perLabel} per ${value.granularity} from ${value.from} to ${value.to}`}
        style={{ width: '100%', height }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={rows}
            margin={{ top: 8, right: 8, left: 8, bottom: 0 }}
          >
            <CartesianGrid stroke={theme.palette.divider} vertical={false} />
            <XAxis
              dataKey="date"
              tickFormatter={tick}
              tick={axis}
              stroke={theme.palette.divider}
            />
            <YAxis
              yAxisId="cost"
              hide={narrow}
              tickFormatter={v => formatMoneyShort(Number(v), currency)}
              tick={axis}
              stroke={theme.palette.divider}
              width={72}
            />
            <YAxis
              yAxisId="metric"
              hide={narrow}
              orientation="right"
              tickFormatter={v => formatCountShort(Number(v))}
              tick={axis}
              stroke={theme.palette.divider}
              width={56}
            />
            <YAxis
              yAxisId="unit"
              orientation={narrow ? 'left' : 'right'}
              tickFormatter={v => formatUnitMoney(String(v), currency)}
              tick={{ ...axis, fill: colors.unit }}
              stroke={theme.palette.divider}
              width={72}
            />
            <Tooltip
              content={
                <UnitTooltip
                  currency={currency}
                  metricName={metricName}
                  perLabel={perLabel}
                />
              }
              cursor={{ fill: theme.palette.action.hover }}
            />
            {!narrow && (
              <Bar
                yAxisId="metric"
                dataKey="metric"
                name={metricName}
                fill={colors.metric}
                fillOpacity={0.35}
                isAnimationActive={false}
              />
            )}
            {!narrow && (
              <Area
                yAxisId="cost"
                type="monotone"
                dataKey="cost"
                name="Cost"
                stroke={colors.cost}
                fill={colors.cost}
                fillOpacity={0.15}
                strokeWidth={2}
                isAnimationActive={false}
              />
            )}
            <Line
              yAxisId="unit"
              type="monotone"
              dataKey="unitCost"
              name={`Cost per ${perLabel}`}
              stroke={colors.unit}
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <Box
        component="ul"
        display="flex"
        flexWrap="wrap"
        gridGap={16}
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        {legend.map(l => (
          <Box component="li" key={l.key} display="flex" alignItems="center">
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 2,
                marginRight: 6,
                backgroundColor: l.color,
              }}
            />
            <Typography variant="body2" component="span">
              {l.label}
            </Typography>
          </Box>
        ))}
      </Box>
    </div>
  );
};
