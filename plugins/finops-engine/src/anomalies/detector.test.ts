import { DEFAULT_ANOMALY_CONFIG } from '../config';
import { mulberry32 } from '../model/prng';
import { detectorSettings } from './detect';
import { episodesOf, flagDays, trimmedScaleInPlace } from './detector';

const settings = detectorSettings(DEFAULT_ANOMALY_CONFIG);

/** `days` days of a cost around `level` with ±`noise` (a share) of uniform noise; day 0 is a Monday. */
function series(
  days: number,
  level: (day: number) => number,
  noise = 0.02,
  seed = 1,
): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from(
    { length: days },
    (_, t) =>
      Math.round(level(t) * (1 + (rand() - 0.5) * 2 * noise) * 100) / 100,
  );
}

const all = (values: Float64Array) =>
  flagDays(values, { from: 0, to: values.length - 1 }, settings);

describe('the anomaly detector', () => {
  it('never flags a $3 wobble, however calm the series', () => {
    const flat = Float64Array.from({ length: 120 }, () => 20);
    flat[100] = 23;
    expect(all(flat)).toEqual([]);
    const calm = series(120, () => 100, 0.001);
    calm[100] += 3;
    calm[101] += 3;
    expect(all(calm)).toEqual([]);
    // nor a tenfold rise of a few cents a day
    const tiny = series(120, () => 0.5, 0.05);
    tiny[100] = 5;
    expect(all(tiny)).toEqual([]);
  });

  it('always flags a $3,000 jump on a service costing hundreds or thousands a day', () => {
    for (const level of [50, 300, 1000, 5000]) {
      for (const noise of [0.01, 0.1]) {
        const values = series(120, () => level, noise, level);
        values[100] += 3000;
        const flagged = all(values);
        expect(flagged.map(d => d.index)).toEqual([100]);
        expect(flagged[0].value - flagged[0].expected).toBeGreaterThan(2800);
      }
    }
    // and a new resource that costs 3,000 a day from nothing
    const fresh = new Float64Array(120);
    for (let t = 100; t < 120; t++) fresh[t] = 3000;
    expect(episodesOf(all(fresh))).toEqual([
      {
        days: expect.arrayContaining([expect.objectContaining({ index: 100 })]),
      },
    ]);
  });

  it('learns weekends: a weekend dip or a Saturday batch is not an anomaly, a rise on top of it is', () => {
    const dip = series(140, t => (t % 7 >= 5 ? 300 : 1000), 0.03);
    expect(all(dip)).toEqual([]);
    const batch = series(140, t => (t % 7 === 5 ? 2500 : 800), 0.03);
    expect(all(batch)).toEqual([]);
    // a Saturday twice as busy as the usual Saturday peak
    batch[124] += 2500;
    expect(all(batch).map(d => d.index)).toEqual([124]);
    // a Sunday as busy as a weekday is a rise of the weekend
    dip[125] = 1000;
    expect(all(dip).map(d => d.index)).toEqual([125]);
  });

  it('gates by the relative rise: 10% above a large series is not an anomaly, however regular the series', () => {
    const big = series(120, () => 50_000, 0.002);
    big[100] *= 1.1;
    expect(all(big)).toEqual([]);
    big[101] *= 1.3;
    expect(all(big).map(d => d.index)).toEqual([101]);
  });

  it('gates by the noise: a rise within what a noisy series does is not an anomaly', () => {
    const noisy = series(140, () => 1000, 0.5, 3);
    const calm = series(140, () => 1000, 0.01, 3);
    noisy[120] = 1600;
    calm[120] = 1600;
    expect(all(noisy).map(d => d.index)).not.toContain(120);
    expect(all(calm).map(d => d.index)).toEqual([120]);
  });

  it('reports a level shift from its first day, as one episode until the baseline learns it', () => {
    const shift = series(160, t => (t >= 100 ? 1600 : 1000), 0.02);
    const episodes = episodesOf(all(shift));
    expect(episodes).toHaveLength(1);
    expect(episodes[0].days[0].index).toBe(100);
    // the median of four weeks takes the new level as normal within three
    expect(episodes[0].days[episodes[0].days.length - 1].index).toBeLessThan(
      100 + 21,
    );
  });

  it('takes a charge that comes back on the same day every month as expected after its first month', () => {
    const values = series(130, () => 400, 0.02);
    for (const t of [35, 65, 95, 125]) values[t] += 900;
    const monthAgo = Int32Array.from(values, (_, t) => t - 30);
    expect(
      flagDays(values, { from: 0, to: 129, monthAgo }, settings).map(
        d => d.index,
      ),
    ).toEqual([35]);
  });

  it('needs history before it judges, and feedback raises the gates', () => {
    const values = series(60, () => 1000, 0.02);
    values[10] = 5000;
    values[50] = 2000;
    expect(all(values).map(d => d.index)).toEqual([50]);
    expect(
      flagDays(values, { from: 0, to: 59 }, settings, {
        thresholdFactor: 1,
        minImpact: 1200,
      }),
    ).toEqual([]);
    // with history before the first day read, the first days are judged
    expect(
      flagDays(values, { from: 0, to: 59, history: 30 }, settings).map(
        d => d.index,
      ),
    ).toEqual([50]);
  });

  it('reads noise robustly: a fifth of outliers does not move the scale', () => {
    const rand = mulberry32(5);
    const normal = () =>
      Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const clean = Float64Array.from({ length: 4000 }, () => normal() * 10);
    expect(trimmedScaleInPlace(clean.slice(), clean.length)).toBeCloseTo(10, 0);
    const dirty = clean.slice();
    for (let i = 0; i < 600; i++) dirty[i] = 10_000;
    expect(trimmedScaleInPlace(dirty, dirty.length)).toBeLessThan(14);
  });
});
