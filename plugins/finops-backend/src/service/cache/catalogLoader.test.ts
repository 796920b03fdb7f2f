import type { Entity } from '@backstage/catalog-model';
import { FixedClock } from '@costwise/plugin-finops-engine';
import { catalogLoader } from './catalogLoader';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name },
});

describe('catalogLoader', () => {
  it('reads the catalog at most once a minute, without the kinds that carry no cost', async () => {
    const clock = new FixedClock('2025-03-01T00:00:00Z');
    let reads = 0;
    const load = catalogLoader(
      async () => {
        reads++;
        return [
          entity('Component', 'a'),
          entity('User', 'u'),
          entity('Group', 'g'),
        ];
      },
      60_000,
      clock,
    );
    expect((await load()).map(e => e.metadata.name)).toEqual(['a', 'g']);
    await load();
    expect(reads).toBe(1);
    clock.advance(60_001);
    await load();
    expect(reads).toBe(2);
  });

  it('reads again after a failed read', async () => {
    const clock = new FixedClock('2025-03-01T00:00:00Z');
    let fail = true;
    const load = catalogLoader(
      async () => {
        if (fail) throw new Error('catalog down');
        return [entity('Component', 'a')];
      },
      60_000,
      clock,
    );
    await expect(load()).rejects.toThrow('catalog down');
    fail = false;
    expect(await load()).toHaveLength(1);
  });
});
