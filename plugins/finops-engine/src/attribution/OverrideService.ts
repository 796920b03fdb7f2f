import { randomUUID } from 'crypto';
import { InputError, NotFoundError } from '@backstage/errors';
import { Clock, systemClock } from '../model';
import type { AttributionStore, StoredOverride } from '../stores';
import type { AttributionOverride } from './types';

/**
 * What an administrator asks for: a rule for an entity, or the confirmation
 * of a suggestion on one fact group.
 *
 * @public
 */
export interface OverrideRequest {
  match: AttributionOverride['match'];
  entityRef: string;
  note?: string;
}

/**
 * Administrators' attribution rules: each one added, confirmed or removed
 * is stored with who and when, and the cost is attributed again.
 *
 * @public
 */
export class OverrideService {
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      store: Pick<
        AttributionStore,
        'listOverrides' | 'addOverride' | 'deleteOverride' | 'loadGroups'
      >;
      /** Attributes again after a change. */
      rerun: (trigger: string) => Promise<unknown>;
      clock?: Clock;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  list(): Promise<StoredOverride[]> {
    return this.deps.store.listOverrides();
  }

  private async store(
    request: OverrideRequest,
    createdBy: string,
    trigger: (id: string) => string,
  ): Promise<StoredOverride> {
    const override: StoredOverride = {
      id: randomUUID(),
      match: request.match,
      entityRef: request.entityRef.toLowerCase(),
      note: request.note,
      createdBy,
      createdAt: this.clock.now().toISOString(),
    };
    await this.deps.store.addOverride(override);
    await this.deps.rerun(trigger(override.id));
    return override;
  }

  /** Adds a rule and attributes again. */
  add(request: OverrideRequest, createdBy: string): Promise<StoredOverride> {
    return this.store(request, createdBy, id => `override ${id} added`);
  }

  /** Removes a rule and attributes again; a 404 when there is none. */
  async remove(id: string): Promise<void> {
    if (!(await this.deps.store.deleteOverride(id)))
      throw new NotFoundError(`No override with id '${id}'`);
    await this.deps.rerun(`override ${id} deleted`);
  }

  /**
   * Confirms a suggestion as a rule on the narrowest stable match of its
   * fact group: its resource id, else its account, service and tags.
   */
  async confirmSuggestion(
    request: { groupId: string; entityRef: string },
    createdBy: string,
  ): Promise<StoredOverride> {
    const [group] = await this.deps.store.loadGroups([request.groupId]);
    if (!group) throw new NotFoundError(`No fact group ${request.groupId}`);
    const match: AttributionOverride['match'] = group.resourceId
      ? { resourceIdPattern: group.resourceId }
      : {
          service: group.serviceName,
          account: group.subAccountId ?? group.billingAccountId,
          ...(Object.keys(group.tags).length ? { tags: group.tags } : {}),
        };
    if (!Object.values(match).some(v => v !== undefined))
      throw new InputError('The group has nothing to match on');
    return this.store(
      {
        match,
        entityRef: request.entityRef,
        note: `confirmed suggestion for fact group ${group.id}`,
      },
      createdBy,
      () => `suggestion confirmed for fact group ${group.id}`,
    );
  }
}
