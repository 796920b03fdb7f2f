import { Decimal } from '@costwise/plugin-finops-common';
import { buildUnitCostSeries, trendOf } from './series';
import { eachDay } from '../../model/dates';

describe('buildUnitCostSeries', () => {
  // demo-like: cents with many decimals, volumes with weekly swings and idle days
  const days = eachDay('2025-01-01', '2025-03-31');
  const costByDay = new Map(
    days.map((d, i) => [
      d,
      Decimal.parse(`${(123.456789 + i * 0.731).toFixed(9)}`),
    ]),
  );
  const metricByDay = new Map(
    days
      .filter((_, i) => i % 17 !== 5)
      .map((d, i) => [
        d,
        Decimal.fromNumber(i % 13 === 0 ? 0 : 40000 + ((i * 7919) % 9000)),
      ]),
  );

  it.each(['day', 'month'] as const)(
    'gives cost ÷ (metric / per) for every %s shown, and no usage where the metric is 0 or missing',
    granularity => {
      const { series, totals } = buildUnitCostSeries({
        from: '2025-01-01',
        to: '2025-03-31',
        granularity,
        costByDay,
        metricByDay,
        per: 1000,
      });
      expect(series).toHaveLength(granularity === 'day' ? 90 : 3);
      const points = [...series, totals];
      const idle = points.filter(p => !p.metric);
      expect(idle.every(p => p.unitCost === null)).toBe(true);
      expect(idle.length).toBeGreaterThan(granularity === 'day' ? 3 : -1);
      for (const p of points.filter(d => d.metric)) {
        if (p.metric === null) throw new Error('filtered above');
        const metric = Decimal.fromNumber(p.metric);
        expect(Number(p.unitCost)).toBeCloseTo(
          (Number(p.cost) * 1000) / p.metric,
          6,
        );
        // exactly: |cost · 1000 − unitCost · metric| ≤ metric · 0.5e-6 (metrics are whole here)
        const diff = Decimal.parse(p.cost)
          .mulInt(1000)
          .sub(Decimal.parse(p.unitCost!).mulInt(p.metric))
          .abs();
        expect(diff.mulInt(2_000_000).compare(metric)).toBeLessThanOrEqual(0);
      }
    },
  );

  it('leaves unit cost out without a unit metric', () => {
    const { series, trend } = buildUnitCostSeries({
      from: '2025-01-01',
      to: '2025-01-02',
      granularity: 'day',
      costByDay,
    });
    expect(series[0]).toEqual({
      date: '2025-01-01',
      cost: '123.456789',
      metric: null,
      unitCost: null,
    });
    expect(trend).toEqual({
      slope: 0,
      change: null,
      ratio: null,
      direction: 'flat',
      periods: 0,
    });
  });
});

describe('trendOf', () => {
  const p = (unitCost: string | null) => ({
    date: 'x',
    cost: '1',
    metric: 1,
    unitCost,
  });
  it('follows the least-squares line through the periods with usage, from its first value to its last', () => {
    // (0, 2), (2, 1.5), (3, 1): slope −9/28, the line from 57/28 to 30/28
    expect(trendOf([p('2'), p(null), p('1.5'), p('1')])).toEqual({
      slope: expect.closeTo(-9 / 28, 12),
      change: '-0.964286',
      ratio: expect.closeTo(-27 / 57, 12),
      direction: 'down',
      periods: 3,
    });
    expect(trendOf([p('1'), p('1.01')]).direction).toBe('flat');
    expect(trendOf([p('1'), p('1.03')]).direction).toBe('up');
    expect(trendOf([p('0'), p('1')])).toEqual(
      expect.objectContaining({
        ratio: null,
        direction: 'up',
        change: '1.000000',
      }),
    );
  });

  it('is not moved by one noisy end day, as a first-to-last change would be', () => {
    const steady = ['1', '1.1', '1.2', '1.3', '1.4', '1.5'];
    const line = trendOf(steady.map(p));
    const noisyEnd = trendOf([...steady.slice(0, 5), '1.2'].map(p));
    expect(line.direction).toBe('up');
    // the last day fell back to 1.2: first-to-last would say +20% instead of +50%
    expect(noisyEnd.direction).toBe('up');
    expect(noisyEnd.ratio!).toBeGreaterThan(0.2);
  });

  it('leaves out partial months', () => {
    const month = (unitCost: string, partial?: boolean) => ({
      ...p(unitCost),
      ...(partial ? { partial } : {}),
    });
    const trend = trendOf([month('1'), month('1.1'), month('5', true)]);
    expect(trend.periods).toBe(2);
    expect(trend.change).toBe('0.100000');
  });
});
