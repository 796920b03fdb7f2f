import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { RecommendationKpis as Kpis } from '@costwise/plugin-finops-common';
import { isNotAllowedOrNotFound } from '../shared/CostErrorPanel';
import { RecommendationKpis } from './RecommendationKpis';

/**
 * The Group that owns the entity (`spec.owner`), as a ref; undefined for a
 * Group itself (its tab is the team's already), an owner that is a User, or
 * an entity without an owner.
 */
export function owningTeamOf(entity: Entity): string | undefined {
  if (entity.kind.toLowerCase() === 'group') return undefined;
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return undefined;
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return ref.kind.toLowerCase() === 'group'
      ? stringifyEntityRef(ref)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The owning team's recommendation KPIs under the entity's own: how the
 * team as a whole handles its recommendations. Quiet when the caller may
 * not read the team's cost; a line when it fails otherwise. A grid row of
 * the tab.
 */
export const TeamRecommendationKpis = ({
  teamRef,
  value,
  error,
}: {
  teamRef: string;
  value?: Kpis;
  error?: Error;
}) => {
  if (error) {
    if (isNotAllowedOrNotFound(error)) return null;
    return (
      <Grid item xs={12}>
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="finops-team-rec-error"
        >
          The owning team's KPIs could not be loaded: {error.message}
        </Typography>
      </Grid>
    );
  }
  if (!value) return null;
  return (
    <Grid item xs={12}>
      <RecommendationKpis
        kpis={value}
        testIdPrefix="finops-team-rec"
        title={
          <>
            Owning team:{' '}
            <EntityRefLink entityRef={teamRef} defaultKind="group" />
          </>
        }
      />
    </Grid>
  );
};
