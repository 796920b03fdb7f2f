import { pairMoves } from './moves';

const change = (
  entityRef: string,
  delta: string,
  reason = 'the catalog entry of b changed',
) => ({
  runId: 'r1',
  createdAt: '2025-01-01T00:00:00Z',
  currency: 'USD',
  entityRef,
  previous: '0',
  current: '0',
  delta,
  reason,
});

describe('pairMoves', () => {
  it('reads a re-attribution as cost moved from one entity to another, exactly', () => {
    const moves = pairMoves([
      change('component:default/a', '-412.5'),
      change('component:default/b', '412.5'),
    ]);
    expect(moves).toEqual([
      expect.objectContaining({
        from: 'component:default/a',
        to: 'component:default/b',
        amount: '412.5',
        message:
          '412.50 USD moved from component:default/a to component:default/b: the catalog entry of b changed',
      }),
    ]);
  });

  it('splits one loss over several gainers and reports what has no counterpart', () => {
    const moves = pairMoves([
      change('component:default/a', '-100'),
      change('component:default/b', '60'),
      change('component:default/c', '70'),
    ]);
    expect(moves.map(m => [m.from, m.to, m.amount])).toEqual([
      ['component:default/a', 'component:default/c', '70'],
      ['component:default/a', 'component:default/b', '30'],
      [undefined, 'component:default/b', '30'],
    ]);
  });
});
