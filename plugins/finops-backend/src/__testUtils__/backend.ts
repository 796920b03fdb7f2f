import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import type { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { finopsPlugin } from '../plugin';
import { Decide, permissionsFactory } from './permissions';

/**
 * Starts a backend with the finops plugin, one FOCUS file source holding
 * `csv`, a mock catalog of `entities` and a permission service deciding by
 * `decide`. `get` asks the plugin's API as a user.
 */
export async function startFinopsBackend(options: {
  csv: string;
  entities: Entity[];
  decide: Decide;
  /** Prefix of the temporary folder of the cost file. */
  prefix: string;
}) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), options.prefix));
  const file = path.join(dir, 'costs.csv');
  await fs.writeFile(file, options.csv);
  const { server } = await startTestBackend({
    features: [
      finopsPlugin,
      mockServices.rootConfig.factory({
        data: {
          finops: {
            sources: [{ id: 'fixture', type: 'focus', location: file }],
            admin: { services: ['external:test-service'] },
          },
        },
      }),
      catalogServiceMock.factory({ entities: options.entities }),
      permissionsFactory(options.decide),
    ],
  });
  const get = (url: string) =>
    request(server)
      .get(`/api/finops${url}`)
      .set('Authorization', mockCredentials.user.header());
  return { server, get, dir };
}
