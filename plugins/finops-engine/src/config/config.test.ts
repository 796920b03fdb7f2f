import { ConfigReader } from '@backstage/config';
import { readFinopsConfig } from './config';

describe('readFinopsConfig: benchmarks and metrics', () => {
  it('defaults to type cohorts without lifecycle, all teams, deployments from the API, daily providers', () => {
    const config = readFinopsConfig(new ConfigReader({}));
    expect(config.benchmarks).toEqual({
      byLifecycle: false,
      teams: 'all',
      maxCohort: 500,
    });
    expect(config.metrics).toEqual({
      deploymentsSource: 'api',
      schedule: { hours: 24 },
      lookbackDays: 3,
    });
  });

  it('reads the settings', () => {
    const config = readFinopsConfig(
      new ConfigReader({
        finops: {
          benchmarks: { byLifecycle: true, teams: 'siblings' },
          metrics: {
            deployments: { source: 'prometheus' },
            schedule: '0 3 * * *',
            lookbackDays: 7,
          },
        },
      }),
    );
    expect(config.benchmarks).toEqual({
      byLifecycle: true,
      teams: 'siblings',
      maxCohort: 500,
    });
    expect(config.metrics).toEqual({
      deploymentsSource: 'prometheus',
      schedule: { cron: '0 3 * * *' },
      lookbackDays: 7,
    });
  });

  it('names a bad key', () => {
    expect(() =>
      readFinopsConfig(
        new ConfigReader({ finops: { benchmarks: { teams: 'parents' } } }),
      ),
    ).toThrow(
      "finops.benchmarks.teams must be 'all' or 'siblings', got 'parents'",
    );
    expect(() =>
      readFinopsConfig(
        new ConfigReader({ finops: { metrics: { lookbackDays: 0 } } }),
      ),
    ).toThrow(/finops.metrics.lookbackDays must be an integer from 1 to 90/);
  });
});

describe('readFinopsConfig: ingestion threads', () => {
  it('leaves the default to the reader unless set', () => {
    expect(
      readFinopsConfig(new ConfigReader({})).ingestionThreads,
    ).toBeUndefined();
    expect(
      readFinopsConfig(
        new ConfigReader({ finops: { ingestion: { threads: 1 } } }),
      ).ingestionThreads,
    ).toBe(1);
  });

  it('rejects a thread count that is not a positive integer', () => {
    for (const threads of [0, 2.5, -1])
      expect(() =>
        readFinopsConfig(
          new ConfigReader({ finops: { ingestion: { threads } } }),
        ),
      ).toThrow(/finops.ingestion.threads must be an integer from 1 to 64/);
  });
});
