import { AskAnswer, Decimal } from '@costwise/plugin-finops-common';

/** Numbers written in a text: `$1,234.56`, `12%`, `×8.0`, `2026`, `26th`. */
export function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\d[\d,]*(?:\.\d+)?|\.\d+/g)) {
    const raw = m[0].replace(/,/g, '');
    const value = Decimal.tryParse(raw);
    if (value) out.push(value.abs().toString());
  }
  return out;
}

/** The forms a number may be written in: exact, to the cent, whole, to 1 place. */
function forms(value: string): string[] {
  const d = Decimal.tryParse(value);
  if (!d) return [];
  const abs = d.abs();
  return [0, 1, 2, 4]
    .map(n => Decimal.parse(abs.toFixed(n)).toString())
    .concat(abs.toString());
}

/**
 * Every number an answer holds, in the forms it may be written: its
 * sentence's numbers, each figure's and breakdown row's amounts (exact, to
 * the cent, whole), shares as percentages, the dates' parts, the number of
 * rows.
 */
export function allowedNumbers(answer: AskAnswer): Set<string> {
  const allowed = new Set<string>();
  const add = (v: string) => forms(v).forEach(f => allowed.add(f));
  numbersIn(answer.answer).forEach(add);
  for (const f of answer.figures) add(f.amount);
  for (const row of [
    ...answer.breakdown,
    ...(answer.sections ?? []).flatMap(s => s.rows),
  ]) {
    add(row.amount);
    if (row.change) add(row.change);
    if (row.previous) add(row.previous);
    if (row.share !== undefined) add(String(Math.round(row.share * 100)));
  }
  const days = [
    answer.today,
    ...(answer.period ? [answer.period.from, answer.period.to] : []),
    ...(answer.lineage?.query.baseline
      ? [answer.lineage.query.baseline.from, answer.lineage.query.baseline.to]
      : []),
  ];
  for (const day of days) {
    const [y, m, d] = day.split('-');
    [y, String(Number(m)), String(Number(d))].forEach(add);
  }
  add(String(answer.figures.length));
  add(String(answer.breakdown.length));
  return allowed;
}

/** The numbers of a text that the answer does not hold; empty when every one is the engine's. */
export function unknownNumbers(text: string, answer: AskAnswer): string[] {
  const allowed = allowedNumbers(answer);
  return numbersIn(text).filter(n => !allowed.has(n));
}
