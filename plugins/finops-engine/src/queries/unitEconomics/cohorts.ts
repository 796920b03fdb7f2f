import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_BENCHMARK_COHORT,
  BenchmarkCohort,
} from '@costwise/plugin-finops-common';
import { entityRefOf } from '../../attribution';

/**
 * How cohorts are drawn (`finops.benchmarks`).
 *
 * @public
 */
export interface CohortOptions {
  /** Components, Resources ... of one type are split by `spec.lifecycle` too. */
  byLifecycle: boolean;
  /** A team's peers: every team, or the teams of the same parent. */
  teams: 'all' | 'siblings';
}

/**
 * A cohort before data is looked at: who is in it and how to name it.
 *
 * @public
 */
export interface CohortCandidates {
  basis: BenchmarkCohort['basis'];
  label: string;
  members: Entity[];
}

const PLURALS: Record<string, string> = {
  component: 'components',
  resource: 'resources',
  system: 'systems',
  domain: 'domains',
  api: 'APIs',
  group: 'groups',
};

const str = (value: unknown) =>
  typeof value === 'string' && value.trim()
    ? value.trim().toLowerCase()
    : undefined;

function cohortAnnotation(entity: Entity): string | undefined {
  return str(entity.metadata.annotations?.[ANNOTATION_BENCHMARK_COHORT]);
}

function parentOf(entity: Entity): string | undefined {
  const parent = str(entity.spec?.parent);
  if (!parent) return undefined;
  return parent.includes(':')
    ? parent
    : `group:${parent.includes('/') ? parent : `default/${parent}`}`;
}

/**
 * An entity's peers. An entity with `costwise.dev/benchmark-cohort` is
 * compared with the entities that share the value (and only there);
 * otherwise with the entities of the same kind and `spec.type` (and
 * `spec.lifecycle` when configured) that declare no cohort of their own. A
 * team is compared with every team, or with the teams of its parent.
 * Membership is symmetric: peers see each other in the same cohort.
 *
 * @public
 */
export function cohortOf(
  entity: Entity,
  catalog: Entity[],
  options: CohortOptions,
): CohortCandidates {
  const ref = entityRefOf(entity);
  const withSelf = (members: Entity[]) =>
    members.some(m => entityRefOf(m) === ref) ? members : [entity, ...members];

  const named = cohortAnnotation(entity);
  if (named) {
    return {
      basis: 'annotation',
      label: `members of cohort ${named}`,
      members: withSelf(catalog.filter(e => cohortAnnotation(e) === named)),
    };
  }
  const kind = entity.kind.toLowerCase();
  const type = str(entity.spec?.type);
  const sameKindAndType = (e: Entity) =>
    e.kind.toLowerCase() === kind &&
    str(e.spec?.type) === type &&
    !cohortAnnotation(e);
  const typeLabel =
    type === 'team'
      ? 'teams'
      : `${type ? `${type} ` : ''}${PLURALS[kind] ?? `${kind} entities`}`;

  if (kind === 'group' && options.teams === 'siblings') {
    const parent = parentOf(entity);
    return {
      basis: 'sibling-teams',
      label: parent ? `${typeLabel} of ${parent}` : typeLabel,
      members: withSelf(
        catalog.filter(e => sameKindAndType(e) && parentOf(e) === parent),
      ),
    };
  }
  if (kind === 'group') {
    return {
      basis: 'all-teams',
      label: typeLabel,
      members: withSelf(catalog.filter(sameKindAndType)),
    };
  }
  const lifecycle = options.byLifecycle
    ? str(entity.spec?.lifecycle)
    : undefined;
  return {
    basis: 'type',
    label: lifecycle ? `${lifecycle} ${typeLabel}` : typeLabel,
    members: withSelf(
      catalog.filter(
        e =>
          sameKindAndType(e) &&
          (!options.byLifecycle || str(e.spec?.lifecycle) === lifecycle),
      ),
    ),
  };
}
