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
  effect?: AttributionOverride['effect'];
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
      ...(request.effect ? { effect: request.effect } : {}),
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
   * The narrowest stable match of a fact group: its resource id, else its
   * account, service and tags.
   */
  private async matchOf(
    groupId: string,
  ): Promise<AttributionOverride['match']> {
    const [group] = await this.deps.store.loadGroups([groupId]);
    if (!group) throw new NotFoundError(`No fact group ${groupId}`);
    const match: AttributionOverride['match'] = group.resourceId
      ? { resourceIdPattern: group.resourceId }
      : {
          service: group.serviceName,
          account: group.subAccountId ?? group.billingAccountId,
          ...(Object.keys(group.tags).length ? { tags: group.tags } : {}),
        };
    if (!Object.values(match).some(v => v !== undefined))
      throw new InputError('The group has nothing to match on');
    return match;
  }

  /** Confirms a suggestion as a rule on its fact group's narrowest match. */
  async confirmSuggestion(
    request: { groupId: string; entityRef: string },
    createdBy: string,
  ): Promise<StoredOverride> {
    return this.store(
      {
        match: await this.matchOf(request.groupId),
        entityRef: request.entityRef,
        note: `confirmed suggestion for fact group ${request.groupId}`,
      },
      createdBy,
      () => `suggestion confirmed for fact group ${request.groupId}`,
    );
  }

  /**
   * Decides a contested claim: confirmed, the claimant takes the fact
   * group's cost (an override rule, never contested); rejected, it may no
   * longer take it (a rule that denies it), and the claim is no longer
   * shown. Either way the cost is attributed again.
   */
  async decideClaim(
    request: {
      groupId: string;
      entityRef: string;
      decision: 'confirm' | 'reject';
    },
    createdBy: string,
  ): Promise<StoredOverride> {
    const match = await this.matchOf(request.groupId);
    const verb = request.decision === 'confirm' ? 'confirmed' : 'rejected';
    return this.store(
      {
        match,
        entityRef: request.entityRef,
        note: `${verb} the contested claim of ${request.entityRef} on fact group ${request.groupId}`,
        ...(request.decision === 'reject' ? { effect: 'deny' as const } : {}),
      },
      createdBy,
      () => `contested claim ${verb} for fact group ${request.groupId}`,
    );
  }
}
