import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { SourceFreshness } from '@costwise/plugin-finops-common';
import { DateTime } from 'luxon';
import { formatDay, formatLongDay } from '../shared/format';

/** "data to 26 Nov": costs arrive a day or more late, so say how late. */
export const Freshness = ({
  asOf,
  freshness,
}: {
  asOf: string;
  freshness: SourceFreshness[];
}) => {
  const details =
    freshness.length === 0
      ? 'No source has delivered data yet'
      : freshness
          .map(
            f =>
              `${f.sourceId}: data to ${formatLongDay(f.lastDay)}, ingested ${
                DateTime.fromISO(f.ingestedAt).isValid
                  ? DateTime.fromISO(f.ingestedAt).toFormat('d LLL HH:mm')
                  : f.ingestedAt
              }`,
          )
          .join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{details}</span>}>
      <Typography
        variant="caption"
        color="textSecondary"
        tabIndex={0}
        data-testid="finops-freshness"
      >
        data to {formatDay(asOf)}
      </Typography>
    </Tooltip>
  );
};
