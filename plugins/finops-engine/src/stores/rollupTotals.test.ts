import { RollupAccumulator } from './rollupTotals';

const allocation = (
  entityRef: string,
  day: string,
  amount: string,
  groupId = '1',
) => ({
  entityRef,
  day,
  currency: 'USD',
  method: 'tags',
  groupId,
  billedCost: amount,
  effectiveCost: amount,
  listCost: amount,
  contractedCost: '0',
});

describe('RollupAccumulator', () => {
  const members = new Map([
    [
      'system:default/shop',
      new Map([
        ['system:default/shop', 'system:default/shop'],
        ['component:default/cart', 'component:default/cart'],
        ['component:default/checkout', 'component:default/checkout'],
      ]),
    ],
    [
      'component:default/cart',
      new Map([['component:default/cart', 'component:default/cart']]),
    ],
  ]);

  it("sums the members' and the rollup's own allocations exactly, per day and per group over the last 30 days", () => {
    const rollups = new RollupAccumulator(members, '2025-03-31');
    rollups.add(allocation('component:default/cart', '2025-03-31', '0.1'));
    rollups.add(allocation('component:default/checkout', '2025-03-31', '0.2'));
    rollups.add(allocation('system:default/shop', '2025-03-31', '1e-20'));
    rollups.add(allocation('component:default/cart', '2025-03-01', '5', '2'));
    rollups.add(allocation('component:default/cart', '2025-03-02', '7', '2'));
    rollups.add(allocation('component:default/other', '2025-03-31', '99'));

    const daily = rollups.dailyRows();
    expect(
      daily.map(r => [r.entityRef, r.day, r.effectiveCost, r.rows]),
    ).toEqual([
      ['system:default/shop', '2025-03-31', '0.30000000000000000001', 3],
      ['system:default/shop', '2025-03-01', '5', 1],
      ['system:default/shop', '2025-03-02', '7', 1],
    ]);
    // 2025-03-02 to 2025-03-31: the 1st is outside the window
    const groups = rollups.groupRows();
    expect(
      groups.map(r => [r.groupId, r.fromDay, r.toDay, r.billedCost]),
    ).toEqual([
      ['1', '2025-03-02', '2025-03-31', '0.30000000000000000001'],
      ['2', '2025-03-02', '2025-03-31', '7'],
    ]);
    expect(groups.every(r => r.contractedCost === '0')).toBe(true);
  });
});
