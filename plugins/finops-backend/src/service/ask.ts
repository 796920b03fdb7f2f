import type {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { AskAnswer } from '@costwise/plugin-finops-common';
import type { AskContext, AskEngine } from '@costwise/plugin-finops-engine';
import type { RequestAccess } from './http/access';

/** The refs of a user's groups, each `group:namespace/name` in lower case. */
function groupRefs(user: Entity | undefined): string[] {
  if (!user) return [];
  const refs: string[] = [];
  for (const relation of user.relations ?? [])
    if (relation.type === 'memberOf') refs.push(relation.targetRef);
  const memberOf = (user.spec as { memberOf?: unknown } | undefined)?.memberOf;
  if (Array.isArray(memberOf))
    for (const group of memberOf)
      if (typeof group === 'string')
        try {
          refs.push(
            stringifyEntityRef(
              parseEntityRef(group, {
                defaultKind: 'group',
                defaultNamespace: user.metadata.namespace ?? DEFAULT_NAMESPACE,
              }),
            ),
          );
        } catch {
          // a malformed membership names no group
        }
  return refs;
}

/**
 * Ask Costwise as the plugin serves it, to the route and to the actions:
 * every question and structured query is answered for the caller, from
 * what the caller may read (the viewer of the entity pages), with
 * unattributed cost for FinOps admins only and "our" read as the caller's
 * team.
 */
export class AskAccess {
  constructor(
    private readonly deps: {
      ask: AskEngine;
      access: RequestAccess;
      /** The caller's ownership refs, beside the user entity's memberships. */
      userInfo?: Pick<UserInfoService, 'getUserInfo'>;
    },
  ) {}

  /**
   * The caller's groups: the user entity's memberships in the catalog
   * first (the first is "my team"), then the groups among the ownership
   * refs the sign-in resolved.
   */
  async groupsOf(credentials: BackstageCredentials): Promise<string[]> {
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) return [];
    const user = await this.deps.access.entityByRef(
      credentials,
      principal.userEntityRef,
    );
    const refs = groupRefs(user);
    if (this.deps.userInfo) {
      const info = await this.deps.userInfo.getUserInfo(credentials);
      refs.push(...info.ownershipEntityRefs);
    }
    return [
      ...new Set(
        refs
          .map(ref => ref.toLowerCase())
          .filter(ref => ref.startsWith('group:')),
      ),
    ];
  }

  /**
   * The entity whose page a question is asked on, checked as its page
   * checks it: 404 when the caller cannot see it in the catalog, 403 when
   * it may not read its cost.
   */
  private async scope(
    credentials: BackstageCredentials,
    entityRef: string | undefined,
  ): Promise<string | undefined> {
    if (!entityRef) return undefined;
    let ref: string;
    try {
      ref = stringifyEntityRef(parseEntityRef(entityRef.trim())).toLowerCase();
    } catch {
      throw new InputError(
        `entityRef must be an entity ref kind:namespace/name, got '${entityRef}'`,
      );
    }
    const entity = await this.deps.access.entityByRef(credentials, ref);
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    if (!(await this.deps.access.allowed(credentials, 'read', [ref])).has(ref))
      throw new NotAllowedError(
        `You are not allowed to read the cost of ${ref}`,
      );
    return ref;
  }

  /** Who asks: what the caller may read, whether it is an admin, its groups. */
  async context(
    credentials: BackstageCredentials,
    entityRef?: string,
  ): Promise<AskContext> {
    const [scopeRef, canReadUnattributed, userGroups] = await Promise.all([
      this.scope(credentials, entityRef),
      this.deps.access.isAdmin(credentials),
      this.groupsOf(credentials),
    ]);
    return {
      viewer: this.deps.access.viewerFor(credentials),
      canReadUnattributed,
      userGroups,
      ...(scopeRef ? { entityRef: scopeRef } : {}),
    };
  }

  /** A question in plain language, asked on an entity's page or the FinOps page. */
  async ask(
    credentials: BackstageCredentials,
    question: string,
    entityRef?: string,
  ): Promise<AskAnswer> {
    return this.deps.ask.ask(
      question,
      await this.context(credentials, entityRef),
    );
  }

  /** `get-entity-cost`, for the caller. */
  async entityCost(
    credentials: BackstageCredentials,
    params: Parameters<AskEngine['entityCost']>[0],
  ): Promise<AskAnswer> {
    return this.deps.ask.entityCost(params, await this.context(credentials));
  }

  /** `explain-cost-change`, for the caller. */
  async explainCostChange(
    credentials: BackstageCredentials,
    params: Parameters<AskEngine['explainCostChange']>[0],
  ): Promise<AskAnswer> {
    return this.deps.ask.explainCostChange(
      params,
      await this.context(credentials),
    );
  }

  /** `top-cost-drivers`, for the caller. */
  async topCostDrivers(
    credentials: BackstageCredentials,
    params: Parameters<AskEngine['topCostDrivers']>[0],
  ): Promise<AskAnswer> {
    return this.deps.ask.topCostDrivers(
      params,
      await this.context(credentials),
    );
  }
}
