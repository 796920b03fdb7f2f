import type { Entity } from '@backstage/catalog-model';
import { AskEngine, AskEngineOptions } from '../AskEngine';
import { RecommendationStore } from '../../stores';

/** An ask engine over an engine started by the test utilities. */
export function askEngineOf(
  engine: {
    knex: AskEngineOptions['knex'];
    attributionStore: AskEngineOptions['attributionStore'];
    views: AskEngineOptions['views'];
    unitCosts: AskEngineOptions['unitCosts'];
  },
  entities: Entity[],
  options: Partial<AskEngineOptions> = {},
): AskEngine {
  return new AskEngine({
    knex: engine.knex,
    attributionStore: engine.attributionStore,
    views: engine.views,
    unitCosts: engine.unitCosts,
    recommendations: new RecommendationStore(engine.knex),
    catalogEntities: async () => entities,
    defaults: engine.views.defaults,
    ...options,
  });
}
