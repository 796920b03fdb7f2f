import { checkMetricPoints } from './validate';

const today = '2025-06-30';
const good = {
  entity: 'component:default/checkout',
  metric: 'requests',
  date: '2025-06-01',
  value: 10,
};

function reasonFor(point: unknown) {
  const { rejected } = checkMetricPoints([point], {
    today,
    knownEntities: new Set(['component:default/checkout']),
  });
  return rejected[0]?.reason;
}

describe('checkMetricPoints', () => {
  it('accepts a good point and normalizes entity, metric and value', () => {
    const { accepted, rejected } = checkMetricPoints(
      [
        good,
        {
          entity: ' Component:Default/Checkout ',
          metric: ' Active_Users ',
          date: '2025-06-30',
          value: '12.5',
        },
      ],
      { today },
    );
    expect(rejected).toEqual([]);
    expect(accepted[1]).toEqual({
      entity: 'component:default/checkout',
      metric: 'active_users',
      date: '2025-06-30',
      value: 12.5,
    });
  });

  it('rejects bad points with a reason each', () => {
    expect(reasonFor({ ...good, value: -1 })).toBe('value -1 is negative');
    expect(reasonFor({ ...good, value: '-3' })).toBe('value -3 is negative');
    expect(reasonFor({ ...good, value: 'many' })).toBe(
      "value 'many' is not a number",
    );
    expect(reasonFor({ ...good, value: '1,5' })).toBe(
      "value '1,5' is not a number",
    );
    expect(reasonFor({ ...good, value: Infinity })).toBe(
      'value Infinity is not finite',
    );
    expect(reasonFor({ ...good, value: null })).toBe('value is missing');
    expect(reasonFor({ ...good, value: true })).toBe(
      'value true is not a number',
    );
    expect(reasonFor({ ...good, date: '2025-07-01' })).toBe(
      'date 2025-07-01 is in the future (today is 2025-06-30)',
    );
    expect(reasonFor({ ...good, date: '2025-02-30' })).toBe(
      "date '2025-02-30' is not a calendar date YYYY-MM-DD",
    );
    expect(reasonFor({ ...good, metric: 'req uests' })).toMatch(
      /^metric 'req uests' is not a metric name/,
    );
    expect(reasonFor({ ...good, metric: '' })).toBe('metric is missing');
    expect(reasonFor({ ...good, entity: 'component:default/nope' })).toBe(
      'entity component:default/nope is not in the catalog',
    );
    expect(reasonFor({ ...good, entity: 'checkout' })).toMatch(
      /is not an entity reference/,
    );
    expect(reasonFor('a string')).toMatch(/must be an object/);
  });

  it('gives every reason of a point at once and numbers points from the first index', () => {
    const { rejected } = checkMetricPoints(
      [good, { entity: 'component:default/checkout', value: -2 }],
      { today, firstIndex: 2 },
    );
    expect(rejected).toEqual([
      {
        index: 3,
        reason: 'metric is missing; date is missing; value -2 is negative',
        point: { entity: 'component:default/checkout', value: -2 },
      },
    ]);
  });

  it('refuses metrics the source may not send', () => {
    const { rejected } = checkMetricPoints(
      [{ ...good, metric: 'deployments' }],
      { today, refusedMetrics: new Map([['deployments', 'not from here']]) },
    );
    expect(rejected[0].reason).toBe('not from here');
  });
});
