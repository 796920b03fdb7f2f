import { parseUnitMetric } from './unitMetric';

describe('parseUnitMetric', () => {
  it('reads a metric, optionally per N, with its display label', () => {
    expect(parseUnitMetric('requests per 1000')).toEqual({
      metric: 'requests',
      per: 1000,
      label: '1k requests',
    });
    expect(parseUnitMetric('active_users')).toEqual({
      metric: 'active_users',
      per: 1,
      label: 'active user',
    });
    expect(parseUnitMetric('orders')).toEqual({
      metric: 'orders',
      per: 1,
      label: 'order',
    });
    expect(parseUnitMetric('deployments')).toEqual(
      expect.objectContaining({ label: 'deployment' }),
    );
    expect(parseUnitMetric('  Tokens   PER 1000000 ')).toEqual({
      metric: 'tokens',
      per: 1_000_000,
      label: '1M tokens',
    });
    expect(parseUnitMetric('requests per 250')).toEqual({
      metric: 'requests',
      per: 250,
      label: '250 requests',
    });
  });

  it('explains what is malformed', () => {
    for (const bad of [
      'requests per thousand',
      'requests per 0',
      'requests per -5',
      'requests per 1.5',
      'requests by 1000',
      '1000 requests',
      'requests per',
      'per 1000',
    ]) {
      const result = parseUnitMetric(bad);
      expect(result).toEqual({ error: expect.any(String) });
    }
    expect(parseUnitMetric('requests per thousand')).toEqual({
      error:
        "'per thousand' must be a positive integer, e.g. 'requests per 1000'",
    });
  });
});
