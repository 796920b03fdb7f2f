import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { RecommendationEvent } from '@costwise/plugin-finops-common';
import { formatInstant, formatLongDay } from '../shared/format';
import { dismissReasonLabel, STATUS_LABELS } from './labels';

/** A user's or group's entity ref; anything else is a service or the engine. */
function entityRefOf(actor: string): string | undefined {
  if (!/^[\w-]+:/.test(actor)) return undefined;
  try {
    const ref = parseEntityRef(actor);
    return ['user', 'group'].includes(ref.kind.toLowerCase())
      ? actor
      : undefined;
  } catch {
    return undefined;
  }
}

const Actor = ({ actor }: { actor: string }) => {
  if (actor === 'costwise') return <>Costwise</>;
  const ref = entityRefOf(actor);
  return ref ? <EntityRefLink entityRef={ref} /> : <code>{actor}</code>;
};

/** Why the change was made: the reason, the day deferred to and the note. */
function why(event: RecommendationEvent): string {
  return [
    event.reason && dismissReasonLabel(event.reason),
    event.deferredUntil && `until ${formatLongDay(event.deferredUntil)}`,
    event.note,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Every status change of a recommendation, oldest first: who moved it, when and why. */
export const RecommendationHistory = ({
  events,
  label,
}: {
  events: RecommendationEvent[];
  label: string;
}) => (
  <Table size="small" aria-label={`History of ${label}`}>
    <TableHead>
      <TableRow>
        <TableCell>When</TableCell>
        <TableCell>Who</TableCell>
        <TableCell>Change</TableCell>
        <TableCell>Reason and note</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {events.map((event, i) => (
        <TableRow
          key={`${event.at}-${i}`}
          data-testid="finops-rec-event"
          data-to={event.to}
        >
          <TableCell style={{ whiteSpace: 'nowrap' }}>
            {formatInstant(event.at)}
          </TableCell>
          <TableCell>
            <Actor actor={event.actor} />
          </TableCell>
          <TableCell style={{ whiteSpace: 'nowrap' }}>
            {event.from
              ? `${STATUS_LABELS[event.from] ?? event.from} → `
              : 'New → '}
            {STATUS_LABELS[event.to] ?? event.to}
          </TableCell>
          <TableCell>{why(event) || '–'}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
