import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';
import type { EntityResourceCost } from '@costwise/plugin-finops-common';
import { useState } from 'react';
import { EvidenceDetails } from './EvidenceDetails';

/**
 * "Why is this ours?": opens the evidence of one row. The popover is a modal
 * dialog, so focus moves into it, Escape closes it and focus returns to the
 * button.
 */
export const EvidencePopover = ({ item }: { item: EntityResourceCost }) => {
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
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        PaperProps={{ role: 'dialog', 'aria-labelledby': `${id}-title` }}
      >
        <Box p={2} maxWidth={480} data-testid="finops-evidence">
          <Typography variant="subtitle1" id={`${id}-title`} gutterBottom>
            Why is {name} ours?
          </Typography>
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
