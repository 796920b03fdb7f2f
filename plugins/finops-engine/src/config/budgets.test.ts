import { ConfigReader } from '@backstage/config';
import { readFinopsConfig } from './config';

const read = (budgets: object) =>
  readFinopsConfig(new ConfigReader({ finops: { budgets } })).budgets;

describe('finops.budgets', () => {
  it('alerts at 80% and 100% of the budget spent and at a forecast of 100% by default', () => {
    expect(readFinopsConfig(new ConfigReader({})).budgets).toEqual({
      alertThresholds: [0.8, 1],
      forecastThreshold: 1,
      notify: true,
    });
  });

  it('reads thresholds in order, once each', () => {
    expect(
      read({
        alertThresholds: [1, 0.5, 0.9, 0.5],
        forecastThreshold: 0.95,
        notify: false,
      }),
    ).toEqual({
      alertThresholds: [0.5, 0.9, 1],
      forecastThreshold: 0.95,
      notify: false,
    });
  });

  it('refuses percentages written as whole numbers and other mistakes, naming the key', () => {
    expect(() => read({ alertThresholds: [80, 100] })).toThrow(
      /finops.budgets.alertThresholds must be a share of the budget above 0 \(0.8 is 80%/,
    );
    expect(() => read({ alertThresholds: 0.8 })).toThrow(
      /must be a list of shares/,
    );
    expect(() => read({ forecastThreshold: 0 })).toThrow(
      /finops.budgets.forecastThreshold/,
    );
  });
});
