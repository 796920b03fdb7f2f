import { EntityRefLink } from '@backstage/plugin-catalog-react';
import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import type { Recommendation } from '@costwise/plugin-finops-common';
import { useState } from 'react';
import { useRecommendation } from '../../hooks/useRecommendations';
import { ShortId } from '../resources/ShortId';
import { formatMoney, formatShare } from '../shared/format';
import { resourceLabel } from './labels';
import {
  hiddenSharesText,
  RecommendationDetails,
} from './RecommendationDetails';
import { StatusActions } from './StatusActions';
import { StatusChip } from './StatusChip';

/**
 * A shared resource's saving is split like its cost: say with how many, and
 * this entity's part of it when it is one of them. Sharers the reader may
 * not see are only counted.
 */
const SharedNote = ({
  item,
  entityRef,
}: {
  item: Recommendation;
  entityRef: string;
}) => {
  const hidden = item.hiddenSharedWith ?? 0;
  if (item.sharedWith.length === 0 && hidden === 0) return null;
  const own = item.sharedWith.find(s => s.entityRef === entityRef);
  const count = item.sharedWith.length;
  const parts = item.sharedWith.map(
    s =>
      `${s.entityRef}: ${formatMoney(
        s.estimatedMonthlySavings,
        item.currency,
      )}/month (${formatShare(s.share)})`,
  );
  const hiddenText = hidden > 0 ? hiddenSharesText(hidden, count > 0) : '';
  return (
    <Tooltip title={[...parts, ...(hiddenText ? [hiddenText] : [])].join('; ')}>
      <Typography
        variant="caption"
        color="textSecondary"
        display="block"
        data-testid="finops-rec-shared"
        data-count={count}
        data-hidden={hidden || undefined}
        data-amount={own?.estimatedMonthlySavings}
      >
        Shared with{' '}
        {count > 0 && `${count} ${count === 1 ? 'entity' : 'entities'}`}
        {count > 0 && hidden > 0 && ' '}
        {hiddenText}
        {own &&
          ` · this entity's part: ${formatMoney(
            own.estimatedMonthlySavings,
            item.currency,
          )}/month (${formatShare(own.share)})`}
      </Typography>
    </Tooltip>
  );
};

/** The table's columns, for the detail row's span. */
export const COLUMNS = [
  { key: 'resource', title: 'Resource' },
  { key: 'owner', title: 'Owner' },
  { key: 'subcategory', title: 'Subcategory' },
  { key: 'effort', title: 'Effort' },
  { key: 'saving', title: 'Est. monthly saving', numeric: true },
  { key: 'status', title: 'Status' },
] as const;

/** One recommendation: its row, its details and history when opened, its actions when allowed. */
export const RecommendationRow = ({
  item,
  entityRef,
  canUpdate,
  onChanged,
}: {
  item: Recommendation;
  /** The page's entity, whose part of a shared saving the row shows. */
  entityRef: string;
  canUpdate: boolean;
  onChanged: () => void;
}) => {
  const [open, setOpen] = useState(false);
  const detail = useRecommendation(
    open ? item.id : undefined,
    `${item.status}|${item.statusChangedAt}`,
  );
  // the recommendation's own answer is finer than the entity's (a member's may differ)
  const mayUpdate = canUpdate && (detail.value?.canUpdate ?? true);
  const label = resourceLabel(item);
  const detailsId = `finops-rec-${item.id.replace(/[^\w-]/g, '_')}`;
  return (
    <>
      <TableRow
        data-testid="finops-recommendation"
        data-id={item.id}
        data-status={item.status}
        data-amount={item.estimatedMonthlySavings}
      >
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`${open ? 'Hide' : 'Show'} the details of ${
              item.subcategory
            } for ${label}`}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowDown /> : <KeyboardArrowRight />}
          </IconButton>
        </TableCell>
        <TableCell
          component="th"
          scope="row"
          style={{ minWidth: 180, overflowWrap: 'anywhere' }}
        >
          <Typography variant="body2" component="span">
            <strong>{label}</strong>
          </Typography>
          {item.resourceId && <ShortId id={item.resourceId} label={label} />}
        </TableCell>
        <TableCell>
          {item.owner ? <EntityRefLink entityRef={item.owner} /> : 'Unowned'}
          <SharedNote item={item} entityRef={entityRef} />
        </TableCell>
        <TableCell>{item.subcategory}</TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>
          {item.effort ?? '–'}
        </TableCell>
        <TableCell
          align="right"
          style={{ whiteSpace: 'nowrap' }}
          data-testid="finops-rec-saving"
          data-amount={item.estimatedMonthlySavings}
        >
          {formatMoney(item.estimatedMonthlySavings, item.currency)}
        </TableCell>
        <TableCell>
          <StatusChip item={item} />
        </TableCell>
        {canUpdate && (
          <TableCell>
            {mayUpdate && (
              <StatusActions recommendation={item} onChanged={onChanged} />
            )}
          </TableCell>
        )}
      </TableRow>
      {open && (
        <TableRow id={detailsId}>
          <TableCell
            colSpan={COLUMNS.length + (canUpdate ? 2 : 1)}
            style={{ padding: 0 }}
          >
            <RecommendationDetails item={item} detail={detail} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
};
