import { kpi } from '../../__testUtils__/governance';
import {
  directionIsGood,
  formatKpiNumber,
  formatKpiTarget,
  formatKpiValue,
  formatRank,
  fromInputValue,
  monthsUpTo,
  teamRefParts,
  toInputValue,
} from './kpiFormat';

describe('KPI formatting', () => {
  it('reads each unit as people do', () => {
    expect(formatKpiNumber(0.923, 'ratio', 'USD')).toBe('92.3%');
    expect(formatKpiNumber(12.5, 'days', 'USD')).toBe('12.5 days');
    expect(formatKpiNumber(1, 'days', 'USD')).toBe('1 day');
    expect(formatKpiNumber(15000, 'per-million', 'USD')).toBe(
      '$15,000.00 per $1M',
    );
    expect(formatKpiNumber(-0.042, 'change', 'USD')).toBe('−4.2%');
    expect(formatKpiNumber(0.05, 'change', 'USD')).toBe('+5%');
    expect(formatKpiNumber(0, 'change', 'USD')).toBe('0%');
  });

  it('says a KPI without a value is not measured yet, never zero', () => {
    expect(formatKpiValue(kpi('budget-adherence', null), 'USD')).toBe(
      'Not measured yet',
    );
    expect(
      formatKpiTarget(kpi('time-to-action', 3, { target: 30 }), 'USD'),
    ).toBe('≤ 30 days');
    expect(
      formatKpiTarget(kpi('attribution-coverage', 1, { target: 0.95 }), 'USD'),
    ).toBe('≥ 95%');
    expect(formatKpiTarget(kpi('time-to-action', 3), 'USD')).toBe('No target');
  });

  it('ranks in English ordinals', () => {
    expect(
      [1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map(position =>
        formatRank({ position, of: 30 }),
      ),
    ).toEqual([
      '1st of 30',
      '2nd of 30',
      '3rd of 30',
      '4th of 30',
      '11th of 30',
      '12th of 30',
      '13th of 30',
      '21st of 30',
      '22nd of 30',
      '23rd of 30',
    ]);
  });

  it('tells a good direction from a bad one by which side is better', () => {
    expect(
      directionIsGood(kpi('time-to-action', 3, { direction: 'down' })),
    ).toBe(true);
    expect(
      directionIsGood(kpi('attribution-coverage', 0.9, { direction: 'down' })),
    ).toBe(false);
    expect(directionIsGood(kpi('attribution-coverage', 0.9))).toBeNull();
  });

  it('turns percentages typed into ratios and back without float noise', () => {
    expect(toInputValue(0.95, 'ratio')).toBe('95');
    expect(toInputValue(0.07, 'change')).toBe('7');
    expect(toInputValue(20000, 'per-million')).toBe('20000');
    expect(fromInputValue('95', 'ratio')).toBe(0.95);
    expect(fromInputValue(' 57,5 ', 'ratio')).toBe(0.575);
    expect(fromInputValue('-5', 'change')).toBe(-0.05);
    expect(fromInputValue('', 'days')).toBeNull();
    expect(fromInputValue('abc', 'days')).toBeNaN();
  });

  it('lists the 12 months up to one, latest first, across a year', () => {
    const months = monthsUpTo('2025-02');
    expect(months).toHaveLength(12);
    expect(months.slice(0, 3)).toEqual(['2025-02', '2025-01', '2024-12']);
  });

  it('reads a team as a Group of the default namespace unless it says otherwise', () => {
    expect(teamRefParts('checkout-team')).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'checkout-team',
    });
    expect(teamRefParts('group:ops/sre')).toEqual({
      kind: 'group',
      namespace: 'ops',
      name: 'sre',
    });
  });
});
