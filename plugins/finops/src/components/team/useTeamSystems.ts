import {
  type Entity,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { ANNOTATION_UNIT_METRIC } from '@costwise/plugin-finops-common';
import useAsync from 'react-use/esm/useAsync';

/** A system the team owns, and its components that declare a unit metric. */
export interface TeamSystem {
  entityRef: string;
  title: string;
  /** Components of the system with their own `costwise.dev/unit-metric`. */
  components: Array<{ entityRef: string; title: string }>;
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'relations',
];

const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;

/**
 * The systems a team owns, from the catalog, with the components of each
 * that have a unit metric: a system without its own metric can still show
 * how the unit costs of its parts move.
 */
export function useTeamSystems(teamRef: string, withCost?: string[]) {
  const catalogApi = useApi(catalogApiRef);
  const wanted = withCost?.join('\n');
  return useAsync(async (): Promise<TeamSystem[]> => {
    // the systems whose cost is in the team's (a business unit's are owned
    // by its sub-teams), or else those it owns
    const systems: Entity[] = withCost
      ? (
          await catalogApi.getEntitiesByRefs({
            entityRefs: withCost,
            fields: FIELDS,
          })
        ).items.filter((e): e is Entity => Boolean(e))
      : (
          await catalogApi.getEntities({
            filter: { kind: 'system', 'relations.ownedBy': teamRef },
            fields: FIELDS,
          })
        ).items;
    if (systems.length === 0) return [];
    const systemRefs = systems.map(s => stringifyEntityRef(s));
    const { items: components } = await catalogApi.getEntities({
      filter: { kind: 'component', 'relations.partOf': systemRefs },
      fields: FIELDS,
    });
    const measured = components.filter(
      c => !!c.metadata.annotations?.[ANNOTATION_UNIT_METRIC]?.trim(),
    );
    return systems
      .map((system, i) => ({
        entityRef: systemRefs[i],
        title: titleOf(system),
        components: measured
          .filter(c =>
            (c.relations ?? []).some(
              r =>
                r.type === RELATION_PART_OF &&
                r.targetRef.toLocaleLowerCase('en-US') ===
                  systemRefs[i].toLocaleLowerCase('en-US'),
            ),
          )
          .map(c => ({ entityRef: stringifyEntityRef(c), title: titleOf(c) }))
          .sort((a, b) => a.title.localeCompare(b.title)),
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, teamRef, wanted]);
}
