import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';
import type { EntityResourceCost } from '@costwise/plugin-finops-common';
import { useState } from 'react';
import { EvidenceDetails } from './EvidenceDetails';
import { formatMoney, formatShare, toNumber } from '../shared/format';

/** A part over its whole, 0 when the whole is nothing. */
function ratioOf(part: string, whole: string): number {
  const w = toNumber(whole);
  return w === 0 ? 0 : toNumber(part) / w;
}

/**
 * "Why is this ours?": opens the evidence of one row. The popover is a modal
 * dialog, so focus moves into it, Escape closes it and focus returns to the
 * button.
 */
export const EvidencePopover = ({
  item,
  currency,
}: {
  item: EntityResourceCost;
  currency: string;
}) => {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const id = `finops-evidence-${item.groupId.replace(/[^\w-]/g, '_')}`;
  const name = item.resourceName ?? item.resourceId ?? item.service;
  return (
    <>
      <Button
        size="small"
        color="primary"
        aria-haspopup="dialog"
        aria-expanded={Boolean(anchor)}
        aria-controls={anchor ? id : undefined}
        aria-label={`Why is ${name} ours?`}
        onClick={e => setAnchor(e.currentTarget)}
      >
        Why is this ours?
      </Button>
      <Popover
        id={id}
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        // beside the button, on the side with room (the evidence column is
        // the last), and under the row, so that the amount it explains stays
        // in view; never wider than the window, and kept 8 px inside it
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        marginThreshold={8}
        PaperProps={{
          role: 'dialog',
          'aria-labelledby': `${id}-title`,
          style: {
            maxWidth: 'min(520px, calc(100vw - 16px))',
            maxHeight: 'calc(100vh - 16px)',
          },
        }}
      >
        <Box
          p={2}
          data-testid="finops-evidence"
          // long ids (ARNs, paths) break anywhere rather than run off the edge
          style={{ overflowWrap: 'anywhere', wordBreak: 'break-word' }}
        >
          <Typography variant="subtitle1" id={`${id}-title`} gutterBottom>
            Why is {name} ours?
          </Typography>
          {item.pooled && (
            <Typography
              variant="body2"
              paragraph
              data-testid="finops-evidence-arithmetic"
            >
              {formatShare(ratioOf(item.amount, item.pooled))} of{' '}
              {formatMoney(item.pooled, currency)} ={' '}
              <strong>{formatMoney(item.amount, currency)}</strong>: this
              entity's part of what the shared resource pooled of this line.
            </Typography>
          )}
          <EvidenceDetails evidence={item.evidence} />
          <Box mt={1} display="flex" justifyContent="flex-end">
            <Button size="small" onClick={() => setAnchor(null)}>
              Close
            </Button>
          </Box>
        </Box>
      </Popover>
    </>
  );
};
