import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { registerGovernanceActions } from './governanceActions';

const kpi = {
  id: 'attribution-coverage',
  title: 'Attribution coverage',
  unit: 'ratio',
  value: 0.93,
  target: 0.95,
  status: 'at-risk',
  direction: 'up',
  month: '2026-11',
  history: [],
};

describe('the get-finops-kpis action', () => {
  function setup(readable: boolean) {
    const registry = actionsRegistryServiceMock();
    const governance: any = {
      kpis: jest.fn(async () => ({ month: '2026-11', organization: [kpi] })),
      scorecard: jest.fn(async () => ({
        kpis: [{ ...kpi, value: null, status: 'not-measured', message: 'x' }],
      })),
    };
    const access: any = {
      viewerFor: jest.fn(() => ({})),
      entityByRef: jest.fn(async (_c: unknown, ref: string) =>
        ref === 'group:default/shop-team'
          ? { kind: 'Group', metadata: { name: 'shop-team' } }
          : undefined,
      ),
      allowed: jest.fn(
        async (_c: unknown, _a: string, refs: string[]) =>
          new Set(readable ? refs : []),
      ),
    };
    registerGovernanceActions({
      actionsRegistry: registry,
      access,
      governance,
    });
    return { registry, governance };
  }
  const credentials = mockCredentials.user('user:default/ana');

  it("answers the organization's KPIs with their targets and status", async () => {
    const { registry } = setup(true);
    const result = await registry.invoke({
      id: 'test:get-finops-kpis',
      input: {},
      credentials,
    });
    expect(result.output).toEqual({
      scope: 'organization',
      month: '2026-11',
      kpis: [
        {
          id: 'attribution-coverage',
          title: 'Attribution coverage',
          unit: 'ratio',
          value: 0.93,
          target: 0.95,
          status: 'at-risk',
          direction: 'up',
        },
      ],
    });
  });

  it("answers a team's scorecard to who may read it, and refuses others", async () => {
    const { registry } = setup(true);
    const team = await registry.invoke({
      id: 'test:get-finops-kpis',
      input: { team: 'group:default/shop-team' },
      credentials,
    });
    expect(team.output).toEqual(
      expect.objectContaining({
        scope: 'group:default/shop-team',
        kpis: [expect.objectContaining({ value: null, message: 'x' })],
      }),
    );
    await expect(
      registry.invoke({
        id: 'test:get-finops-kpis',
        input: { team: 'group:default/nobody' },
        credentials,
      }),
    ).rejects.toThrow(/No team/);
    const denied = setup(false);
    await expect(
      denied.registry.invoke({
        id: 'test:get-finops-kpis',
        input: { team: 'group:default/shop-team' },
        credentials,
      }),
    ).rejects.toThrow(/not allowed/);
  });
});
