import { ConfigReader } from '@backstage/config';
import { DEFAULT_ANOMALY_CONFIG, readAnomalyConfig } from './anomalies';
import { readFinopsConfig } from './config';

const read = (anomalies: object) =>
  readFinopsConfig(new ConfigReader({ finops: { anomalies } })).anomalies;

describe('finops.anomalies', () => {
  it('has defaults and takes what is set', () => {
    expect(readAnomalyConfig(undefined)).toEqual(DEFAULT_ANOMALY_CONFIG);
    expect(
      read({
        threshold: 3.5,
        minImpact: 100,
        minDailySpend: '2.5',
        notify: false,
      }),
    ).toEqual({
      ...DEFAULT_ANOMALY_CONFIG,
      threshold: 3.5,
      minImpact: '100',
      minDailySpend: '2.5',
      notify: false,
    });
  });

  it('refuses values it cannot use, naming the key', () => {
    expect(() => read({ baselineDays: 30 })).toThrow(
      /finops.anomalies.baselineDays must be whole weeks/,
    );
    expect(() => read({ baselineDays: 7 })).toThrow(/from 14 to 91/);
    expect(() => read({ minImpact: 'lots' })).toThrow(
      /finops.anomalies.minImpact must be an amount/,
    );
    expect(() => read({ minImpact: -5 })).toThrow(/minImpact/);
    expect(() => read({ threshold: 0 })).toThrow(/threshold must be above 0/);
    expect(() => read({ minRelative: -0.1 })).toThrow(/minRelative/);
    expect(() => read({ feedbackFactor: 0.5 })).toThrow(/feedbackFactor/);
    expect(() => read({ lookbackDays: 0 })).toThrow(/lookbackDays/);
  });
});
