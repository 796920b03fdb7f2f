import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useCallback, type ReactNode } from 'react';
import {
  useCoverage,
  useGovernanceSpend,
  useUnownedRecommendations,
} from '../../hooks/useGovernance';
import { isNotAllowed } from '../shared/CostErrorPanel';
import { ContestedClaims } from './ContestedClaims';
import { CoverageWorklist } from './CoverageWorklist';
import { SpendByProvider, TopMovers } from './SpendPanels';
import { UnownedRecommendations } from './UnownedRecommendations';

/**
 * One admin view's request: a bar while it loads, the failure when it
 * fails, nothing when refused (the caller lost the admin role meanwhile).
 * A second view of the same request (`again`) says nothing of either.
 */
function section<T>(
  state: { loading: boolean; error?: Error; value?: T },
  render: (value: T) => ReactNode,
  again = false,
): ReactNode {
  if (state.error) {
    return isNotAllowed(state.error) || again ? null : (
      <ResponseErrorPanel error={state.error} />
    );
  }
  if (state.value === undefined) {
    return state.loading && !again ? <Progress /> : null;
  }
  return render(state.value);
}

/**
 * The FinOps admins' part of the page: the month's spend by provider and
 * top movers, the month's attribution worklist and contested claims, and
 * the recommendations no one owns, each with the owner suggested for it.
 */
export const AdminPanels = ({
  month,
  shownMonth,
}: {
  /** The month picked; undefined for the latest. */
  month?: string;
  /**
   * The month the page shows: the one picked, or the latest one's while
   * none is.
   */
  shownMonth?: string;
}) => {
  const spend = useGovernanceSpend(month);
  const coverage = useCoverage(shownMonth);
  const unowned = useUnownedRecommendations();
  const { retry: retryCoverage } = coverage;
  const { retry: retryUnowned } = unowned;
  const afterConfirm = useCallback(() => {
    retryCoverage();
    retryUnowned();
  }, [retryCoverage, retryUnowned]);
  return (
    <>
      <Grid item xs={12} md={6}>
        {section(spend, value => (
          <SpendByProvider spend={value} />
        ))}
      </Grid>
      <Grid item xs={12} md={6}>
        {section(
          spend,
          value => (
            <TopMovers spend={value} />
          ),
          true,
        )}
      </Grid>
      <Grid item xs={12}>
        {section(coverage, value => (
          <CoverageWorklist
            coverage={value}
            month={value.month}
            onChanged={coverage.retry}
          />
        ))}
      </Grid>
      <Grid item xs={12}>
        {section(
          coverage,
          value => (
            <ContestedClaims
              claims={value.contested ?? []}
              onChanged={coverage.retry}
            />
          ),
          true,
        )}
      </Grid>
      <Grid item xs={12}>
        {section(unowned, value => (
          <UnownedRecommendations
            items={value}
            coverage={coverage.value}
            onChanged={afterConfirm}
          />
        ))}
      </Grid>
    </>
  );
};
