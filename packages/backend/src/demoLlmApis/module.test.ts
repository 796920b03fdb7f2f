import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Decimal, IngestionRun } from '@costwise/plugin-finops-common';
import {
  addDays,
  demoDataEnd,
  demoDataLlmUsage,
  DemoMapping,
  readCatalogFiles,
  readCostFiles,
  writeDemoData,
} from '@costwise/plugin-finops-engine';
import finopsPlugin from '@costwise/plugin-finops-backend';
import finopsModuleOpenAi from '@costwise/plugin-finops-backend-module-openai';
import finopsModuleAnthropic from '@costwise/plugin-finops-backend-module-anthropic';
import type { FakeOpenAiServer } from '@costwise/plugin-finops-backend-module-openai/testUtils';
import type { FakeAnthropicServer } from '@costwise/plugin-finops-backend-module-anthropic/testUtils';
import { DEMO_DAYS, demoApiDays, finopsModuleDemoLlmApis } from './module';
import { DemoLlmApis, startDemoLlmApis } from './fakes';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLES = path.join(ROOT, 'examples');
const MAPPING = path.join(EXAMPLES, 'demo-mapping.json');
const COPY_PROJECT = 'proj_Hd3sPw8XnQ5vLr2TyB7kMc6J';
const COPILOT_WORKSPACE = 'wrkspc_01JR3tYp6WqZm9XcVb2NkLd5';

/** The sources the demo's app-config lists, as the demo backend reads them. */
async function demoSources() {
  const config = parseYaml(
    await fs.readFile(path.join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  return config.finops.sources as Array<{ id: string; type: string }>;
}

/** Exact sums of what a fake API bills, per project or workspace, from a day on. */
const openAiTotal = (fake: FakeOpenAiServer, project: string, from: string) =>
  Decimal.sum(
    fake.dataset.costs
      .filter(c => c.projectId === project && c.day >= from)
      .map(c => Decimal.parse(c.amount)),
  );
const anthropicTotal = (
  fake: FakeAnthropicServer,
  workspace: string,
  from: string,
) =>
  Decimal.sum(
    fake.dataset.costs
      .filter(c => c.workspaceId === workspace && c.day >= from)
      .map(c => Decimal.parse(c.cents)),
  ).divide(Decimal.parse('100'), 12);

describe('the demo backend with its fake OpenAI and Anthropic APIs', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  let openai: FakeOpenAiServer;
  let anthropic: FakeAnthropicServer;
  let runs: IngestionRun[];
  let mapping: DemoMapping;
  let reference: DemoLlmApis;
  const end = demoDataEnd({});
  const first = addDays(end, 1 - DEMO_DAYS);
  const get = (url: string) =>
    request(server)
      .get(`/api/finops${url}`)
      .set('Authorization', mockCredentials.user.header());

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-demo-llm-apis-'));
    mapping = JSON.parse(await fs.readFile(MAPPING, 'utf8'));
    // the same fakes as the module's (their data is deterministic), to
    // compare with what the module's served
    reference = await startDemoLlmApis({
      usage: demoDataLlmUsage({ mapping, end }),
      end,
      days: demoApiDays(end).days,
      openai: true,
      anthropic: true,
    });
    openai = reference.openai!;
    anthropic = reference.anthropic!;
    const backend = await startTestBackend({
      features: [
        finopsPlugin,
        finopsModuleOpenAi,
        finopsModuleAnthropic,
        finopsModuleDemoLlmApis,
        catalogServiceMock.factory({
          entities: await readCatalogFiles(
            ['entities.yaml', 'org.yaml'].map(f => path.join(EXAMPLES, f)),
          ),
        }),
        mockServices.permissions.factory({ result: 'ALLOW' }),
        mockServices.rootConfig.factory({
          data: {
            finops: {
              demo: true,
              demoMapping: MAPPING,
              demoDirectory: dir,
              sources: await demoSources(),
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();

    // the demo file, then the two pulls, each once at start-up
    const deadline = Date.now() + 200_000;
    const finished = (items: IngestionRun[]) =>
      ['demo', 'openai', 'anthropic'].every(id =>
        items.some(r => r.sourceId === id && r.status !== 'running'),
      );
    for (;;) {
      runs = (await get('/ingestions?limit=50')).body.items;
      if (finished(runs)) break;
      if (Date.now() > deadline)
        throw new Error(`no runs after 200 s: ${JSON.stringify(runs)}`);
      await new Promise(r => setTimeout(r, 500));
    }
    // every ingestion is in the attribution
    const attributed = await request(server)
      .post('/api/finops/attribution/run')
      .set('Authorization', mockCredentials.user.header());
    if (attributed.status !== 200)
      throw new Error(`attribution failed: ${JSON.stringify(attributed.body)}`);
  });

  afterAll(async () => {
    await stop?.();
    await reference?.close();
    // the demo's recommendations may still be written as it stops
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('pulls the OpenAI and Anthropic APIs on first start, each pull an ingestion run', () => {
    for (const id of ['openai', 'anthropic']) {
      const run = runs.find(r => r.sourceId === id)!;
      expect([id, run.status, run.error]).toEqual([id, 'succeeded', undefined]);
      expect(run.rejected).toBe(0);
      expect(run.accepted).toBeGreaterThan(0);
      // the endpoints it read are its files: the local fakes
      expect(run.files.every(f => f.startsWith('http://127.0.0.1:'))).toBe(
        true,
      );
    }
    // over the demo data's months
    const demo = runs.find(r => r.sourceId === 'demo')!;
    expect(runs.find(r => r.sourceId === 'openai')!.billingPeriods).toEqual(
      demo.billingPeriods,
    );
    expect(runs.find(r => r.sourceId === 'anthropic')!.billingPeriods).toEqual(
      demo.billingPeriods,
    );
  });

  it('serves whole months, so that a start on a later day never shrinks a stored month', () => {
    // the demo data of 2026-12-04 starts on 2026-09-06
    expect(demoApiDays('2026-12-04')).toEqual({
      first: '2026-09-01',
      days: 95,
    });
    expect(demoApiDays('2026-12-31')).toEqual({
      first: '2026-10-01',
      days: 92,
    });
  });

  it('leaves the OpenAI and Anthropic rows out of the demo file, and keeps Azure OpenAI', async () => {
    const files = (await fs.readdir(dir)).filter(f => f.endsWith('.csv'));
    expect(files).toEqual([
      `focus-demo-${end}-without-anthropic-without-openai.csv`,
    ]);
    const demo = runs.find(r => r.sourceId === 'demo')!;
    expect(demo.status).toBe('succeeded');
    expect(Object.keys(demo.providers ?? {}).sort()).toEqual([
      'AWS',
      'Google Cloud',
      'Microsoft',
    ]);
  });

  it("attributes the fake OpenAI project's exact bill to the product copy generator", async () => {
    const costs = (
      await get(
        `/entities/component/default/product-copy-generator/costs?from=${first}&to=${end}&groupBy=provider`,
      )
    ).body;
    const byProvider = Object.fromEntries(
      costs.series.map((s: { key: string; total: string }) => [s.key, s.total]),
    );
    const billed = openAiTotal(openai, COPY_PROJECT, first);
    expect(billed.compare(Decimal.parse('1000'))).toBeGreaterThan(0);
    expect(byProvider.OpenAI).toBe(billed.toString());
    // and its share of the LLM gateway (Azure OpenAI) from the cloud export
    expect(byProvider.Microsoft).toBeDefined();
  });

  it("shows the fake API's spend as the component's AI usage by model, with the demo's burst", async () => {
    const usage = (
      await get(
        `/entities/component/default/product-copy-generator/ai-usage?from=${first}&to=${end}`,
      )
    ).body;
    const openAiModels = usage.models.filter(
      (m: { provider: string }) => m.provider === 'OpenAI',
    );
    // the model, and the web-search calls no usage explains, kept visible
    expect(openAiModels.map((m: { model: string }) => m.model).sort()).toEqual([
      'Web search tool calls',
      'gpt-4o',
    ]);
    expect(
      Decimal.sum(
        openAiModels.map((m: { cost: string }) => Decimal.parse(m.cost)),
      ).toString(),
    ).toBe(openAiTotal(openai, COPY_PROJECT, first).toString());
    const gpt4o = openAiModels.find(
      (m: { model: string }) => m.model === 'gpt-4o',
    );
    expect(BigInt(gpt4o.tokens)).toBeGreaterThan(0n);
    // the demo's bulk regeneration: six times the day's tokens
    const [burst] = demoDataLlmUsage({ mapping, end }).find(
      u => u.project === COPY_PROJECT,
    )!.spikes;
    const daily = (day: string) =>
      Number(
        usage.daily.find((d: { date: string }) => d.date === day).byModel[
          gpt4o.key
        ],
      );
    expect(daily(burst.day)).toBeGreaterThan(4 * daily(addDays(burst.day, -7)));
  });

  it("attributes the fake Anthropic workspace's exact bill to the support copilot", async () => {
    const costs = (
      await get(
        `/entities/component/default/support-copilot/costs?from=${first}&to=${end}&groupBy=provider`,
      )
    ).body;
    const anthropicSeries = costs.series.find(
      (s: { key: string }) => s.key === 'Anthropic',
    );
    const billed = anthropicTotal(anthropic, COPILOT_WORKSPACE, first);
    expect(billed.compare(Decimal.parse('1000'))).toBeGreaterThan(0);
    expect(anthropicSeries.total).toBe(billed.toString());
  });

  it('serves the volumes the demo data would have written', async () => {
    // the rows the generator writes without the connectors
    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-demo-'));
    const written = new Map<string, number>();
    try {
      const file = path.join(other, 'focus-demo.csv');
      await writeDemoData(file, { mapping, end });
      for await (const record of readCostFiles([file])) {
        if (record.kind !== 'row') continue;
        const r = record.row;
        if (!['OpenAI', 'Anthropic'].includes(r.providerName)) continue;
        if (!/^(Cached )?Input Tokens$/.test(r.consumedUnit ?? '')) continue;
        const key = `${r.subAccountId}|${r.skuId}`;
        written.set(key, (written.get(key) ?? 0) + Number(r.consumedQuantity));
      }
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
    const served = new Map<string, number>();
    const add = (key: string, tokens: number) =>
      served.set(key, (served.get(key) ?? 0) + tokens);
    // OpenAI counts cached tokens inside the input tokens
    for (const r of openai.dataset.usage.filter(u => u.day >= first))
      add(`${r.projectId}|${r.model}`, r.inputTokens);
    for (const r of anthropic.dataset.usage.filter(u => u.day >= first))
      add(
        `${r.workspaceId}|${r.model}`,
        r.uncachedInputTokens + r.cacheReadInputTokens,
      );
    expect([...served.keys()].sort()).toEqual([...written.keys()].sort());
    // the same base volumes; the generated data also grows slowly over the days
    for (const [key, tokens] of written) {
      const ratio = served.get(key)! / tokens;
      expect([key, ratio > 0.9 && ratio < 1.15]).toEqual([key, true]);
    }
  });
  it("finds the demo's burst of LLM tokens in the pulled data, and no other anomaly on the AI components", async () => {
    const [burst] = demoDataLlmUsage({ mapping, end }).find(
      u => u.project === COPY_PROJECT,
    )!.spikes;
    // detection is a listener of the attribution run the set-up waited for
    const expected = [
      'component:default/checkout-api',
      'component:default/product-copy-generator',
      'component:default/similar-items-model',
    ];
    const anomalies: Array<{ entityRef: string; day: string }> = (
      await get('/anomalies?limit=100')
    ).body.items;
    expect(
      anomalies
        .filter(a => a.entityRef === 'component:default/product-copy-generator')
        .map(a => a.day),
    ).toEqual([burst.day]);
    expect([...new Set(anomalies.map(a => a.entityRef))].sort()).toEqual(
      expected,
    );
  });
});
