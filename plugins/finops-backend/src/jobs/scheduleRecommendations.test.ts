import type { RecommendationProvider } from '@costwise/plugin-finops-node';
import { recommendationProviderRegistry } from './scheduleRecommendations';

const provider = (id: string, title = id): RecommendationProvider => ({
  id,
  title,
  run: async () => ({ rows: [] }),
});

describe('the recommendation provider registry', () => {
  it("keeps the modules' providers and the built-in detectors in one list", () => {
    const registry = recommendationProviderRegistry();
    // modules register before the plugin starts, the detectors at its start
    registry.extensionPoint.addRecommendationProvider(provider('acme-api'));
    registry.extensionPoint.addRecommendationProvider(
      provider('idle-resource'),
      provider('unused-commitment'),
    );
    expect(registry.providers().map(p => p.id)).toEqual([
      'acme-api',
      'idle-resource',
      'unused-commitment',
    ]);
  });

  it('refuses a second provider with the same id, which would expire the first one’s recommendations', () => {
    const registry = recommendationProviderRegistry();
    registry.extensionPoint.addRecommendationProvider(
      provider('idle-resource', 'Idle resources'),
    );
    expect(() =>
      registry.extensionPoint.addRecommendationProvider(
        provider('idle-resource', 'My idle finder'),
      ),
    ).toThrow(
      "A recommendation provider with id 'idle-resource' is already registered ('Idle resources'): each provider needs its own id",
    );
    expect(registry.providers()).toHaveLength(1);
  });
});
