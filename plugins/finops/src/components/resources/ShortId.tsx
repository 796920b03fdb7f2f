import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import FileCopyOutlined from '@material-ui/icons/FileCopyOutlined';
import { useState } from 'react';

/** The last part of a long id (an ARN's resource, a path's leaf), for a narrow column. */
export function shortId(id: string): string {
  if (id.length <= 32) return id;
  const parts = id.split(/[/:]/).filter(Boolean);
  const tail = parts[parts.length - 1] ?? id;
  return `…${tail.length > 40 ? tail.slice(-40) : tail}`;
}

/**
 * A long id shortened, the whole of it on hover and a button that copies
 * it; only the button when the short form would repeat `label`.
 */
export const ShortId = ({ id, label }: { id: string; label?: string }) => {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // no clipboard (an insecure page): the id is still in the tooltip
    }
  };
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      display="block"
      component="span"
      data-testid="finops-short-id"
      data-id={id}
    >
      {shortId(id).replace(/^…/, '') !== label && (
        <Tooltip title={id}>
          <span style={{ overflowWrap: 'anywhere' }}>{shortId(id)}</span>
        </Tooltip>
      )}
      <Tooltip title={copied ? 'Copied' : 'Copy the full id'}>
        <IconButton
          size="small"
          aria-label={`Copy ${id}`}
          onClick={copy}
          style={{ padding: 2, marginLeft: 2 }}
        >
          <FileCopyOutlined style={{ fontSize: 14 }} />
        </IconButton>
      </Tooltip>
    </Typography>
  );
};
