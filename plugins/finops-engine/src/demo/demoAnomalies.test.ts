import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { EXAMPLES, startDemoEngine } from '../__testUtils__/engine';
import { AnomalyService, storedAnomalyData } from '../anomalies';
import { DEFAULT_ANOMALY_CONFIG } from '../config';
import { addDays, FixedClock } from '../model';
import { AnomalyStore } from '../stores';
import { writeDemoData } from './generateDemoData';
import type { DemoMapping } from './types';

jest.setTimeout(300_000);

describe('anomalies in the demo data', () => {
  it('are the ones the demo puts in, each explained, and nothing else', async () => {
    const engine = await startDemoEngine();
    const mapping = JSON.parse(
      await fs.readFile(path.join(EXAMPLES, 'demo-mapping.json'), 'utf8'),
    ) as DemoMapping;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-demo-'));
    const { anomalies: injected } = await writeDemoData(
      path.join(dir, 'demo.csv'),
      { mapping, end: engine.end },
    );
    await fs.rm(dir, { recursive: true, force: true });
    expect(injected.map(a => a.kind).sort()).toEqual([
      'new-resource',
      'spike',
      'spike',
    ]);

    const store = new AnomalyStore(engine.knex);
    const service = new AnomalyService({
      store,
      data: storedAnomalyData(store, engine.attributionStore),
      config: DEFAULT_ANOMALY_CONFIG,
      measure: 'EffectiveCost',
      clock: new FixedClock(`${addDays(engine.end, 1)}T06:00:00Z`),
    });
    const run = await service.detect();
    // the last 30 days of the demo's 90 are judged
    expect(run.to).toBe(engine.end);
    const found = run.created;
    // every injected anomaly is found on its entity and day, and nothing else
    expect(found).toHaveLength(injected.length);
    for (const a of injected)
      expect(found).toContainEqual(
        expect.objectContaining({ entityRef: a.entity, day: a.day }),
      );

    // "why did our costs spike on Thursday?": the Lambda function
    const lambda = injected.find(a => a.description.includes('Lambda'))!;
    const spike = found.find(a => a.entityRef === lambda.entity)!;
    expect(spike.entityRef).toBe('component:default/checkout-api');
    expect(new Date(`${spike.day}T00:00:00Z`).getUTCDay()).toBe(4);
    expect(spike.days).toBe(1);
    expect(spike.rootCauses[0]).toEqual(
      expect.objectContaining({
        dimension: 'resource',
        value: lambda.resourceId,
      }),
    );
    expect(spike.rootCauses).toContainEqual(
      expect.objectContaining({ dimension: 'service', value: 'AWS Lambda' }),
    );
    expect(Number(spike.usageVsPrice!.usage)).toBeGreaterThan(
      Math.abs(Number(spike.usageVsPrice!.price)) * 10,
    );
    expect(spike.explanation).toContain(`on Thursday ${spike.day}`);
    expect(spike.parents).toEqual(
      expect.arrayContaining(['system:default/checkout']),
    );

    // the GPU endpoint is new, and the burst is the LLM project's
    const gpu = injected.find(a => a.kind === 'new-resource')!;
    const endpoint = found.find(a => a.entityRef === gpu.entity)!;
    expect(endpoint.newResources.map(r => r.resourceId)).toEqual([
      gpu.resourceId,
    ]);
    expect(endpoint.explanation).toContain(
      `New: Amazon SageMaker ${gpu.resourceId}`,
    );
    const burst = injected.find(a => a.subAccountId)!;
    const tokens = found.find(a => a.entityRef === burst.entity)!;
    expect(tokens.day).toBe(burst.day);
    expect(tokens.rootCauses[0].dimension).toBe('service');

    // every figure is exact and adds up
    for (const a of found) {
      expect(Number(a.impact)).toBeGreaterThan(
        Number(DEFAULT_ANOMALY_CONFIG.minImpact),
      );
      expect(Number(a.actual) - Number(a.expected)).toBeCloseTo(
        Number(a.impact),
        6,
      );
    }
  });
});
