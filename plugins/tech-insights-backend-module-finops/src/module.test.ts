import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import {
  type FactRetriever,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { COSTWISE_FACT_RETRIEVER_ID } from './costwiseFactRetriever';
import { techInsightsModuleFinops } from './module';

async function start(config: JsonObject) {
  const added: Record<string, FactRetriever> = {};
  const logger = mockServices.logger.mock();
  await startTestBackend({
    extensionPoints: [
      [
        techInsightsFactRetrieversExtensionPoint,
        {
          addFactRetrievers: (retrievers: Record<string, FactRetriever>) =>
            Object.assign(added, retrievers),
        },
      ],
    ],
    features: [
      techInsightsModuleFinops,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({ data: config }),
      logger.factory,
    ],
  });
  return { added, warn: logger.warn };
}

describe('techInsightsModuleFinops', () => {
  it('adds the retriever under its id, the key its config is read from', async () => {
    const { added, warn } = await start({
      techInsights: {
        factRetrievers: { costwiseFactRetriever: { cadence: '0 */6 * * *' } },
      },
    });
    expect(Object.keys(added)).toEqual([COSTWISE_FACT_RETRIEVER_ID]);
    expect(added[COSTWISE_FACT_RETRIEVER_ID].id).toBe(
      COSTWISE_FACT_RETRIEVER_ID,
    );
    expect(added[COSTWISE_FACT_RETRIEVER_ID].entityFilter).toEqual([
      { kind: ['component', 'resource', 'system', 'group'] },
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns that the retriever will not run without a cadence', async () => {
    const { added, warn } = await start({});
    expect(Object.keys(added)).toEqual([COSTWISE_FACT_RETRIEVER_ID]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /techInsights\.factRetrievers\.costwiseFactRetriever\.cadence/,
      ),
    );
  });
});
