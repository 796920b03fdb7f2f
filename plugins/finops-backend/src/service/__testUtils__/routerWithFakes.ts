import express from 'express';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRefOf, FixedClock } from '@costwise/plugin-finops-engine';
import { RequestAccess } from '../http/access';
import { createRouter, RouterOptions } from '../router';

/** The clock of every router test: the last day with data is the day before. */
export const NOW = '2025-03-31T10:00:00Z';

const entity = (
  kind: string,
  name: string,
  spec: object,
  relations?: Entity['relations'],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
  ...(relations ? { relations } : {}),
});

/**
 * The catalog of the router tests: a team owning the `cart` and `secret`
 * services of the `shop` system, and alice, a member of the team.
 */
export const testEntities: Entity[] = [
  entity('Group', 'team', { type: 'team', children: [] }),
  entity('System', 'shop', { owner: 'group:default/team' }),
  entity('Component', 'cart', {
    type: 'service',
    owner: 'group:default/team',
    system: 'shop',
  }),
  entity('Component', 'secret', {
    type: 'service',
    owner: 'group:default/team',
    system: 'shop',
  }),
  entity('User', 'alice', { memberOf: ['team'] }),
];

/** The signed-in user of the router tests. */
export const ALICE = 'user:default/alice';

/** Who calls and what it may not do. */
export interface FakeCaller {
  /**
   * What the caller is denied: a permission name (`finops.admin`), an
   * entity ref (every permission on it), or `permission:ref`
   * (`finops.cost.update:component:default/cart`).
   */
  denied?: string[];
  /** Service subjects on `finops.admin.services`. */
  adminServices?: string[];
  /** Who calls, whatever the request's token says. */
  caller?: BackstageCredentials;
  /** The catalog; {@link testEntities} by default. */
  entities?: Entity[];
}

/**
 * The access checks of the routes over `mockServices`: the real
 * {@link RequestAccess} with a permission policy that allows everything
 * but what the caller is denied, and a catalog of `entities`.
 */
export function fakeAccess(options: FakeCaller = {}) {
  const denied = new Set(options.denied ?? []);
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => {
        const ref = 'resourceRef' in r ? r.resourceRef : undefined;
        const name = r.permission.name;
        const deny =
          denied.has(name) ||
          (!!ref && (denied.has(ref) || denied.has(`${name}:${ref}`)));
        return {
          result: deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
        };
      }),
  });
  const access = new RequestAccess({
    httpAuth: options.caller
      ? mockServices.httpAuth.mock({
          credentials: (async () => options.caller) as any,
        })
      : mockServices.httpAuth(),
    permissions,
    catalog: catalogServiceMock({
      entities: options.entities ?? testEntities,
    }),
    adminServices: options.adminServices ?? [],
  });
  return { access, permissions };
}

/**
 * The `/api/finops` router over fake engine services: only the services
 * a test hands in are there (cast to their types), so a route reaching
 * for another one fails loudly. `services` may be a function of the
 * access checks and the clock, for the backend's own access classes
 * (recommendations, anomalies, Ask Costwise) built over fakes.
 */
export async function routerWithFakes(
  services:
    | Partial<Record<keyof RouterOptions, unknown>>
    | ((deps: {
        access: RequestAccess;
        clock: FixedClock;
      }) => Partial<Record<keyof RouterOptions, unknown>>),
  caller: FakeCaller = {},
) {
  const clock = new FixedClock(NOW);
  const { access, permissions } = fakeAccess(caller);
  const fakes =
    typeof services === 'function' ? services({ access, clock }) : services;
  const router = await createRouter({
    sources: [],
    ...fakes,
    access,
    clock,
  } as unknown as RouterOptions);
  const app = express().use(router).use(mockErrorHandler());
  return {
    app,
    access,
    clock,
    permissions,
    /** The `Authorization` header of {@link ALICE}. */
    user: mockCredentials.user.header(ALICE),
  };
}

/** The entity a fake service was handed, by ref. */
export function refOf(handed: unknown): string {
  return entityRefOf(handed as Entity);
}
