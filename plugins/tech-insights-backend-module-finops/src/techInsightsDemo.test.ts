import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  coreServices,
  createBackendModule,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import techInsightsJsonRulesEngine from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
// the test runs the finops backend, in demo mode, next to Tech Insights
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import finopsBackend from '@costwise/plugin-finops-backend';
import { parseAllDocuments } from 'yaml';
import { costwiseChecksConfig } from './checks';
import { COSTWISE_FACT_RETRIEVER_ID } from './costwiseFactRetriever';
import { techInsightsModuleFinops } from './module';

jest.setTimeout(300_000);

const EXAMPLES = path.resolve(__dirname, '../../../examples');

async function demoCatalog(): Promise<Entity[]> {
  const out: Entity[] = [];
  for (const file of ['entities.yaml', 'org.yaml'])
    for (const doc of parseAllDocuments(
      await fs.readFile(path.join(EXAMPLES, file), 'utf8'),
    )) {
      const entity = doc.toJS() as Entity | null;
      if (entity?.kind) out.push(entity);
    }
  return out;
}

/** Hands the test the scheduler Tech Insights schedules its retrievers on. */
let scheduler: SchedulerService;
const captureScheduler = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'test-scheduler',
  register(env) {
    env.registerInit({
      deps: { s: coreServices.scheduler },
      async init({ s }) {
        scheduler = s;
      },
    });
  },
});

describe('the Costwise facts of the demo entities, through the Tech Insights backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let dir: string;
  const user = mockCredentials.user.header('user:default/admin');
  const finops = async (url: string) =>
    (await request(server).get(`/api/finops${url}`).set('Authorization', user))
      .body;
  const latestFacts = async (ref: string) =>
    (
      await request(server)
        .get('/api/tech-insights/facts/latest')
        .query({ entity: ref, 'ids[]': COSTWISE_FACT_RETRIEVER_ID })
        .set('Authorization', user)
    ).body[COSTWISE_FACT_RETRIEVER_ID]?.facts;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-ti-demo-'));
    ({ server } = await startTestBackend({
      features: [
        techInsightsBackend,
        techInsightsJsonRulesEngine,
        techInsightsModuleFinops,
        captureScheduler,
        finopsBackend,
        catalogServiceMock.factory({ entities: await demoCatalog() }),
        mockServices.rootConfig.factory({
          data: {
            techInsights: {
              factRetrievers: {
                [COSTWISE_FACT_RETRIEVER_ID]: { cadence: '0 3 * * *' },
              },
              factChecker: {
                checks: costwiseChecksConfig() as unknown as JsonObject,
              },
            },
            finops: {
              demo: true,
              demoMapping: path.join(EXAMPLES, 'demo-mapping.json'),
              demoDirectory: dir,
            },
          },
        }),
      ],
    }));
    // the demo is generated, ingested and attributed after start-up, and
    // its recommendations seeded after that
    for (let i = 0; i < 240; i++) {
      const recs = await finops(
        '/entities/component/default/ci-runners/recommendations',
      );
      if (recs.items?.some((r: any) => r.status === 'implemented')) break;
      await new Promise(resolve => setTimeout(resolve, 1_000));
    }
    await scheduler.triggerTask(COSTWISE_FACT_RETRIEVER_ID);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  // a shared database passes its cost on: no coverage of its own
  it.each([
    ['component', 'checkout-api', true],
    ['component', 'ci-runners', true],
    ['resource', 'orders-db', false],
    ['system', 'checkout', true],
  ])(
    'stores the facts of %s %s equal to the Costwise API',
    async (kind, name, ownCost) => {
      const base = `/entities/${kind}/default/${name}`;
      const summary = await finops(`${base}/summary`);
      const recs = await finops(`${base}/recommendations?status=open`);
      const facts = await latestFacts(`${kind}:default/${name}`);
      expect(facts).toEqual(
        expect.objectContaining({
          hasCostMapping: expect.any(Boolean),
          hasUnitMetric: expect.any(Boolean),
          openRecommendations: recs.open.count,
          openRecommendationSavings: Number(recs.open.monthlySavings),
        }),
      );
      expect(facts.explicitCoverage).toBe(
        ownCost ? summary.confidence.explicitShare : undefined,
      );
      // a rate without recommendations is left out, not 0
      expect(facts.recommendationsActioned).toBe(
        recs.kpis.actionedRate ?? undefined,
      );
    },
  );

  it("reads a team's KPIs from its scorecard", async () => {
    const card = await finops(
      '/entities/group/default/checkout-team/scorecard',
    );
    const facts = await latestFacts('group:default/checkout-team');
    const kpi = (id: string) => card.kpis.find((k: any) => k.id === id).value;
    expect(facts.explicitCoverage).toBe(kpi('explicit-coverage'));
    expect(facts.unitCostTrend).toBe(kpi('unit-cost-trend') ?? undefined);
  });
});
