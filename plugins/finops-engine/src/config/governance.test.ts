import { ConfigReader } from '@backstage/config';
import { readFinopsConfig } from './config';

const read = (governance: object) =>
  readFinopsConfig(new ConfigReader({ finops: { governance } }));

describe('readFinopsConfig: governance', () => {
  it('reads the targets, team targets and overhead', () => {
    expect(
      read({
        targets: { 'attribution-coverage': 0.9, 'time-to-action': 14 },
        teamTargets: [
          { team: 'shop-team', kpi: 'explicit-coverage', target: 0.8 },
        ],
        overhead: [{ from: '2025-01', people: 900, tooling: 300 }],
      }).governance,
    ).toEqual({
      targets: { 'attribution-coverage': 0.9, 'time-to-action': 14 },
      teamTargets: [
        {
          team: 'group:default/shop-team',
          kpi: 'explicit-coverage',
          target: 0.8,
        },
      ],
      overhead: [
        { from: '2025-01', people: '900', tooling: '300', monthly: undefined },
      ],
    });
    expect(readFinopsConfig(new ConfigReader({})).governance).toEqual({
      targets: {},
      teamTargets: [],
      overhead: [],
    });
  });

  it('refuses an unknown KPI, naming the key', () => {
    expect(() => read({ targets: { 'attribution-coverag': 0.9 } })).toThrow(
      /^finops\.governance\.targets\.attribution-coverag: Unknown KPI 'attribution-coverag': use attribution-coverage, /,
    );
    expect(() =>
      read({
        teamTargets: [{ team: 'group:default/a', kpi: 'speed', target: 1 }],
      }),
    ).toThrow(
      /^finops\.governance\.teamTargets\[0\] \(group:default\/a\): Unknown KPI 'speed'/,
    );
  });

  it('refuses a share written as a percentage, naming the key', () => {
    expect(() => read({ targets: { 'attribution-coverage': 95 } })).toThrow(
      'finops.governance.targets.attribution-coverage: Attribution coverage is a share: its target must be from 0 to 1 (0.95 is 95%), got 95',
    );
    expect(() =>
      read({
        teamTargets: [
          { team: 'group:default/a', kpi: 'commitment-coverage', target: -0.1 },
        ],
      }),
    ).toThrow(/teamTargets\[0\].*from 0 to 1/);
    expect(() => read({ targets: { 'time-to-action': -3 } })).toThrow(
      /targets\.time-to-action: .* cannot be negative/,
    );
    expect(() => read({ targets: { 'budget-adherence': 'high' } })).toThrow(
      /targets\.budget-adherence must be a number/,
    );
  });

  it('refuses a team that is not a group', () => {
    expect(() =>
      read({
        teamTargets: [
          { team: 'user:default/jane', kpi: 'explicit-coverage', target: 0.5 },
        ],
      }),
    ).toThrow(/teamTargets\[0\]\.team must be a group ref/);
  });
});
