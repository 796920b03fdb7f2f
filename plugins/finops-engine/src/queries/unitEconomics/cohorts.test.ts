import type { Entity } from '@backstage/catalog-model';
import { benchmarkMonths, countOf } from './BenchmarkService';
import { cohortOf } from './cohorts';

const entity = (
  kind: string,
  name: string,
  spec: Record<string, string>,
  cohort?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: cohort ? { 'costwise.dev/benchmark-cohort': cohort } : {},
  },
  spec,
});

const catalog = [
  entity('Component', 'a', { type: 'service', lifecycle: 'production' }),
  entity('Component', 'b', { type: 'service', lifecycle: 'experimental' }),
  entity('Component', 'c', { type: 'Service', lifecycle: 'production' }),
  entity('Component', 'w', { type: 'website', lifecycle: 'production' }),
  entity('Component', 'x', { type: 'service' }, 'Edge'),
  entity('Resource', 'y', { type: 'database' }, 'edge'),
  entity('Group', 'root', { type: 'organization' }),
  entity('Group', 't1', { type: 'team', parent: 'root' }),
  entity('Group', 't2', { type: 'team', parent: 'group:default/root' }),
  entity('Group', 't3', { type: 'team', parent: 'other' }),
];
const names = (members: Entity[]) => members.map(m => m.metadata.name).sort();
const byName = (name: string) => catalog.find(e => e.metadata.name === name)!;
const all = { byLifecycle: false, teams: 'all' as const };

describe('cohortOf', () => {
  it('groups by kind and type, and by lifecycle when configured', () => {
    expect(cohortOf(byName('a'), catalog, all)).toEqual({
      basis: 'type',
      label: 'service components',
      members: expect.anything(),
    });
    expect(names(cohortOf(byName('a'), catalog, all).members)).toEqual([
      'a',
      'b',
      'c',
    ]);
    const production = cohortOf(byName('a'), catalog, {
      ...all,
      byLifecycle: true,
    });
    expect(production.label).toBe('production service components');
    expect(names(production.members)).toEqual(['a', 'c']);
  });

  it('puts entities that share a benchmark-cohort together, and only there', () => {
    const edge = cohortOf(byName('x'), catalog, all);
    expect(edge.basis).toBe('annotation');
    expect(edge.label).toBe('members of cohort edge');
    expect(names(edge.members)).toEqual(['x', 'y']);
    expect(names(cohortOf(byName('a'), catalog, all).members)).not.toContain(
      'x',
    );
  });

  it('compares a team with all teams, or with the teams of its parent', () => {
    const teams = cohortOf(byName('t1'), catalog, all);
    expect(teams.basis).toBe('all-teams');
    expect(teams.label).toBe('teams');
    expect(names(teams.members)).toEqual(['t1', 't2', 't3']);
    const siblings = cohortOf(byName('t1'), catalog, {
      ...all,
      teams: 'siblings',
    });
    expect(siblings.basis).toBe('sibling-teams');
    expect(siblings.label).toBe('teams of group:default/root');
    expect(names(siblings.members)).toEqual(['t1', 't2']);
  });
});

describe('benchmark wording and months', () => {
  it('counts in the singular for one', () => {
    expect(countOf(1, 'service components')).toBe('1 service component');
    expect(countOf(1, 'members of cohort pair')).toBe(
      '1 member of cohort pair',
    );
    expect(countOf(2, 'teams')).toBe('2 teams');
  });

  it('compares the last full month and the two before it', () => {
    expect(benchmarkMonths('2025-04-01')).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
    ]);
    expect(benchmarkMonths('2025-03-31')).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
    ]);
    expect(benchmarkMonths('2026-01-15')).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
  });
});
