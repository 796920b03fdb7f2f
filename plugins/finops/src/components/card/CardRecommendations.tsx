import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useRecommendations } from '../../hooks/useRecommendations';
import { OPEN_STATUSES, resourceLabel } from '../recommendations/labels';
import { isNotAllowed } from '../shared/CostErrorPanel';
import { formatMoney } from '../shared/format';

/** The Recommendations tab, relative to the entity page the card is on. */
const TAB = 'recommendations';

const isNotFound = (error: Error) =>
  (error as { statusCode?: number }).statusCode === 404 ||
  error.name === 'NotFoundError';

/**
 * The card's line on recommendations: how many are open and what they would
 * save a month, and the three largest, linking to the tab. It stays out of
 * the way: nothing while loading, when none is open, or when the caller may
 * not read them.
 */
export const CardRecommendations = ({ entityRef }: { entityRef: string }) => {
  const { value, error } = useRecommendations(entityRef, {
    status: OPEN_STATUSES,
  });
  if (error) {
    if (isNotAllowed(error) || isNotFound(error)) return null;
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        style={{ marginTop: 16 }}
      >
        Recommendations could not be loaded.
      </Typography>
    );
  }
  if (!value || value.open.count === 0) return null;
  const { count, monthlySavings } = value.open;
  // the API sorts by saving, largest first
  const top = value.items
    .filter(i => OPEN_STATUSES.includes(i.status))
    .slice(0, 3);
  return (
    <Box
      mt={2}
      data-testid="finops-card-recommendations"
      data-count={count}
      data-amount={monthlySavings}
    >
      <Typography variant="overline" color="textSecondary" component="h3">
        Recommendations
      </Typography>
      <Typography variant="body2">
        <Link to={TAB}>
          {count} open {count === 1 ? 'recommendation' : 'recommendations'} ·{' '}
          {formatMoney(monthlySavings, value.currency)}/month
        </Link>
      </Typography>
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {top.map(item => (
          <Box
            component="li"
            key={item.id}
            display="flex"
            justifyContent="space-between"
            gridGap={8}
            data-testid="finops-card-recommendation"
            data-id={item.id}
            data-amount={item.estimatedMonthlySavings}
          >
            <Typography
              variant="body2"
              noWrap
              title={item.resourceId ?? undefined}
              style={{ minWidth: 0 }}
            >
              {resourceLabel(item)}{' '}
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                {item.subcategory}
              </Typography>
            </Typography>
            <Typography variant="body2" component="span" noWrap>
              {formatMoney(item.estimatedMonthlySavings, item.currency)}/month
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
};
