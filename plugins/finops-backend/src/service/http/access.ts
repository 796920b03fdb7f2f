import type { Request } from 'express';
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  finopsAdminPermission,
  finopsCostReadPermission,
  finopsCostUpdatePermission,
} from '@costwise/plugin-finops-common';
import type { CostViewer } from '@costwise/plugin-finops-engine';
import { costViewer } from './costViewer';

/** Who made a change: the user's entity ref, or the service's subject. */
export function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}

/**
 * Every access decision of the routes, in one place: who is an admin (a
 * user with `finops.admin`, or a service on `finops.admin.services`), which
 * entity a request is about and whether the caller may read its cost, and
 * which members of a rollup the caller may read.
 */
export class RequestAccess {
  private readonly viewerOf: (credentials: BackstageCredentials) => CostViewer;

  constructor(
    private readonly deps: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      catalog: CatalogService;
      /** Service subjects (`plugin:...`, `external:...`) allowed to act as admins. */
      adminServices: readonly string[];
    },
  ) {
    this.viewerOf = costViewer(deps);
  }

  /**
   * The caller's credentials when it is an admin; a 403 naming what it
   * tried to do otherwise.
   */
  async requireAdmin(
    req: Request,
    action: string,
  ): Promise<BackstageCredentials> {
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type === 'service') {
      const subject = (credentials.principal as { subject?: string }).subject;
      if (subject && this.deps.adminServices.includes(subject))
        return credentials;
      throw new NotAllowedError(
        `The service '${subject}' may not ${action}: it is not listed in finops.admin.services`,
      );
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: finopsAdminPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `You need the finops.admin permission to ${action}`,
      );
    return credentials;
  }

  /**
   * The request's entity, looked up with the caller's credentials (404 when
   * the caller cannot see it or it does not exist), once `finops.cost.read`
   * on it is allowed; conditional decisions are resolved by the catalog,
   * which owns the `catalog-entity` resource type, so catalog rules such as
   * IS_ENTITY_OWNER apply.
   */
  async entity(req: Request): Promise<Entity> {
    const credentials = await this.deps.httpAuth.credentials(req);
    const { kind, namespace, name } = req.params;
    const ref = `${kind}:${namespace}/${name}`.toLowerCase();
    const entity = await this.deps.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: finopsCostReadPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `You are not allowed to read the cost of ${ref}`,
      );
    return entity;
  }

  /** The caller as a viewer of rollups: members it may not read are left out. */
  async viewer(req: Request): Promise<CostViewer> {
    return this.viewerOf(await this.deps.httpAuth.credentials(req));
  }

  /** The caller's credentials. */
  credentials(req: Request): Promise<BackstageCredentials> {
    return this.deps.httpAuth.credentials(req);
  }

  /** A caller as a viewer of rollups, from its credentials. */
  viewerFor(credentials: BackstageCredentials): CostViewer {
    return this.viewerOf(credentials);
  }

  /** Whether the credentials are an admin's (a user with `finops.admin`, or a listed service). */
  async isAdmin(credentials: BackstageCredentials): Promise<boolean> {
    const principal = credentials.principal as {
      type?: string;
      subject?: string;
    };
    if (principal.type === 'service')
      return (
        !!principal.subject &&
        this.deps.adminServices.includes(principal.subject)
      );
    if (principal.type !== 'user') return false;
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: finopsAdminPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * Which of the entities the caller may read (`finops.cost.read`) or
   * change (`finops.cost.update`) the cost state of; conditional decisions
   * are resolved by the catalog, as for {@link RequestAccess.entity}.
   */
  async allowed(
    credentials: BackstageCredentials,
    action: 'read' | 'update',
    refs: string[],
  ): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const permission =
      action === 'read' ? finopsCostReadPermission : finopsCostUpdatePermission;
    const decisions = await this.deps.permissions.authorize(
      refs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    return new Set(
      refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }

  /** An entity by ref, as the caller may see it in the catalog. */
  async entityByRef(
    credentials: BackstageCredentials,
    ref: string,
  ): Promise<Entity | undefined> {
    return this.deps.catalog.getEntityByRef(ref, { credentials });
  }
}
