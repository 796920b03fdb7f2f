import { ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  type Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  getEntityRelations,
  useAsyncEntity,
} from '@backstage/plugin-catalog-react';
import { ANNOTATION_COST_VISIBILITY } from '@costwise/plugin-finops-common';
import type { ReactNode } from 'react';

type Cause = { name?: string; message?: string } | undefined;

const causeOf = (error: Error) => error.cause as Cause;

export const isNotAllowed = (error: Error) =>
  error.name === 'NotAllowedError' ||
  (error as { statusCode?: number }).statusCode === 403 ||
  causeOf(error)?.name === 'NotAllowedError';

/**
 * An error a side panel stays quiet on: the caller may not read the cost
 * (see {@link isNotAllowed}) or the backend has nothing for it (404).
 */
export const isNotAllowedOrNotFound = (error: Error) =>
  isNotAllowed(error) || (error as { statusCode?: number }).statusCode === 404;

/** The server's own words when there are any (`ResponseError` keeps them in `cause`). */
const reasonOf = (error: Error) =>
  (causeOf(error)?.message ?? error.message).replace(/\.$/, '');

/** `kind:namespace/name` in a sentence; a sentence's full stop is not part of it. */
const ENTITY_REF = /\b[a-z][\w-]*:[\w.-]+\/[\w-]+(?:\.[\w-]+)*/gi;

/**
 * The server's words with each entity ref in them a link that reads as the
 * entity's title (the page's own entity) or its name, never as a raw ref.
 */
export function withEntityLinks(text: string, entity?: Entity): ReactNode[] {
  const own = entity ? stringifyEntityRef(entity).toLowerCase() : undefined;
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(ENTITY_REF)) {
    let ref;
    try {
      ref = parseEntityRef(match[0]);
    } catch {
      continue;
    }
    out.push(text.slice(last, match.index));
    const key = `${match.index}`;
    out.push(
      entity && stringifyEntityRef(ref).toLowerCase() === own ? (
        <EntityRefLink
          key={key}
          entityRef={entity}
          title={entity.metadata.title ?? entity.metadata.name}
        />
      ) : (
        <EntityRefLink key={key} entityRef={ref} defaultKind={ref.kind} />
      ),
    );
    last = match.index! + match[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/**
 * A failed cost request. A permission refusal is not a failure of the
 * product: say so plainly, with the reason, and show no figures.
 */
export const CostErrorPanel = ({ error }: { error: Error }) => {
  const entity = useOptionalEntity();
  if (!isNotAllowed(error)) return <ResponseErrorPanel error={error} />;
  const owners = entity
    ? getEntityRelations(entity, RELATION_OWNED_BY).map(r =>
        stringifyEntityRef(r),
      )
    : [];
  return (
    <Alert severity="info" data-testid="finops-not-allowed" role="status">
      <AlertTitle>You may not see this cost</AlertTitle>
      {withEntityLinks(reasonOf(error), entity)}. Its owners may have restricted
      it (<code>{ANNOTATION_COST_VISIBILITY}: owners</code>), or your
      organization's permission policy does not grant you{' '}
      <code>finops.cost.read</code> on it.{' '}
      {owners.length > 0 ? (
        <span data-testid="finops-ask-owners">
          Ask its owners for access:{' '}
          {owners.map((ref, i) => (
            <span key={ref}>
              {i > 0 && ', '}
              <EntityRefLink entityRef={ref} />
            </span>
          ))}
          .
        </span>
      ) : (
        'Ask its owners for access.'
      )}
    </Alert>
  );
};

/** The entity of the page, when the panel is on one. */
function useOptionalEntity() {
  try {
    return useAsyncEntity().entity;
  } catch {
    return undefined;
  }
}
