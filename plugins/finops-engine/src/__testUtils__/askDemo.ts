import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { startDemoEngine } from './engine';
import {
  demoDataChanges,
  demoDataResources,
  seedDemoRecommendations,
} from '../demo';
import { addDays, FixedClock } from '../model';
import { RecommendationService } from '../recommendations';
import { RecommendationStore } from '../stores';
import { askEngineOf } from '../ask/__testUtils__/askEngines';
import { Reference } from '../ask/__testUtils__/evaluation/reference';

/**
 * The demo as `npm start` runs it (90 days up to 2026-11-30, attributed to
 * the demo catalog, with the demo metrics and recommendations), an ask
 * engine over it and the evaluation's reference reading of it.
 */
export async function startAskDemo() {
  const engine = await startDemoEngine();
  const mapping = JSON.parse(
    await fs.readFile(
      path.resolve(__dirname, '../../../../examples/demo-mapping.json'),
      'utf8',
    ),
  );
  const store = new RecommendationStore(engine.knex);
  const service = new RecommendationService({
    store,
    catalogEntities: async () => engine.entities,
    clock: new FixedClock(`${addDays(engine.end, 1)}T06:00:00Z`),
  });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-ask-recs-'));
  await seedDemoRecommendations({
    service,
    store,
    directory: dir,
    end: engine.end,
    changes: demoDataChanges({ mapping, end: engine.end }),
    resources: demoDataResources({ mapping, end: engine.end }),
  });
  await fs.rm(dir, { recursive: true, force: true });
  return {
    engine,
    ask: askEngineOf(engine, engine.entities),
    reference: new Reference(engine.knex, engine.entities),
  };
}
