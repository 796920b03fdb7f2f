import { Decimal } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startDemoEngine } from '../../__testUtils__/engine';
import { builtinDetectors, DetectorId } from '.';

jest.setTimeout(300_000);

/**
 * Detectors the demo data gives nothing to find, and why. Idle resources
 * need cost with no consumed quantity on each of the last 14 days: every
 * demo usage row has a quantity (its series never reach zero), and the
 * rows without one are unused commitment, purchases, credits and tax,
 * which the detector leaves out.
 */
const NOTHING_IN_DEMO: Partial<Record<DetectorId, string>> = {
  'idle-resource':
    'no demo resource is billed with zero consumed quantity on each of the last 14 days',
};

describe.each(engineDatabaseIds())(
  'the detectors on the demo (%p)',
  databaseId => {
    let engine: Awaited<ReturnType<typeof startDemoEngine>>;
    beforeAll(async () => {
      engine = await startDemoEngine({ databaseId });
    });

    it('each finds something there, but those that cannot', async () => {
      const detectors = builtinDetectors({
        knex: engine.knex,
        catalogEntities: async () => engine.entities,
        // the demo configures no account owners: the AWS production account's, as an admin would
        accountOwners: { '123456789012': 'group:default/infra-team' },
      });
      const found: Record<string, string[]> = {};
      for (const detector of detectors) {
        const { rows } = await detector.run({
          asOf: engine.end,
          currency: 'USD',
        });
        found[detector.id] = rows.map(r => r.RecommendationId);
        for (const row of rows) {
          const impact = Decimal.parse(row.EstimatedMonthlyCostImpact);
          expect(impact.isNegative() || impact.isZero()).toBe(true);
          expect(row.x_Evidence?.to).toBe(engine.end);
          expect(Decimal.parse(row.x_Evidence!.amount!).isNegative()).toBe(
            false,
          );
        }
      }
      // those that cannot find nothing (when the demo gains such rows, take them off the list)
      expect(
        Object.fromEntries(
          Object.entries(found).map(([id, ids]) => [id, ids.length > 0]),
        ),
      ).toEqual(
        Object.fromEntries(
          detectors.map(d => [d.id, !NOTHING_IN_DEMO[d.id as DetectorId]]),
        ),
      );

      expect(found['unused-commitment']).toEqual([
        'arn:aws:savingsplans::111122223333:savingsplan/3f1c9a7e-2b4d-4e8f-9a1c-5d7e0b2f4a68',
      ]);
      // the resources of the deprecated cms-legacy, legacy-checkout and inventory-sync
      expect(found['deprecated-or-removed']).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Microsoft\.Web\/sites\/acme-cms-legacy$/),
          'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a3f5c9e1b7d24680',
          'arn:aws:ec2:eu-west-1:123456789012:instance/i-0c4d6e8f0a2b13579',
        ]),
      );
      // the forgotten c5.24xlarge load-test box
      expect(found['previous-generation']).toContain(
        'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0#c5',
      );
      expect(found['unattributed-account-spend']).toEqual(['123456789012']);
      expect(found['llm-premium-model']).toEqual(
        expect.arrayContaining([
          'proj_Kq7vN2xLp9RtB4mZc8WdYs3F#gpt-4o',
          'proj_Hd3sPw8XnQ5vLr2TyB7kMc6J#gpt-4o',
          'wrkspc_01JQ8mVx2KpTn7RbLc4WzHf9#claude-sonnet',
          'wrkspc_01JR3tYp6WqZm9XcVb2NkLd5#claude-sonnet',
        ]),
      );
    });
  },
);
