import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { CostwiseFactsClient } from './CostwiseFactsClient';
import {
  annotationFacts,
  costwiseFactSchema,
  factsFromFigures,
  isCostRestricted,
} from './facts';

/**
 * The id of the Costwise fact retriever: the key of its config
 * (`techInsights.factRetrievers.costwiseFactRetriever`) and the value checks
 * list in `factIds`.
 *
 * @public
 */
export const COSTWISE_FACT_RETRIEVER_ID = 'costwiseFactRetriever';

/** Entities whose figures are fetched at a time. */
const CONCURRENCY = 4;

/** Runs `fn` on every item, at most `limit` at a time, in order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/**
 * Creates the Costwise fact retriever: for each Component, Resource, System
 * and Group in the catalog, the facts of `costwiseFactSchema` from the
 * Costwise API.
 *
 * - An entity Costwise answers 403 or 404 for is logged and skipped; any
 *   other failure fails the run, so that the facts of the last good run stay
 *   rather than a partial set.
 * - An entity whose cost is restricted to its owners
 *   (`costwise.dev/cost-visibility: owners`) gets only `hasCostMapping` and
 *   `hasUnitMetric`: Tech Insights shows facts to anyone allowed to read
 *   facts, not only to the entity's owners.
 *
 * @param options - `catalog`: the catalog service of the tech-insights plugin.
 * @public
 */
export function createCostwiseFactRetriever(options: {
  catalog: CatalogService;
}): FactRetriever {
  const { catalog } = options;
  const entityFilter = [{ kind: ['component', 'resource', 'system', 'group'] }];
  return {
    id: COSTWISE_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'Costwise FinOps facts',
    description:
      'Cost mapping, unit metric, attribution coverage, unit-cost trend and cost recommendations from Costwise',
    entityFilter,
    schema: costwiseFactSchema,
    async handler(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
      const { logger, auth, discovery } = ctx;
      const client = new CostwiseFactsClient({ discovery, auth });
      const { items } = await catalog.getEntities(
        {
          filter: ctx.entityFilter ?? entityFilter,
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      let skipped = 0;
      const facts = await mapLimited(
        items,
        CONCURRENCY,
        async (entity: Entity): Promise<TechInsightFact | undefined> => {
          const ref = {
            kind: entity.kind,
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
          };
          if (isCostRestricted(entity))
            return { entity: ref, facts: { ...annotationFacts(entity) } };
          const figures = await client.figures(ref);
          if (!figures) {
            skipped++;
            logger.info('Costwise has no figures for the entity, skipped', {
              entity: `${ref.kind}:${ref.namespace}/${ref.name}`,
            });
            return undefined;
          }
          return {
            entity: ref,
            facts: { ...factsFromFigures(entity, figures) },
          };
        },
      );
      const found = facts.filter((f): f is TechInsightFact => !!f);
      logger.info('Retrieved Costwise facts', {
        entities: found.length,
        skipped,
      });
      return found;
    },
  };
}
