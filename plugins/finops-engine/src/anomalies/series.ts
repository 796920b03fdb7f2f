import type { AnomalyRow } from '../stores';
import {
  DayRange,
  DetectorSettings,
  Episode,
  episodesOf,
  flagDays,
  SeriesFeedback,
} from './detector';

/**
 * The series detection judges, in binary arithmetic: each entity's
 * rolled-up daily cost (its own allocations and its members', as its pages
 * show it) and each fact group's daily cost on each entity, per currency.
 */

const SEP = '\u0000';

/** A series with anomalous days, before it is explained. @public */
export interface Candidate {
  scope: 'entity' | 'resource';
  currency: string;
  entityRef: string;
  /** For `resource`: the fact group's id. */
  groupId?: string;
  episode: Episode;
  /** The rollups whose cost it shows in. */
  parents: string[];
}

/** The days read, as indices: `days[0]` is index 0. */
export interface DayIndex {
  days: string[];
  index: Map<string, number>;
}

/** Direct daily cost per entity and per entity and fact group, summed from rows. */
export class SeriesTable {
  readonly entity = new Map<string, Float64Array>();
  readonly lines = new Map<string, Float64Array>();

  constructor(private readonly days: DayIndex) {}

  add(row: AnomalyRow) {
    const i = this.days.index.get(row.day);
    if (i === undefined) return;
    const amount = Number(row.amount);
    if (amount === 0) return;
    const n = this.days.days.length;
    const ek = `${row.currency}${SEP}${row.entityRef}`;
    let e = this.entity.get(ek);
    if (!e) this.entity.set(ek, (e = new Float64Array(n)));
    e[i] += amount;
    const lk = `${ek}${SEP}${row.groupId}`;
    let l = this.lines.get(lk);
    if (!l) this.lines.set(lk, (l = new Float64Array(n)));
    l[i] += amount;
  }
}

/** What a series key needs: scope, currency, measure, entity and (for a line) the group's key. @public */
export function seriesKey(parts: {
  scope: 'entity' | 'resource';
  currency: string;
  measure: string;
  entityRef: string;
  groupKey?: string | null;
}): string {
  return [
    parts.scope,
    parts.currency,
    parts.measure,
    parts.entityRef,
    ...(parts.scope === 'resource' ? [parts.groupKey ?? ''] : []),
  ].join('|');
}

function overlaps(a: Episode, b: Episode): number[] {
  const days = new Set(b.days.map(d => d.index));
  return a.days.filter(d => days.has(d.index)).map(d => d.index);
}

function impactOn(e: Episode, indices: Set<number>): number {
  let sum = 0;
  for (const d of e.days) if (indices.has(d.index)) sum += d.value - d.expected;
  return sum;
}

const impactOf = (e: Episode) => impactOn(e, new Set(e.days.map(d => d.index)));

/**
 * Detects every series and keeps each anomaly once, on the lowest entity it
 * belongs to: a fact group's anomaly on an entity whose own total is
 * anomalous on the same days is part of that entity's anomaly (a root
 * cause of it); a rollup's anomaly that its members' anomalies explain (at
 * least half of its rise) is not reported again, the members' anomalies
 * name it as a parent. Last, a series' feedback drops the days that no
 * longer pass its raised gates.
 */
export function findCandidates(options: {
  table: SeriesTable;
  members: Map<string, Map<string, string>>;
  range: DayRange;
  settings: DetectorSettings;
  feedback: (key: {
    scope: 'entity' | 'resource';
    currency: string;
    entityRef: string;
    groupId?: string;
  }) => SeriesFeedback | undefined;
  /** The share of a rollup's rise its members' anomalies must explain for it not to be reported. */
  childShare?: number;
}): Candidate[] {
  const { table, members, range, settings, feedback } = options;
  const childShare = options.childShare ?? 0.5;
  const n = range.to + 1;

  const ancestors = new Map<string, string[]>();
  for (const [rollup, of] of members)
    for (const member of of.keys()) {
      if (member === rollup) continue;
      let list = ancestors.get(member);
      if (!list) ancestors.set(member, (list = []));
      list.push(rollup);
    }
  for (const list of ancestors.values()) list.sort();
  const membersOf = (ref: string) => members.get(ref) ?? new Map([[ref, ref]]);

  // entity series: own allocations plus the members'
  const entityRefs = new Set<string>();
  const currencies = new Set<string>();
  for (const key of table.entity.keys()) {
    const [currency, ref] = key.split(SEP);
    currencies.add(currency);
    entityRefs.add(ref);
    for (const parent of ancestors.get(ref) ?? []) entityRefs.add(parent);
  }
  const entityEpisodes = new Map<string, Episode[]>();
  for (const currency of currencies) {
    for (const ref of entityRefs) {
      const values = new Float64Array(n);
      let any = false;
      for (const member of membersOf(ref).keys()) {
        const direct = table.entity.get(`${currency}${SEP}${member}`);
        if (!direct) continue;
        any = true;
        for (let i = 0; i < n; i++) values[i] += direct[i];
      }
      if (!any) continue;
      const flagged = flagDays(values, range, settings);
      if (flagged.length)
        entityEpisodes.set(`${currency}${SEP}${ref}`, episodesOf(flagged));
    }
  }

  // fact group lines on each entity
  const lineEpisodes: Array<{
    currency: string;
    entityRef: string;
    groupId: string;
    episode: Episode;
  }> = [];
  for (const [key, values] of table.lines) {
    const [currency, entityRef, groupId] = key.split(SEP);
    const flagged = flagDays(values, range, settings);
    for (const episode of episodesOf(flagged))
      lineEpisodes.push({ currency, entityRef, groupId, episode });
  }

  const recorded: Candidate[] = [];
  /** What is recorded, by entity: the children a rollup's anomaly may be explained by. */
  const recordedOn = new Map<string, Candidate[]>();
  const record = (c: Candidate) => {
    recorded.push(c);
    let list = recordedOn.get(c.entityRef);
    if (!list) recordedOn.set(c.entityRef, (list = []));
    list.push(c);
  };
  const recordedEntity = new Map<string, Episode[]>();
  const isLeaf = (ref: string) => membersOf(ref).size <= 1;
  const lineCandidate = (l: (typeof lineEpisodes)[number]): Candidate => ({
    scope: 'resource',
    currency: l.currency,
    entityRef: l.entityRef,
    groupId: l.groupId,
    episode: l.episode,
    parents: ancestors.get(l.entityRef) ?? [],
  });
  const absorbed = (
    l: (typeof lineEpisodes)[number],
    episodes: Episode[] | undefined,
  ) => (episodes ?? []).some(e => overlaps(l.episode, e).length > 0);

  // 1. lines of leaf entities: part of the entity's own anomaly when it has one
  for (const l of lineEpisodes) {
    if (!isLeaf(l.entityRef)) continue;
    if (absorbed(l, entityEpisodes.get(`${l.currency}${SEP}${l.entityRef}`)))
      continue;
    record(lineCandidate(l));
  }
  // 2. entities, the smallest rollups first
  const order = [...entityEpisodes.keys()].sort((a, b) => {
    const [, ra] = a.split(SEP);
    const [, rb] = b.split(SEP);
    return membersOf(ra).size - membersOf(rb).size || a.localeCompare(b);
  });
  for (const key of order) {
    const [currency, ref] = key.split(SEP);
    const own = membersOf(ref);
    for (const episode of entityEpisodes.get(key)!) {
      const days = new Set(episode.days.map(d => d.index));
      let explained = 0;
      for (const member of own.keys()) {
        if (member === ref) continue;
        for (const c of recordedOn.get(member) ?? [])
          if (c.currency === currency) explained += impactOn(c.episode, days);
      }
      if (explained >= childShare * impactOf(episode)) continue;
      const candidate: Candidate = {
        scope: 'entity',
        currency,
        entityRef: ref,
        episode,
        parents: ancestors.get(ref) ?? [],
      };
      record(candidate);
      let list = recordedEntity.get(key);
      if (!list) recordedEntity.set(key, (list = []));
      list.push(episode);
    }
  }
  // 3. lines of rollups (a System's own resources): part of the rollup's anomaly when it was reported
  for (const l of lineEpisodes) {
    if (isLeaf(l.entityRef)) continue;
    if (absorbed(l, recordedEntity.get(`${l.currency}${SEP}${l.entityRef}`)))
      continue;
    record(lineCandidate(l));
  }
  // feedback last: an anomaly dismissed as "not an anomaly" still explains
  // its rollups' rise and holds its own lines, it is just not reported
  const out: Candidate[] = [];
  for (const c of recorded) {
    const fb = feedback(c);
    if (!fb) {
      out.push(c);
      continue;
    }
    const days = c.episode.days.filter(
      d =>
        d.score >= settings.threshold * fb.thresholdFactor &&
        d.value - d.expected >= fb.minImpact,
    );
    if (days.length) out.push({ ...c, episode: { days } });
  }
  return out;
}
