import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { EntityCostSummary } from '@costwise/plugin-finops-common';
import { AnnotationWarnings } from '../shared/AnnotationWarnings';
import { formatMoney, formatPeriod } from '../shared/format';
import { HiddenMembersNote } from '../shared/HiddenMembersNote';
import { ChangeIndicator } from './ChangeIndicator';
import { ConfidenceChip } from './ConfidenceChip';
import { CostSparkline } from './CostSparkline';
import { Freshness } from './Freshness';
import { TopDrivers } from './TopDrivers';
import { UnitCostLine } from './UnitCostLine';

/** The card's body once a summary with cost has arrived. */
export const CostSummaryView = ({
  summary,
}: {
  summary: EntityCostSummary;
}) => {
  const { currency } = summary;
  // the card's 30 days end on the last day with data, as the Costs tab's do
  const from = summary.sparkline[0]?.date ?? summary.asOf;
  return (
    <Box display="flex" flexDirection="column" gridGap={12}>
      <Box display="flex" justifyContent="space-between" alignItems="start">
        <Box>
          <Typography variant="overline" color="textSecondary" component="h3">
            Month to date
          </Typography>
          <Typography
            variant="h4"
            component="p"
            data-testid="finops-mtd"
            data-amount={summary.monthToDate}
            data-currency={currency}
          >
            {formatMoney(summary.monthToDate, currency)}
          </Typography>
          <ChangeIndicator change={summary.change} currency={currency} />
        </Box>
        <ConfidenceChip confidence={summary.confidence} currency={currency} />
      </Box>
      <Box display="flex" justifyContent="space-between" flexWrap="wrap">
        <Typography variant="body2" data-testid="finops-forecast">
          Forecast to month end:{' '}
          <strong>{formatMoney(summary.forecast.amount, currency)}</strong>{' '}
          <Typography variant="caption" color="textSecondary" component="span">
            ({formatMoney(summary.forecast.low, currency)} –{' '}
            {formatMoney(summary.forecast.high, currency)})
          </Typography>
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Last month: {formatMoney(summary.lastMonth, currency)}
        </Typography>
      </Box>
      <UnitCostLine
        entityRef={summary.entityRef}
        measure={summary.measure}
        asOf={summary.asOf}
      />
      {summary.sparkline.length > 0 && (
        <Box>
          <Typography variant="caption" color="textSecondary" component="p">
            Daily cost, last 30 days ({formatPeriod(from, summary.asOf)})
          </Typography>
          <CostSparkline points={summary.sparkline} currency={currency} />
        </Box>
      )}
      <TopDrivers
        drivers={summary.topDrivers}
        currency={currency}
        from={from}
        to={summary.asOf}
      />
      <HiddenMembersNote hidden={summary.hiddenMembers} compact />
      <AnnotationWarnings warnings={summary.warnings} />
      <Freshness asOf={summary.asOf} freshness={summary.freshness} />
    </Box>
  );
};
