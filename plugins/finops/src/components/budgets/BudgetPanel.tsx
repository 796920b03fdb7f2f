import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  BudgetStatus,
  EntityBudgetResponse,
} from '@costwise/plugin-finops-common';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
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
  formatShare,
  toNumber,
} from '../shared/format';
import { CostErrorPanel, isNotAllowed } from '../shared/CostErrorPanel';
import { BudgetStatusChip } from './BudgetStatusChip';
import { budgetText, BUDGET_STATE_LABELS } from './labels';

const Figure = ({
  label,
  children,
  testId,
  amount,
}: {
  label: string;
  children: React.ReactNode;
  testId: string;
  amount?: string;
}) => (
  <Box minWidth={130}>
    <Typography variant="caption" color="textSecondary">
      {label}
    </Typography>
    <Typography variant="h6" data-testid={testId} data-amount={amount}>
      {children}
    </Typography>
  </Box>
);

/** Cumulative spend, the forecast with its band, the even pace and the budget over the period. */
const BurnChart = ({ status }: { status: BudgetStatus }) => {
  const theme = useTheme();
  const currency = status.budget.currency;
  const rows = status.series.map(p => ({
    date: p.date,
    spent: p.spent === undefined ? undefined : toNumber(p.spent),
    forecast:
      p.forecast === undefined ? undefined : toNumber(p.forecast.amount),
    band:
      p.forecast === undefined
        ? undefined
        : [toNumber(p.forecast.low), toNumber(p.forecast.high)],
    pace: toNumber(p.pace),
  }));
  // the forecast line starts where the spend ends
  const lastSpent = [...rows].reverse().find(r => r.spent !== undefined);
  if (lastSpent) {
    lastSpent.forecast = lastSpent.spent;
    lastSpent.band = [lastSpent.spent!, lastSpent.spent!];
  }
  const axis = { fill: theme.palette.text.secondary, fontSize: 12 };
  return (
    <div
      role="img"
      aria-label={`Spend against the budget of ${budgetText(
        status.budget,
      )} from ${status.period.from} to ${status.period.to}: ${status.message}`}
      style={{ width: '100%', height: 220 }}
      data-testid="finops-budget-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={rows}
          margin={{ top: 16, right: 8, left: 8, bottom: 0 }}
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
            formatter={(value, name) => [
              Array.isArray(value)
                ? `${formatMoneyShort(
                    Number(value[0]),
                    currency,
                  )} – ${formatMoneyShort(Number(value[1]), currency)}`
                : formatMoneyShort(Number(value), currency),
              name,
            ]}
            contentStyle={{
              background: theme.palette.background.paper,
              borderColor: theme.palette.divider,
              color: theme.palette.text.primary,
            }}
          />
          <Area
            dataKey="band"
            name="Forecast, 90% band"
            stroke="none"
            fill={theme.palette.primary.light}
            fillOpacity={0.25}
            isAnimationActive={false}
          />
          <Area
            dataKey="spent"
            name="Spent"
            stroke={theme.palette.primary.main}
            fill={theme.palette.primary.main}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
          <Line
            dataKey="forecast"
            name="Forecast"
            stroke={theme.palette.primary.main}
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="pace"
            name="Even pace"
            stroke={theme.palette.text.disabled}
            dot={false}
            isAnimationActive={false}
          />
          <ReferenceLine
            y={toNumber(status.budget.amount)}
            stroke={theme.palette.warning.main}
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
            label={{
              value: `Budget ${formatMoneyShort(
                toNumber(status.budget.amount),
                currency,
              )}`,
              position: 'insideTopLeft',
              fill: theme.palette.text.secondary,
              fontSize: 12,
            }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
};

/** The figures of a budget's current period. */
export const BudgetFigures = ({ status }: { status: BudgetStatus }) => {
  const currency = status.budget.currency;
  return (
    <Box display="flex" flexWrap="wrap" gridGap={24} my={1}>
      <Figure label="Spent" testId="finops-budget-spent" amount={status.spent}>
        {formatMoney(status.spent, currency)}{' '}
        <Typography variant="body2" component="span" color="textSecondary">
          {formatShare(status.shareSpent, 0)}
        </Typography>
      </Figure>
      <Figure
        label="Forecast at the period's end"
        testId="finops-budget-forecast"
        amount={status.forecast.amount}
      >
        {formatMoney(status.forecast.amount, currency)}
        <Typography variant="caption" component="p" color="textSecondary">
          90%: {formatMoney(status.forecast.low, currency)} –{' '}
          {formatMoney(status.forecast.high, currency)}
        </Typography>
      </Figure>
      <Figure
        label="Burn rate"
        testId="finops-budget-burn"
        amount={status.burnRate}
      >
        {formatMoney(status.burnRate, currency)}/day
        <Typography variant="caption" component="p" color="textSecondary">
          {formatMoney(status.allowedPerDay, currency)}/day left to stay within
        </Typography>
      </Figure>
      <Figure label="Days left" testId="finops-budget-days-left">
        {status.daysLeft}
        <Typography variant="caption" component="p" color="textSecondary">
          of {status.daysElapsed + status.daysLeft}
        </Typography>
      </Figure>
    </Box>
  );
};

/**
 * An entity's budget on its Costs tab: the current period's spend, forecast,
 * burn rate and days left against the budget, the chart of it, and the
 * periods before; or, without a budget, how to set one.
 */
export const BudgetPanel = ({
  entityRef,
  value,
  loading,
  error,
}: {
  entityRef: string;
  value?: EntityBudgetResponse;
  loading: boolean;
  error?: Error;
}) => {
  if (loading && !value) return <Progress />;
  if (error)
    return isNotAllowed(error) ? null : <CostErrorPanel error={error} />;
  if (!value || value.empty?.reason === 'kind-not-budgeted') return null;
  const status = value.current;
  return (
    <Paper
      variant="outlined"
      data-testid="finops-budget"
      data-entity={entityRef}
    >
      <Box p={2}>
        <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
          <Typography variant="h5" component="h2">
            Budget
          </Typography>
          {status && <BudgetStatusChip status={status.status} />}
          {value.budget && (
            <Typography variant="body2" color="textSecondary">
              {budgetText(value.budget)} ·{' '}
              {value.budget.source === 'admin'
                ? `set by ${value.budget.setBy ?? 'a FinOps admin'}${
                    value.budget.setAt
                      ? ` on ${formatLongDay(value.budget.setAt.slice(0, 10))}`
                      : ''
                  }`
                : 'from the costwise.dev/budget annotation'}
              {value.overridden
                ? ` (overrides the annotation's ${budgetText(
                    value.overridden,
                  )})`
                : ''}
            </Typography>
          )}
        </Box>
        {value.empty && (
          <Typography
            variant="body2"
            data-testid="finops-budget-empty"
            style={{ marginTop: 8 }}
          >
            {value.empty.message}
          </Typography>
        )}
        {status && (
          <>
            <Typography
              variant="body1"
              data-testid="finops-budget-message"
              style={{ marginTop: 8 }}
            >
              {status.period.label} ({formatLongDay(status.period.from)} –{' '}
              {formatLongDay(status.period.to)}): {status.message}
            </Typography>
            {status.status !== 'currency-mismatch' && (
              <>
                <BudgetFigures status={status} />
                <BurnChart status={status} />
              </>
            )}
            {status.dataFrom && (
              <Typography variant="caption" color="textSecondary">
                The cost data starts on {formatLongDay(status.dataFrom)}: the
                spend covers the days from it.
              </Typography>
            )}
          </>
        )}
        {value.history.length > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
            data-testid="finops-budget-history"
          >
            Before:{' '}
            {value.history
              .slice(0, 6)
              .map(
                h =>
                  `${h.period.label} ${formatShare(h.shareSpent, 0)} (${
                    BUDGET_STATE_LABELS[h.status]
                  })`,
              )
              .join(' · ')}
          </Typography>
        )}
      </Box>
    </Paper>
  );
};
