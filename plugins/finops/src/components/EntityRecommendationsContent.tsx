import { Content, ContentHeader, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import type { EntityRecommendations } from '@costwise/plugin-finops-common';
import { useCallback, useEffect, useState } from 'react';
import {
  useRecommendations,
  useTeamRecommendationKpis,
} from '../hooks/useRecommendations';
import {
  DEFAULT_FILTERS,
  isDefaultFilters,
  RecommendationFilters,
  toQuery,
  type RecommendationFilterValues,
} from './recommendations/RecommendationFilters';
import { RecommendationKpis } from './recommendations/RecommendationKpis';
import { RecommendationsEmptyState } from './recommendations/RecommendationsEmptyState';
import { RecommendationsTable } from './recommendations/RecommendationsTable';
import {
  owningTeamOf,
  TeamRecommendationKpis,
} from './recommendations/TeamRecommendationKpis';
import { CostErrorPanel } from './shared/CostErrorPanel';
import { HiddenMembersNote } from './shared/HiddenMembersNote';

/** Nothing has ever been recommended to the entity (not merely nothing passing the filters). */
function neverRecommended(
  value: EntityRecommendations,
  filters: RecommendationFilterValues,
): boolean {
  return (
    isDefaultFilters(filters) &&
    value.items.length === 0 &&
    value.open.count === 0 &&
    value.kpis.opened === 0 &&
    value.kpis.implemented === 0
  );
}

/** The sources seen in any answer so far: filtering by one must not empty the list of them. */
function useSeenSources(value?: EntityRecommendations): string[] {
  const [sources, setSources] = useState<string[]>([]);
  useEffect(() => {
    const seen = value?.items.map(i => i.source) ?? [];
    setSources(previous => {
      const next = [...new Set([...previous, ...seen])].sort();
      return next.length === previous.length ? previous : next;
    });
  }, [value]);
  return sources;
}

/**
 * The "Recommendations" tab of an entity page: how the entity's
 * recommendations (its members' included) and those of its owning team are
 * being handled, month by month, and the
 * recommendations themselves, with their evidence, history and the status
 * changes its owners may make.
 *
 * @public
 */
export const EntityRecommendationsContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const [filters, setFilters] = useState(DEFAULT_FILTERS);
  const teamRef = owningTeamOf(entity);
  const team = useTeamRecommendationKpis(teamRef);
  const { retry: retryTeam } = team;
  const recommendations = useRecommendations(entityRef, toQuery(filters));
  const { value, loading, error, retry } = recommendations;
  const sources = useSeenSources(value);
  const onChanged = useCallback(() => {
    retry();
    retryTeam();
  }, [retry, retryTeam]);

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <CostErrorPanel error={error} />;
  else if (value && neverRecommended(value, filters)) {
    body = (
      <>
        <HiddenMembersNote hidden={value.hiddenMembers} />
        <RecommendationsEmptyState />
      </>
    );
  } else if (value) {
    body = (
      <Grid container spacing={3}>
        {value.hiddenMembers && (
          <Grid item xs={12}>
            <HiddenMembersNote hidden={value.hiddenMembers} />
          </Grid>
        )}
        <Grid item xs={12}>
          <RecommendationKpis
            kpis={value.kpis}
            title={`This ${entity.kind.toLowerCase()}'s progress`}
          />
        </Grid>
        {teamRef && (
          <TeamRecommendationKpis
            teamRef={teamRef}
            value={team.value}
            error={team.error}
          />
        )}
        <Grid item xs={12}>
          <RecommendationsTable
            value={value}
            entityRef={entityRef}
            loading={loading}
            onChanged={onChanged}
            filters={
              <RecommendationFilters
                value={filters}
                onChange={setFilters}
                sources={
                  filters.source === 'all' || sources.includes(filters.source)
                    ? sources
                    : [...sources, filters.source]
                }
              />
            }
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <Content>
      <ContentHeader title="Recommendations" />
      {body}
    </Content>
  );
};
