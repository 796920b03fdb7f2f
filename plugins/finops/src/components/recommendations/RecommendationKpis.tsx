import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { RecommendationKpis as Kpis } from '@costwise/plugin-finops-common';
import type { ReactNode } from 'react';
import {
  formatCount,
  formatMoney,
  formatPeriod,
  formatShare,
} from '../shared/format';
import { RecommendationMonths } from './RecommendationMonths';

const Tile = ({
  title,
  children,
  caption,
}: {
  title: string;
  children: ReactNode;
  caption?: ReactNode;
}) => (
  <Box component="li" minWidth={180} flex="1 1 180px">
    <Typography variant="overline" color="textSecondary" component="h3">
      {title}
    </Typography>
    {children}
    {caption && (
      <Typography variant="caption" color="textSecondary" component="p">
        {caption}
      </Typography>
    )}
  </Box>
);

const days = (value: number | null) =>
  value === null
    ? '–'
    : `${formatCount(value)} ${value === 1 ? 'day' : 'days'}`;

/**
 * "N of M" behind the actioned rate. The KPIs carry N (implemented) and the
 * rate N ÷ M, so M is N ÷ rate, exact once rounded; with none implemented M
 * cannot be told apart from the opened ones that expired, so it is not shown.
 */
function actionedOf(kpis: Kpis): string {
  const { implemented, actionedRate } = kpis;
  if (actionedRate === null) return 'none opened in the period';
  if (implemented === 0) return 'none implemented';
  return `${implemented} of ${Math.round(implemented / actionedRate)}`;
}

/**
 * The recommendation KPIs of the period: the share actioned (by count and by
 * saving), how long implementing and a first response take, the backlog
 * left, the saving estimated against the saving realized, and the same
 * month by month. The entity's own and its owning team's use the same
 * panel, told apart by their title and test ids.
 */
export const RecommendationKpis = ({
  kpis,
  title = 'Progress',
  testIdPrefix = 'finops-rec',
}: {
  kpis: Kpis;
  title?: ReactNode;
  /** `finops-rec` for the entity's own; another for the team's. */
  testIdPrefix?: string;
}) => {
  const { currency } = kpis;
  const id = (name: string) => `${testIdPrefix}-${name}`;
  return (
    <Paper variant="outlined" data-testid={id('kpis')}>
      <Box p={2}>
        <Typography variant="h5" component="h2">
          {title}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Recommendations first seen {formatPeriod(kpis.from, kpis.to)}:{' '}
          {kpis.opened}
        </Typography>
        <Box
          component="ul"
          display="flex"
          flexWrap="wrap"
          gridGap={24}
          p={0}
          mt={2}
          mb={0}
          style={{ listStyle: 'none' }}
        >
          <Tile
            title="Actioned"
            caption={`${actionedOf(kpis)} · expired ones left out`}
          >
            <Typography
              variant="h4"
              component="p"
              data-testid={id('kpi-actioned')}
              data-rate={kpis.actionedRate ?? undefined}
              data-implemented={kpis.implemented}
            >
              {kpis.actionedRate === null
                ? '–'
                : formatShare(kpis.actionedRate)}
            </Typography>
          </Tile>
          <Tile
            title="Actioned by saving"
            caption="weighted by estimated saving"
          >
            <Typography
              variant="h4"
              component="p"
              data-testid={id('kpi-actioned-savings')}
              data-rate={kpis.actionedRateBySavings ?? undefined}
            >
              {kpis.actionedRateBySavings === null
                ? '–'
                : formatShare(kpis.actionedRateBySavings)}
            </Typography>
          </Tile>
          <Tile title="Time to implement" caption="from first seen">
            <Typography
              variant="body1"
              component="p"
              data-testid={id('kpi-implement-days')}
              data-median={kpis.timeToImplementDays.median ?? undefined}
              data-p90={kpis.timeToImplementDays.p90 ?? undefined}
            >
              median <strong>{days(kpis.timeToImplementDays.median)}</strong>
              <br />
              p90 <strong>{days(kpis.timeToImplementDays.p90)}</strong>
            </Typography>
          </Tile>
          <Tile
            title="Time to first response"
            caption="acknowledged, deferred, dismissed or implemented"
          >
            <Typography
              variant="body1"
              component="p"
              data-testid={id('kpi-response-days')}
              data-median={kpis.timeToFirstResponseDays.median ?? undefined}
              data-p90={kpis.timeToFirstResponseDays.p90 ?? undefined}
            >
              median{' '}
              <strong>{days(kpis.timeToFirstResponseDays.median)}</strong>
              <br />
              p90 <strong>{days(kpis.timeToFirstResponseDays.p90)}</strong>
            </Typography>
          </Tile>
          <Tile
            title="Open backlog"
            caption="open, acknowledged or deferred, now"
          >
            <Typography
              variant="h4"
              component="p"
              data-testid={id('kpi-backlog')}
              data-count={kpis.backlog.count}
              data-amount={kpis.backlog.monthlySavings}
            >
              {kpis.backlog.count}
            </Typography>
            <Typography variant="body2" component="p">
              {formatMoney(kpis.backlog.monthlySavings, currency)}/month to save
            </Typography>
          </Tile>
          <Tile
            title="Savings"
            caption="realized: of the implemented ones verified in the cost data"
          >
            <Typography
              variant="body1"
              component="p"
              data-testid={id('kpi-savings')}
              data-estimated={kpis.estimatedSavingsImplemented}
              data-realized={kpis.realizedSavings}
            >
              estimated{' '}
              <strong>
                {formatMoney(kpis.estimatedSavingsImplemented, currency)}
              </strong>
              /month
              <br />
              realized{' '}
              <strong>{formatMoney(kpis.realizedSavings, currency)}</strong>
              /month
            </Typography>
          </Tile>
        </Box>
        <RecommendationMonths
          months={kpis.months}
          currency={currency}
          testId={id('months')}
        />
      </Box>
    </Paper>
  );
};
