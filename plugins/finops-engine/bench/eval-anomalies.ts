/*
 * Anomaly evaluation: `npm run eval:anomalies [-- --series 10000 --days 400 --seed 7 --json]`
 * (`--threshold`, `--min-impact`, `--min-relative` try other gates).
 *
 * Generates series with known anomalies (see `anomalySeries.ts`), runs the
 * detector the engine runs on every day of every series, groups anomalous
 * days into episodes as the engine does, and prints:
 *
 * - per kind of injected anomaly: how many were found (a spike on its days,
 *   a level shift or a new resource within 3 days of its start, a ramp by
 *   a week after it ends), the median delay, and recall by size;
 * - precision: the share of episodes that lie on an injected anomaly (an
 *   episode anywhere else, such as on a weekend dip, is a false positive);
 * - the detection time over all series, against the 30 s target: the
 *   detector alone, and the engine's whole pass over the series as 10,000
 *   entities (each its own total and one resource line) in teams of 20
 *   under one organization, with each anomaly kept once.
 */
import {
  DEFAULT_ANOMALY_CONFIG,
  DetectorSettings,
  episodesOf,
  flagDays,
} from '../src';
import { findCandidates, SeriesTable } from '../src/anomalies/series';
import {
  generateAnomalySeries,
  InjectedAnomaly,
  InjectedKind,
  WeeklyPattern,
} from './anomalySeries';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const json = process.argv.includes('--json');
const count = arg('series', 10_000);
const days = arg('days', 400);
const seed = arg('seed', 7);
const config = DEFAULT_ANOMALY_CONFIG;
const settings: DetectorSettings = {
  baselineDays: arg('baseline-days', config.baselineDays),
  scaleDays: arg('scale-days', 2 * config.baselineDays),
  minHistoryDays: config.minHistoryDays,
  threshold: arg('threshold', config.threshold),
  minImpact: arg('min-impact', Number(config.minImpact)),
  minRelative: arg('min-relative', config.minRelative),
  minDailySpend: arg('min-daily-spend', Number(config.minDailySpend)),
};

const KINDS: InjectedKind[] = ['spike', 'level-shift', 'ramp', 'new-resource'];
const BANDS: Array<[number, number]> = [
  [1, 1.5],
  [1.5, 3],
  [3, 8.01],
];

/** Days after its start on which finding an event counts as finding it. */
function findWindow(e: InjectedAnomaly): number {
  switch (e.kind) {
    case 'spike':
      return e.length - 1;
    case 'ramp':
      return e.length + 7;
    default:
      return 2;
  }
}

/** Days after its start on which an episode is on the event (not a false positive). */
function onWindow(e: InjectedAnomaly): number {
  switch (e.kind) {
    case 'spike':
      return e.length;
    case 'ramp':
      return e.length + settings.baselineDays + 7;
    default:
      return settings.baselineDays + 7;
  }
}

/** The figures of one kind of injected anomaly. */
interface KindResult {
  injected: number;
  found: number;
  recall: number | null;
  medianDelayDays: number | null;
  episodesPerFound: number | null;
  recallBySize: Record<string, number | null>;
}

const median = (list: number[]) => {
  if (list.length === 0) return null;
  const s = [...list].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

function main() {
  const started = Date.now();
  const generated = generateAnomalySeries({
    count,
    days,
    seed,
    gates: settings,
  });
  const generateSeconds = (Date.now() - started) / 1000;

  const t0 = process.hrtime.bigint();
  const episodes = generated.values.map(values =>
    episodesOf(flagDays(values, { from: 0, to: days - 1 }, settings)),
  );
  const detectionSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  // the engine's pass: entity totals, their resource lines, team and organization rollups
  const table = new SeriesTable({ days: [], index: new Map() });
  const members = new Map<string, Map<string, string>>();
  const org = new Map<string, string>([
    ['group:default/org', 'group:default/org'],
  ]);
  members.set('group:default/org', org);
  generated.values.forEach((values, s) => {
    const ref = `component:default/c${s}`;
    table.entity.set(`USD\u0000${ref}`, values);
    table.lines.set(`USD\u0000${ref}\u0000${s}`, values);
    const team = `group:default/team-${Math.floor(s / 20)}`;
    let of = members.get(team);
    if (!of) {
      members.set(team, (of = new Map([[team, team]])));
      org.set(team, team);
    }
    of.set(ref, ref);
    org.set(ref, team);
    members.set(ref, new Map([[ref, ref]]));
  });
  const t1 = process.hrtime.bigint();
  const kept = findCandidates({
    table,
    members,
    range: { from: 0, to: days - 1, history: 0 },
    settings,
    feedback: () => undefined,
  });
  const pipelineSeconds = Number(process.hrtime.bigint() - t1) / 1e9;

  const bySeries = new Map<number, InjectedAnomaly[]>();
  for (const e of generated.events) {
    let list = bySeries.get(e.series);
    if (!list) bySeries.set(e.series, (list = []));
    list.push(e);
  }
  let truePositives = 0;
  let falsePositives = 0;
  const fpByPattern: Record<WeeklyPattern, number> = {
    flat: 0,
    'weekend-dip': 0,
    'saturday-peak': 0,
    monday: 0,
  };
  const fpNoisy = { low: 0, high: 0 };
  const found = new Map<InjectedAnomaly, number>();
  const episodesOn = new Map<InjectedAnomaly, number>();
  episodes.forEach((list, s) => {
    const events = bySeries.get(s) ?? [];
    for (const episode of list) {
      let on: InjectedAnomaly | undefined;
      for (const day of episode.days) {
        for (const e of events) {
          const offset = day.index - e.start;
          if (offset >= 0 && offset <= onWindow(e)) on ??= e;
          if (offset >= 0 && offset <= findWindow(e) && !found.has(e))
            found.set(e, offset);
        }
      }
      if (on) {
        truePositives++;
        episodesOn.set(on, (episodesOn.get(on) ?? 0) + 1);
      } else {
        falsePositives++;
        fpByPattern[generated.patterns[s]]++;
        fpNoisy[generated.noise[s] > 0.08 ? 'high' : 'low']++;
      }
    }
  });
  const kinds = Object.fromEntries(
    KINDS.map(kind => {
      const events = generated.events.filter(e => e.kind === kind);
      const detected = events.filter(e => found.has(e));
      return [
        kind,
        {
          injected: events.length,
          found: detected.length,
          recall: events.length ? round(detected.length / events.length) : null,
          medianDelayDays: median(detected.map(e => found.get(e)!)),
          episodesPerFound: detected.length
            ? round(
                detected.reduce((n, e) => n + (episodesOn.get(e) ?? 0), 0) /
                  detected.length,
                2,
              )
            : null,
          recallBySize: Object.fromEntries(
            BANDS.map(([lo, hi]) => {
              const band = events.filter(
                e => e.multiple >= lo && e.multiple < hi,
              );
              return [
                `${lo}-${Math.floor(hi)}x`,
                band.length
                  ? round(band.filter(e => found.has(e)).length / band.length)
                  : null,
              ];
            }),
          ),
        },
      ];
    }),
  ) as unknown as Record<InjectedKind, KindResult>;
  const all = truePositives + falsePositives;
  const precision = all ? round(truePositives / all) : null;
  const judged = count * Math.max(0, days - settings.minHistoryDays);
  const result = {
    series: count,
    days,
    seed,
    settings,
    generateSeconds: round(generateSeconds, 2),
    detectionSeconds: round(detectionSeconds, 2),
    pipelineSeconds: round(pipelineSeconds, 2),
    pipelineSeries: table.entity.size + table.lines.size + members.size - count,
    pipelineAnomalies: kept.length,
    seriesDaysJudged: judged,
    episodes: all,
    truePositives,
    falsePositives,
    falsePositivesPerMillionDays: round((falsePositives / judged) * 1e6, 1),
    falsePositivesByPattern: fpByPattern,
    falsePositivesByNoise: fpNoisy,
    precision,
    kinds,
    targets: {
      spikeRecall: (kinds.spike.recall ?? 0) >= 0.9,
      levelShiftRecall: (kinds['level-shift'].recall ?? 0) >= 0.9,
      precision: (precision ?? 0) >= 0.9,
      detectionUnder30s: detectionSeconds < 30 && pipelineSeconds < 30,
    },
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const lines = [
    `Anomaly evaluation: ${count.toLocaleString(
      'en-US',
    )} series × ${days} days (seed ${seed}), threshold ${
      settings.threshold
    }, minImpact ${settings.minImpact}, minRelative ${
      settings.minRelative
    }, minDailySpend ${settings.minDailySpend}, baseline ${
      settings.baselineDays
    } days`,
    `Detection: ${result.detectionSeconds} s for the detector alone; ${
      result.pipelineSeconds
    } s for the engine's pass over them as ${count.toLocaleString(
      'en-US',
    )} entities with a resource line each, in teams of 20 under one organization (${result.pipelineSeries.toLocaleString(
      'en-US',
    )} series, ${
      result.pipelineAnomalies
    } anomalies kept once) (target under 30 s: ${
      result.targets.detectionUnder30s ? 'met' : 'NOT met'
    }); generating the series took ${result.generateSeconds} s`,
    '',
    'kind           injected  found  recall  median delay  episodes/found  recall by size (1-1.5x, 1.5-3x, 3-8x)',
  ];
  for (const kind of KINDS) {
    const k = kinds[kind];
    lines.push(
      `${kind.padEnd(14)} ${String(k.injected).padStart(8)} ${String(
        k.found,
      ).padStart(6)} ${String(k.recall).padStart(7)} ${String(
        k.medianDelayDays,
      ).padStart(13)} ${String(k.episodesPerFound).padStart(
        15,
      )}  ${Object.values(k.recallBySize)
        .map(v => v ?? '-')
        .join(', ')}`,
    );
  }
  lines.push(
    '',
    `Episodes: ${all}, on an injected anomaly ${truePositives}, false positives ${falsePositives} (${
      result.falsePositivesPerMillionDays
    } per million series-days; by weekly pattern ${JSON.stringify(
      fpByPattern,
    )}; by noise ${JSON.stringify(fpNoisy)})`,
    `Precision: ${precision} (target ≥ 0.9: ${
      result.targets.precision ? 'met' : 'NOT met'
    }); recall spikes ${kinds.spike.recall}, level shifts ${
      kinds['level-shift'].recall
    } (target ≥ 0.9: ${
      result.targets.spikeRecall && result.targets.levelShiftRecall
        ? 'met'
        : 'NOT met'
    })`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
