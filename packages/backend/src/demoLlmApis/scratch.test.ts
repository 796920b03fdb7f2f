import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { addDays, demoDataEnd, readCatalogFiles } from '@costwise/plugin-finops-engine';
import finopsPlugin from '@costwise/plugin-finops-backend';
import { finopsModuleDemoLlmApis } from './module';

jest.setTimeout(600_000);
const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLES = path.join(ROOT, 'examples');
const AI = ['assistant-api', 'product-copy-generator', 'support-copilot', 'rag-indexer'];

async function run(withApis: boolean) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scratch-'));
  const backend = await startTestBackend({
    features: [
      finopsPlugin,
      ...(withApis ? [finopsModuleDemoLlmApis] : []),
      catalogServiceMock.factory({ entities: await readCatalogFiles(['entities.yaml', 'org.yaml'].map(f => path.join(EXAMPLES, f))) }),
      mockServices.permissions.factory({ result: 'ALLOW' }),
      mockServices.rootConfig.factory({ data: { finops: { demo: true, demoMapping: path.join(EXAMPLES, 'demo-mapping.json'), demoDirectory: dir,
        sources: withApis ? [{ id: 'openai', type: 'openai', location: 'default' }, { id: 'anthropic', type: 'anthropic', location: 'default' }] : [] } } }),
    ],
  });
  const get = (u: string) => request(backend.server).get(`/api/finops${u}`).set('Authorization', mockCredentials.user.header());
  const ids = withApis ? ['demo', 'openai', 'anthropic'] : ['demo'];
  for (;;) {
    const runs = (await get('/ingestions?limit=50')).body.items;
    if (ids.every(id => runs.some((r: any) => r.sourceId === id && r.status !== 'running'))) break;
    await new Promise(r => setTimeout(r, 500));
  }
  await request(backend.server).post('/api/finops/attribution/run').set('Authorization', mockCredentials.user.header());
  await new Promise(r => setTimeout(r, 20000));
  const end = demoDataEnd({});
  const out: any = {};
  for (const name of AI) {
    const costs = (await get(`/entities/component/default/${name}/costs?from=${addDays(end, -89)}&to=${end}&groupBy=provider`)).body;
    const recs = (await get(`/entities/component/default/${name}/recommendations`)).body;
    const ai = (await get(`/entities/component/default/${name}/ai-usage`)).body;
    const summary = (await get(`/entities/component/default/${name}/summary`)).body;
    out[name] = {
      total: costs.total,
      byProvider: Object.fromEntries(costs.series.map((s: any) => [s.key, s.total])),
      mtd: summary.monthToDate, lastMonth: summary.lastMonth,
      ai30: ai.total, models: ai.models?.map((m: any) => `${m.model}(${m.provider}) ${m.cost}`),
      cacheHit: ai.cache?.hitShare, req: ai.requests?.available ? ai.requests.perThousand : ai.requests?.reason,
      recs: (recs.items ?? []).map((r: any) => `${r.subcategory ?? r.category}: ${r.title ?? r.description} ${r.estimatedSavings ?? ''}`),
    };
  }
  out.coverage = (await get('/coverage')).body.currencies;
  out.anomalies = (await get('/anomalies?limit=100')).body.items.map((a: any) => `${a.entityRef} ${a.day}`);
  await backend.stop();
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
  return out;
}

it('compares', async () => {
  const before = await run(false);
  const after = await run(true);
  console.log(JSON.stringify({ before, after }, null, 1));
});
