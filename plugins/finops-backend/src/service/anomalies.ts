import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ANOMALY_STATUSES,
  Anomaly,
  AnomalyCounts,
  AnomalyList,
  AnomalyStatus,
  AnomalyStatusRequest,
} from '@costwise/plugin-finops-common';
import {
  AnomalyService,
  anomalyView,
  AttributionStore,
  entityRefOf,
  hiddenMembers,
  StoredAnomaly,
  visibleMembers,
} from '@costwise/plugin-finops-engine';
import type { RequestAccess } from './http/access';

/** Filters of a list of anomalies. */
export interface AnomalyQuery {
  /** Those whose days reach `from` or later. */
  from?: string;
  /** Those that start on `to` or earlier. */
  to?: string;
  status?: AnomalyStatus[];
  /** At most this many, newest first (default 100). */
  limit?: number;
}

/** Told when a status changes: the signal to open tabs (no cost in it). */
export type AnomalyStatusListener = (change: {
  id: string;
  entityRefs: string[];
  status: AnomalyStatus;
}) => Promise<void> | void;

const DEFAULT_LIMIT = 100;

function countsOf(list: StoredAnomaly[]): AnomalyCounts {
  const counts = Object.fromEntries(
    ANOMALY_STATUSES.map(s => [s, 0]),
  ) as AnomalyCounts;
  for (const a of list) counts[a.status]++;
  return counts;
}

/**
 * What the routes ask of anomalies, with the caller's permissions: reading
 * follows `finops.cost.read` on the anomaly's entity, changing the status
 * needs `finops.cost.update` on it (its owners, in the demo policy) or
 * `finops.admin`. A rollup's list holds its members' anomalies, less those
 * of members the caller may not read, and says how many members those are.
 */
export class AnomalyAccess {
  constructor(
    private readonly deps: {
      anomalies: AnomalyService;
      attributionStore: AttributionStore;
      access: RequestAccess;
      onStatusChange?: AnomalyStatusListener;
    },
  ) {}

  private async views(
    credentials: BackstageCredentials,
    list: StoredAnomaly[],
  ): Promise<Anomaly[]> {
    const history = await this.deps.anomalies.events(list.map(a => a.id));
    const updatable = await this.updatable(
      credentials,
      list.map(a => a.entityRef),
    );
    return list.map(a => ({
      ...anomalyView(a, history.get(a.id) ?? []),
      canUpdate: updatable.has(a.entityRef),
    }));
  }

  /** The entities whose anomalies the caller may change: owners' (update permission), or all for admins. */
  private async updatable(
    credentials: BackstageCredentials,
    refs: string[],
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (unique.length === 0) return new Set();
    if (await this.deps.access.isAdmin(credentials)) return new Set(unique);
    return this.deps.access.allowed(credentials, 'update', unique);
  }

  private async page(
    credentials: BackstageCredentials,
    list: StoredAnomaly[],
    query: AnomalyQuery,
  ): Promise<Pick<AnomalyList, 'items' | 'counts' | 'more'>> {
    const filtered = query.status
      ? list.filter(a => query.status!.includes(a.status))
      : list;
    const limit = query.limit ?? DEFAULT_LIMIT;
    return {
      items: await this.views(credentials, filtered.slice(0, limit)),
      counts: countsOf(list),
      more: Math.max(0, filtered.length - limit),
    };
  }

  /** The anomalies of an entity and of the members the caller may read. */
  async forEntity(
    credentials: BackstageCredentials,
    entity: Entity,
    query: AnomalyQuery,
  ): Promise<AnomalyList> {
    const { access, attributionStore, anomalies } = this.deps;
    const ref = entityRefOf(entity);
    const { members, hidden } = await visibleMembers(
      attributionStore,
      ref,
      access.viewerFor(credentials),
    );
    const list = await anomalies.list({
      entityRefs: [...new Set([ref, ...members.keys()])],
      from: query.from,
      to: query.to,
    });
    return {
      entityRef: ref,
      ...(await this.page(credentials, list, query)),
      ...(hidden ? { hiddenMembers: hiddenMembers(hidden) } : {}),
      canUpdate: (await this.updatable(credentials, [ref])).has(ref),
    };
  }

  /** Every anomaly the caller may read (all of them for admins), for the FinOps page. */
  async all(
    credentials: BackstageCredentials,
    query: AnomalyQuery,
  ): Promise<AnomalyList> {
    const { access, anomalies } = this.deps;
    let list = await anomalies.list({ from: query.from, to: query.to });
    if (!(await access.isAdmin(credentials))) {
      const readable = await access.allowed(credentials, 'read', [
        ...new Set(list.map(a => a.entityRef)),
      ]);
      list = list.filter(a => readable.has(a.entityRef));
    }
    return this.page(credentials, list, query);
  }

  private async readable(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<StoredAnomaly> {
    const anomaly = await this.deps.anomalies.get(id);
    if (!anomaly) throw new NotFoundError(`No anomaly ${id}`);
    if (await this.deps.access.isAdmin(credentials)) return anomaly;
    const allowed = await this.deps.access.allowed(credentials, 'read', [
      anomaly.entityRef,
    ]);
    if (!allowed.has(anomaly.entityRef))
      throw new NotAllowedError(
        `You are not allowed to read the cost of ${anomaly.entityRef}, which this anomaly is on`,
      );
    return anomaly;
  }

  /** One anomaly with its history, if the caller may read it. */
  async detail(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<Anomaly> {
    const [view] = await this.views(credentials, [
      await this.readable(credentials, id),
    ]);
    return view;
  }

  /** Changes the status for the caller, who needs `finops.cost.update` on the anomaly's entity (or `finops.admin`). */
  async changeStatus(
    credentials: BackstageCredentials,
    id: string,
    request: AnomalyStatusRequest,
    actor: string,
  ): Promise<Anomaly> {
    const anomaly = await this.readable(credentials, id);
    if (
      !(await this.updatable(credentials, [anomaly.entityRef])).has(
        anomaly.entityRef,
      )
    )
      throw new NotAllowedError(
        `You are not allowed to change anomalies of ${anomaly.entityRef}: it needs finops.cost.update on it (its owners) or finops.admin`,
      );
    const changed = await this.deps.anomalies.changeStatus(id, request, actor);
    await this.deps.onStatusChange?.({
      id,
      entityRefs: [changed.entityRef, ...changed.parents],
      status: changed.status,
    });
    return this.detail(credentials, id);
  }
}
