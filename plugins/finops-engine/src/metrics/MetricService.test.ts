import { createTestDatabases } from '../__testUtils__/databases';
import { FixedClock } from '../model';
import { applyMigrations, MetricStore } from '../stores';
import { MetricService } from './MetricService';

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'MetricService on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      return { store: new MetricStore(knex) };
    }

    it('stores what the checks accept and none of what they reject', async () => {
      const { store } = await setup();
      const service = new MetricService(store, {
        lookup: async refs =>
          new Set(refs.filter(r => r !== 'component:default/ghost')),
        clock: new FixedClock('2025-03-10T12:00:00Z'),
      });
      const result = await service.record(
        [
          {
            entity: 'component:default/a',
            metric: 'requests',
            date: '2025-03-10',
            value: 5,
          },
          {
            entity: 'component:default/ghost',
            metric: 'requests',
            date: '2025-03-10',
            value: 5,
          },
          {
            entity: 'component:default/a',
            metric: 'requests',
            date: '2025-03-11',
            value: 5,
          },
        ],
        'api',
      );
      expect(result.stored).toBe(1);
      expect(result.rejected.map(r => [r.index, r.reason])).toEqual([
        [1, 'entity component:default/ghost is not in the catalog'],
        [2, 'date 2025-03-11 is in the future (today is 2025-03-10)'],
      ]);
      expect(
        await store.values({
          entityRefs: ['component:default/a', 'component:default/ghost'],
        }),
      ).toHaveLength(1);
    });
  },
);
