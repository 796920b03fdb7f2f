import { addDays, monthEnd, monthStart } from '../../model';
import {
  addMonths,
  latestDayOfMonth,
  latestMonth,
  mondayOf,
  pad,
  periodBefore,
  quarterOf,
  validDay,
  weekdayOf,
} from './calendar';

/**
 * A date or range named in a question, resolved against `today`: both
 * ends are included. `day` is set for a single day ("Thursday", "the
 * 3rd"); `parts` for "between A and B" (the two ends as named).
 */
export interface DateMention {
  from: string;
  to: string;
  day: boolean;
  /** Where it stands in the text. */
  start: number;
  end: number;
  text: string;
  parts?: [DateMention, DateMention];
  /** `since X`: from X up to today. */
  since?: boolean;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_PATTERN =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];
const WEEKDAY_PATTERN =
  '(sun(?:day)?|mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?)';
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fourteen: 14,
  thirty: 30,
  ninety: 90,
};

function monthIndex(word: string): number {
  return MONTHS.findIndex(m => m.startsWith(word.slice(0, 3)));
}

function weekdayIndex(word: string): number {
  return WEEKDAYS.findIndex(d => d.startsWith(word.slice(0, 3)));
}

type Resolver = (
  m: RegExpMatchArray,
  today: string,
) => { from: string; to: string; day?: boolean } | undefined;

const range = (from: string, to: string) => ({ from, to });
const single = (day: string) => ({ from: day, to: day, day: true });

/** Patterns of dates, most specific first; each match is taken out of the text before the next runs. */
const PATTERNS: Array<[RegExp, Resolver]> = [
  [
    /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    m => {
      const d = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
      return d ? single(d) : undefined;
    },
  ],
  [
    new RegExp(
      `\\b${MONTH_PATTERN}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`,
      'g',
    ),
    (m, today) => dayOfMonthName(m[1], Number(m[2]), m[3], today),
  ],
  [
    new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_PATTERN}\\.?(?:,?\\s+(\\d{4}))?\\b`,
      'g',
    ),
    (m, today) => dayOfMonthName(m[2], Number(m[1]), m[3], today),
  ],
  [
    /\b(\d{4})-(0[1-9]|1[0-2])\b(?!-\d)/g,
    m => {
      const from = `${m[1]}-${m[2]}-01`;
      return range(from, monthEnd(from));
    },
  ],
  [/\b(?:the\s+)?day before yesterday\b/g, (_m, t) => single(addDays(t, -2))],
  [/\byesterday\b/g, (_m, t) => single(addDays(t, -1))],
  [/\btoday\b/g, (_m, t) => single(t)],
  [
    /\b(?:the\s+)?(this|current|last|previous|past|prior)\s+(week|month|quarter|year)\b/g,
    (m, t) => relativeUnit(m[1], m[2], t),
  ],
  [/\b(?:month to date|mtd)\b/g, (_m, t) => range(monthStart(t), t)],
  [/\b(?:year to date|ytd)\b/g, (_m, t) => range(`${t.slice(0, 4)}-01-01`, t)],
  [
    /\b(?:(?:in|over|during)\s+)?(?:the\s+)?(?:last|past|previous|prior)\s+(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|thirty|ninety)\s+(days?|weeks?|months?)\b/g,
    (m, t) => {
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBERS[m[1]];
      if (!n || n < 1) return undefined;
      if (m[2].startsWith('day')) return range(addDays(t, -(n - 1)), t);
      if (m[2].startsWith('week')) return range(addDays(t, -(7 * n - 1)), t);
      return range(addDays(addMonths(t, -n), 1), t);
    },
  ],
  [
    /\bq([1-4])(?:\s+(\d{4}))?\b/g,
    (m, t) => {
      const q = Number(m[1]);
      let year = m[2] ? Number(m[2]) : Number(t.slice(0, 4));
      if (!m[2] && quarterOf(q, year).from > t) year--;
      return quarterOf(q, year);
    },
  ],
  [
    new RegExp(
      `\\b(?:(last|this|on|past|previous)\\s+)?${WEEKDAY_PATTERN}\\b`,
      'g',
    ),
    (m, t) => {
      const wanted = weekdayIndex(m[2]);
      if (wanted < 0) return undefined;
      let day = t;
      // "last Thursday": the one before today; "Thursday": today's if it is one
      if (m[1] === 'last' || m[1] === 'previous' || m[1] === 'past')
        day = addDays(t, -1);
      while (weekdayOf(day) !== wanted) day = addDays(day, -1);
      return single(day);
    },
  ],
  [
    new RegExp(`\\b${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\b`, 'g'),
    (m, t) => {
      const month = monthIndex(m[1]);
      if (month < 0) return undefined;
      const from = m[2]
        ? `${m[2]}-${pad(month + 1)}-01`
        : latestMonth(month, t);
      return range(from, monthEnd(from));
    },
  ],
  [
    /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b/g,
    (m, t) => {
      const day = latestDayOfMonth(Number(m[1]), t);
      return day ? single(day) : undefined;
    },
  ],
  [
    // a year only where a year is expected: "in 2025", not "over 2000 dollars"
    /(?<=\b(?:in|during|for|of|since|from|between|and|vs|to|year)\s+)(20\d{2})\b/g,
    m => range(`${m[1]}-01-01`, `${m[1]}-12-31`),
  ],
];

function dayOfMonthName(
  monthWord: string,
  d: number,
  year: string | undefined,
  today: string,
) {
  const month = monthIndex(monthWord);
  if (month < 0) return undefined;
  let y = year ? Number(year) : Number(today.slice(0, 4));
  let day = validDay(y, month + 1, d);
  if (day && !year && day > today) {
    y--;
    day = validDay(y, month + 1, d);
  }
  return day ? single(day) : undefined;
}

function relativeUnit(which: string, unit: string, t: string) {
  const current = which === 'this' || which === 'current';
  if (unit === 'week') {
    const monday = mondayOf(t);
    return current
      ? range(monday, t)
      : range(addDays(monday, -7), addDays(monday, -1));
  }
  if (unit === 'month') {
    if (current) return range(monthStart(t), t);
    const from = addMonths(monthStart(t), -1);
    return range(from, monthEnd(from));
  }
  if (unit === 'quarter') {
    const q = Math.floor((Number(t.slice(5, 7)) - 1) / 3) + 1;
    const year = Number(t.slice(0, 4));
    if (current) return range(quarterOf(q, year).from, t);
    return q === 1 ? quarterOf(4, year - 1) : quarterOf(q - 1, year);
  }
  const year = Number(t.slice(0, 4));
  if (current) return range(`${year}-01-01`, t);
  return range(`${year - 1}-01-01`, `${year - 1}-12-31`);
}

/** "may" is a month only where a month is expected ("in May", "May 3"). */
function isVerbMay(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(start + 3, start + 10);
  return (
    !/\b(in|of|since|during|for|from|between|and|to|until|vs|versus|than)\s+$/.test(
      before,
    ) && !/^\s+(\d|20\d{2})/.test(after)
  );
}

/**
 * The dates a question names, resolved against `today`, in the order they
 * appear, and the text with them blanked out. "between A and B" and
 * "from A to B" become one range with both parts; "since A" runs to today;
 * "the week before" follows the date before it.
 */
export function findDates(
  text: string,
  today: string,
): { mentions: DateMention[]; rest: string } {
  const lower = text.toLowerCase();
  let rest = lower;
  const found: DateMention[] = [];
  for (const [pattern, resolve] of PATTERNS) {
    for (const m of rest.matchAll(pattern)) {
      const start = m.index!;
      if (/^may\b/.test(m[0].replace(/^(this|last|on|past)\s+/, '')))
        if (isVerbMay(rest, start)) continue;
      const resolved = resolve(m, today);
      if (!resolved) continue;
      found.push({
        from: resolved.from,
        to: resolved.to,
        day: !!resolved.day,
        start,
        end: start + m[0].length,
        text: text.slice(start, start + m[0].length),
      });
    }
    for (const f of found)
      rest = `${rest.slice(0, f.start)}${' '.repeat(
        f.end - f.start,
      )}${rest.slice(f.end)}`;
  }
  // "the week before": the period before the date named just before it
  for (const m of rest.matchAll(
    /\bthe\s+(day|week|month)\s+before(?!\s+yesterday)\b/g,
  )) {
    const start = m.index!;
    const previous = found
      .filter(f => f.end <= start)
      .sort((a, b) => b.end - a.end)[0];
    if (!previous) continue;
    const p = periodBefore(previous);
    found.push({
      ...p,
      day: previous.day,
      start,
      end: start + m[0].length,
      text: text.slice(start, start + m[0].length),
    });
    rest = `${rest.slice(0, start)}${' '.repeat(m[0].length)}${rest.slice(
      start + m[0].length,
    )}`;
  }
  found.sort((a, b) => a.start - b.start);
  const mentions: DateMention[] = [];
  for (let i = 0; i < found.length; i++) {
    const current = found[i];
    const next = found[i + 1];
    const before = lower.slice(0, current.start);
    if (
      next &&
      /\b(between|from)\s+$/.test(before) &&
      /^\s*(and|to|until|till|through|-)\s*$/.test(
        lower.slice(current.end, next.start),
      )
    ) {
      const [a, b] =
        current.from <= next.from ? [current, next] : [next, current];
      mentions.push({
        from: a.from,
        to: b.to,
        day: false,
        start: current.start,
        end: next.end,
        text: text.slice(current.start, next.end),
        parts: [current, next],
      });
      i++;
      continue;
    }
    if (/\b(since|from|starting)\s+$/.test(before)) {
      mentions.push({ ...current, to: today, day: false, since: true });
      continue;
    }
    mentions.push(current);
  }
  return { mentions, rest };
}
