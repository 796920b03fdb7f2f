import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { finopsPlugin } from '../plugin';

/** The databases named by `COSTWISE_TEST_DATABASES` (SQLite by default). */
export function routeTestDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: (process.env.COSTWISE_TEST_DATABASES ?? 'SQLITE_3')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean) as TestDatabaseId[],
  });
}

/** A catalog entity in the default namespace. */
export const entity = (
  kind: string,
  name: string,
  spec: object,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

/** A signals service that keeps what the plugin published to open tabs. */
export function recordingSignals() {
  const published: any[] = [];
  const factory = createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: async (message: any) => {
        published.push(message);
      },
    }),
  });
  return { published, factory };
}

/** A notifications service that keeps what the plugin sent. */
export function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (notification: NotificationSendOptions) => {
        sent.push(notification);
      },
    }),
  });
  return { sent, factory };
}

/** What a test backend starts with. */
export interface FinopsTestBackendOptions {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  catalog: Entity[];
  /** Files to write to a fresh temporary folder, by name. */
  files: Record<string, string>;
  /** The `finops` configuration; `at` gives the path of one of the files. */
  finops: (at: (file: string) => string) => object;
  /** Further services: permissions, signals, notifications. */
  features?: Array<ReturnType<typeof createServiceFactory>>;
  /**
   * The plugin's database connection, for a second replica on the same
   * database as the first (a fresh database of `databaseId` when not given).
   */
  knex?: Knex;
}

/**
 * A test backend with the finops plugin and a catalog mock, and requests to
 * its API (`/api/finops` + url) as `user:default/<user>` (the admin unless
 * said). Start it in `beforeAll` and stop it in `afterAll`.
 */
export function finopsTestBackend() {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let dir: string | undefined;
  const as = (user: string) =>
    mockCredentials.user.header(`user:default/${user}`);
  const send = (test: request.Test, body?: object) =>
    body === undefined ? test : test.send(body);
  return {
    as,
    get: (url: string, user = 'admin') =>
      request(server).get(`/api/finops${url}`).set('Authorization', as(user)),
    post: (url: string, body?: object, user = 'admin') =>
      send(
        request(server)
          .post(`/api/finops${url}`)
          .set('Authorization', as(user)),
        body,
      ),
    put: (url: string, body: object, user = 'admin') =>
      request(server)
        .put(`/api/finops${url}`)
        .set('Authorization', as(user))
        .send(body),
    delete: (url: string, user = 'admin') =>
      request(server)
        .delete(`/api/finops${url}`)
        .set('Authorization', as(user)),
    async start(options: FinopsTestBackendOptions) {
      const knex =
        options.knex ?? (await options.databases.init(options.databaseId));
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-routes-'));
      for (const [name, content] of Object.entries(options.files))
        await fs.writeFile(path.join(dir, name), content);
      const at = (file: string) => path.join(dir!, file);
      ({ server } = await startTestBackend({
        features: [
          finopsPlugin,
          catalogServiceMock.factory({ entities: options.catalog }),
          ...(options.features ?? []),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { finops: options.finops(at) as any },
          }),
        ],
      }));
    },
    async stop() {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
