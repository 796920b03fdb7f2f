import { leastSquaresSlope, percentileAmong, quantile } from './stats';

describe('quantile (type 7)', () => {
  it('matches R quantile() and NumPy percentile() defaults', () => {
    // R: quantile(c(1, 2, 3, 4)) → 1.00 1.75 2.50 3.25 4.00
    expect([0, 0.25, 0.5, 0.75, 1].map(q => quantile([1, 2, 3, 4], q))).toEqual(
      [1, 1.75, 2.5, 3.25, 4],
    );
    // R: quantile(c(2, 3, 5, 7, 11, 13, 17)) → 2 4 7 12 17
    expect(
      [0, 0.25, 0.5, 0.75, 1].map(q => quantile([2, 3, 5, 7, 11, 13, 17], q)),
    ).toEqual([2, 4, 7, 12, 17]);
    expect(quantile([5], 0.25)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('percentileAmong', () => {
  it('is the share of the others that are higher, ties counting half', () => {
    expect(percentileAmong(1, [2, 3, 4, 5])).toBe(100);
    expect(percentileAmong(5, [2, 3, 4, 1])).toBe(0);
    expect(percentileAmong(3, [1, 2, 4, 5])).toBe(50);
    expect(percentileAmong(3, [3, 3, 4, 1])).toBe(50);
    expect(percentileAmong(2, [2, 4])).toBe(75);
    expect(percentileAmong(2, [])).toBeNull();
  });
});

describe('leastSquaresSlope', () => {
  it('fits a line', () => {
    expect(
      leastSquaresSlope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2, 12);
    expect(
      leastSquaresSlope([
        [0, 2],
        [1, 1],
        [3, 2],
        [4, 1],
      ]),
    ).toBeCloseTo(-0.1, 12);
    expect(leastSquaresSlope([[0, 1]])).toBe(0);
  });
});
