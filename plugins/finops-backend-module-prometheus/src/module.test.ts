import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  MetricProvider,
  metricProvidersExtensionPoint,
} from '@costwise/plugin-finops-node';
import { finopsModulePrometheus } from './module';

async function providersWith(config: JsonObject) {
  const added: MetricProvider[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        metricProvidersExtensionPoint,
        { addMetricProvider: (...p: MetricProvider[]) => added.push(...p) },
      ],
    ],
    features: [
      finopsModulePrometheus,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return added;
}

describe('finopsModulePrometheus', () => {
  it('adds nothing without finops.prometheus', async () => {
    expect(await providersWith({ finops: {} })).toEqual([]);
  });

  it('adds the provider when configured', async () => {
    const added = await providersWith({
      finops: {
        prometheus: {
          baseUrl: 'http://prometheus:9090',
          metrics: [{ name: 'requests', query: 'up' }],
        },
      },
    });
    expect(added.map(p => p.id)).toEqual(['prometheus']);
  });
});
