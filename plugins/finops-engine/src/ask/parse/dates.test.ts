import { periodBefore } from './calendar';
import { findDates } from './dates';

// a Monday
const TODAY = '2026-11-30';

const one = (text: string, today = TODAY) => {
  const { mentions } = findDates(text, today);
  expect(mentions).toHaveLength(1);
  const { from, to, day } = mentions[0];
  return { from, to, day };
};

describe('findDates', () => {
  it.each([
    ['why did it spike on Thursday?', '2026-11-26', '2026-11-26', true],
    ['what did it cost yesterday', '2026-11-29', '2026-11-29', true],
    ['the day before yesterday', '2026-11-28', '2026-11-28', true],
    ['today', TODAY, TODAY, true],
    ['last Monday', '2026-11-23', '2026-11-23', true],
    ['on Monday', TODAY, TODAY, true],
    ['last week', '2026-11-23', '2026-11-29', false],
    ['this week', TODAY, TODAY, false],
    ['this month', '2026-11-01', TODAY, false],
    ['month to date', '2026-11-01', TODAY, false],
    ['last month', '2026-10-01', '2026-10-31', false],
    ['in October', '2026-10-01', '2026-10-31', false],
    ['in December', '2025-12-01', '2025-12-31', false],
    ['in Oct 2025', '2025-10-01', '2025-10-31', false],
    ['since the 3rd', '2026-11-03', TODAY, false],
    ['on the 3rd', '2026-11-03', '2026-11-03', true],
    ['Q3', '2026-07-01', '2026-09-30', false],
    ['q4 2025', '2025-10-01', '2025-12-31', false],
    ['last quarter', '2026-07-01', '2026-09-30', false],
    ['this quarter', '2026-10-01', TODAY, false],
    ['last 7 days', '2026-11-24', TODAY, false],
    ['over the past two weeks', '2026-11-17', TODAY, false],
    ['last 3 months', '2026-08-31', TODAY, false],
    ['on 2026-11-02', '2026-11-02', '2026-11-02', true],
    ['on Nov 26', '2026-11-26', '2026-11-26', true],
    ['on 26th of November', '2026-11-26', '2026-11-26', true],
    ['in 2025', '2025-01-01', '2025-12-31', false],
    ['this year', '2026-01-01', TODAY, false],
    ['between November 2 and November 8', '2026-11-02', '2026-11-08', false],
    ['from Oct 3 to Oct 9', '2026-10-03', '2026-10-09', false],
    ['since last week', '2026-11-23', TODAY, false],
  ])('reads "%s"', (text, from, to, day) => {
    expect(one(text)).toEqual({ from, to, day });
  });

  it('keeps both periods of a comparison in order, and "the week before" follows the one named', () => {
    const { mentions } = findDates('this month vs last month', TODAY);
    expect(mentions.map(m => [m.from, m.to])).toEqual([
      ['2026-11-01', TODAY],
      ['2026-10-01', '2026-10-31'],
    ]);
    const before = findDates('last week compared with the week before', TODAY);
    expect(before.mentions.map(m => [m.from, m.to])).toEqual([
      ['2026-11-23', '2026-11-29'],
      ['2026-11-16', '2026-11-22'],
    ]);
  });

  it('reads "may" as a month only where a month is meant, and numbers as years only where a year is', () => {
    expect(findDates('may I see the cost of checkout', TODAY).mentions).toEqual(
      [],
    );
    expect(one('in May')).toEqual({
      from: '2026-05-01',
      to: '2026-05-31',
      day: false,
    });
    expect(
      findDates('which services cost more than 2000 dollars', TODAY).mentions,
    ).toEqual([]);
    expect(findDates('what did it cost on 2026-02-30', TODAY).mentions).toEqual(
      [],
    );
  });

  it('blanks the dates out of the text it leaves', () => {
    const { rest } = findDates('What did checkout cost last week?', TODAY);
    expect(rest).toBe('what did checkout cost          ?');
  });
});

describe('periodBefore', () => {
  it('is the month before a month, the same days of the month before for part of one, else as many days before', () => {
    expect(periodBefore({ from: '2026-10-01', to: '2026-10-31' })).toEqual({
      from: '2026-09-01',
      to: '2026-09-30',
    });
    expect(periodBefore({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(periodBefore({ from: '2026-03-01', to: '2026-03-30' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(periodBefore({ from: '2026-11-23', to: '2026-11-29' })).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
    });
    expect(periodBefore({ from: '2026-11-26', to: '2026-11-26' })).toEqual({
      from: '2026-11-25',
      to: '2026-11-25',
    });
  });
});
