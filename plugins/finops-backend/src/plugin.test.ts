import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import path from 'path';
import { finopsPlugin } from './plugin';

jest.setTimeout(60_000);

const QUIRKS = path.resolve(
  path.dirname(require.resolve('@costwise/plugin-finops-engine/package.json')),
  'src/ingestion/__fixtures__/focus/focus-1.2-quirks.csv',
);

async function startBackend(
  options: { decision?: 'ALLOW' | 'DENY'; sources?: JsonObject[] } = {},
) {
  const { server } = await startTestBackend({
    features: [
      finopsPlugin,
      mockServices.rootConfig.factory({
        data: { finops: { sources: options.sources ?? [] } },
      }),
      mockServices.permissions.factory({ result: options.decision ?? 'ALLOW' }),
    ],
  });
  return server;
}

describe('finops backend plugin', () => {
  it('answers its health route without credentials', async () => {
    const server = await startBackend();
    const response = await request(server).get('/api/finops/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('requires credentials for ingestion records', async () => {
    const server = await startBackend();
    const response = await request(server)
      .get('/api/finops/ingestions')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(401);
  });

  it('refuses ingestion records to users without finops.admin, with a message', async () => {
    const server = await startBackend({ decision: 'DENY' });
    const response = await request(server)
      .get('/api/finops/ingestions')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/finops.admin/);
  });

  it('ingests configured sources at start-up and lists the runs to admins', async () => {
    const server = await startBackend({
      sources: [
        {
          id: 'quirks',
          type: 'focus',
          location: QUIRKS,
          schedule: { hours: 6 },
        },
      ],
    });
    let runs: any[] = [];
    for (let attempt = 0; attempt < 60 && runs.length === 0; attempt++) {
      await new Promise(resolve => setTimeout(resolve, 500));
      const response = await request(server)
        .get('/api/finops/ingestions')
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      runs = response.body.items.filter((r: any) => r.status !== 'running');
    }
    expect(runs[0]).toEqual(
      expect.objectContaining({
        sourceId: 'quirks',
        status: 'succeeded',
        rows: 16,
        accepted: 9,
        rejected: 7,
      }),
    );
    expect(runs[0].storedTotals).toEqual(runs[0].totals);
    const byId = await request(server)
      .get(`/api/finops/ingestions/${runs[0].id}`)
      .set('Authorization', mockCredentials.user.header());
    expect(byId.body.rejections).toHaveLength(7);
    const missing = await request(server)
      .get('/api/finops/ingestions/nope')
      .set('Authorization', mockCredentials.user.header());
    expect(missing.status).toBe(404);
  });

  it('rejects a bad query with a clear message', async () => {
    const server = await startBackend();
    const response = await request(server)
      .get('/api/finops/ingestions?limit=0')
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/limit/);
  });
});
