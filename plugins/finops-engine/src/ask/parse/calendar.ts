/** Calendar arithmetic on `YYYY-MM-DD` days, for the dates a question names. */
import { addDays, monthEnd, monthStart } from '../../model';

export const pad = (n: number) => String(n).padStart(2, '0');

/** The weekday of a day, 0 = Sunday. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The Monday of the week of `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

/** `day` moved by whole months, kept within the month it lands in. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const first = `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
  const last = Number(monthEnd(first).slice(8));
  return `${first.slice(0, 8)}${pad(Math.min(d, last))}`;
}

export function validDay(y: number, m: number, d: number): string | undefined {
  const text = `${y}-${pad(m)}-${pad(d)}`;
  const parsed = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return undefined;
  return parsed.toISOString().slice(0, 10) === text ? text : undefined;
}

/** The latest month `month` (0-11) that starts on or before today. */
export function latestMonth(month: number, today: string): string {
  let year = Number(today.slice(0, 4));
  if (`${year}-${pad(month + 1)}-01` > today) year--;
  return `${year}-${pad(month + 1)}-01`;
}

/** The latest day `d` of a month on or before today. */
export function latestDayOfMonth(d: number, today: string): string | undefined {
  let month = monthStart(today);
  for (let i = 0; i < 12; i++) {
    const day = validDay(
      Number(month.slice(0, 4)),
      Number(month.slice(5, 7)),
      d,
    );
    if (day && day <= today) return day;
    month = addMonths(month, -1);
  }
  return undefined;
}

export function quarterOf(q: number, year: number) {
  const from = `${year}-${pad(q * 3 - 2)}-01`;
  return { from, to: monthEnd(`${year}-${pad(q * 3)}-01`) };
}

/** The period that follows `p`, as long as `p`, shifted back by its length. */
export function periodBefore(p: { from: string; to: string }): {
  from: string;
  to: string;
} {
  // a whole calendar month: the month before
  if (p.from === monthStart(p.from) && p.to === monthEnd(p.from)) {
    const from = addMonths(p.from, -1);
    return { from, to: monthEnd(from) };
  }
  // part of a month from its first day: the same days of the month before
  if (
    p.from === monthStart(p.from) &&
    p.to.slice(0, 7) === p.from.slice(0, 7)
  ) {
    const from = addMonths(p.from, -1);
    const to = addMonths(p.to, -1);
    return { from, to: to > monthEnd(from) ? monthEnd(from) : to };
  }
  const length =
    (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) /
      86_400_000 +
    1;
  return { from: addDays(p.from, -length), to: addDays(p.from, -1) };
}
