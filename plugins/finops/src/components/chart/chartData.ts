import type { Theme } from '@material-ui/core/styles';
import type { CostPoint, CostSeries } from '@costwise/plugin-finops-common';
import { sumAmounts, toNumber } from '../shared/format';

/** Beyond this many groups a stacked chart is unreadable; the rest is "Other". */
export const MAX_SERIES = 8;

/** A series as drawn: `dataKey` is safe for recharts, whose keys are paths. */
export interface DrawnSeries {
  dataKey: string;
  key: string;
  label: string;
  total: string;
  color: string;
}

export type ChartRow = { date: string } & Record<string, number | string>;

/** Distinct colours from the theme, so that the chart follows light and dark. */
export function seriesColors(theme: Theme): string[] {
  const p = theme.palette;
  return [
    p.primary.main,
    p.secondary.main,
    p.info.main,
    p.success.main,
    p.warning.main,
    p.error.main,
    p.primary.dark,
    p.info.dark,
  ];
}

/**
 * Pivots series into one row per date for a stacked chart, keeping the
 * largest groups and summing the rest into "Other". Numbers here only draw;
 * every figure shown as text comes from the exact strings of the response.
 */
export function toChart(
  series: CostSeries[],
  totals: CostPoint[],
  colors: string[],
  otherColor: string,
): { rows: ChartRow[]; drawn: DrawnSeries[] } {
  const ranked = [...series].sort(
    (a, b) => Math.abs(toNumber(b.total)) - Math.abs(toNumber(a.total)),
  );
  const kept = ranked.slice(0, MAX_SERIES);
  const rest = ranked.slice(MAX_SERIES);
  const drawn: DrawnSeries[] = kept.map((s, i) => ({
    dataKey: `s${i}`,
    key: s.key,
    label: s.label,
    total: s.total,
    color: colors[i % colors.length],
  }));
  const dates = new Set<string>(totals.map(t => t.date));
  for (const s of series) for (const p of s.points) dates.add(p.date);
  const rows = new Map<string, ChartRow>(
    [...dates].sort().map(date => [date, { date }]),
  );
  kept.forEach((s, i) => {
    for (const p of s.points) {
      const row = rows.get(p.date)!;
      row[`s${i}`] = toNumber(p.amount);
    }
  });
  if (rest.length > 0) {
    for (const s of rest) {
      for (const p of s.points) {
        const row = rows.get(p.date)!;
        row.other = ((row.other as number) ?? 0) + toNumber(p.amount);
      }
    }
    drawn.push({
      dataKey: 'other',
      key: 'other',
      label: `Other (${rest.length})`,
      total: sumAmounts(rest.map(s => s.total)),
      color: otherColor,
    });
  }
  return { rows: [...rows.values()], drawn };
}
