import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, nextWorkingDay } from '../../lib/compliance/working-days';
import { addDays as addCalendarDays } from '../../lib/dates/days';

const AM = { region: 'FR_ALSACE_MOSELLE' } as const;

describe('isWorkingDay', () => {
  it.each([
    ['2025-04-22', true, 'Tuesday'],
    ['2025-04-18', true, 'Good Friday is worked outside Alsace-Moselle'],
    ['2025-04-19', false, 'Saturday'],
    ['2025-04-20', false, 'Sunday'],
    ['2025-04-21', false, 'Easter Monday'],
    ['2025-07-14', false, '14 July on a Monday'],
    ['2025-11-01', false, 'All Saints on a Saturday'],
  ])('%s → %s (%s)', (day, expected) => {
    expect(isWorkingDay(day)).toBe(expected);
  });

  it('follows the region flag', () => {
    expect(isWorkingDay('2025-04-18', AM)).toBe(false);
    expect(isWorkingDay('2025-12-26', AM)).toBe(false);
    expect(isWorkingDay('2025-12-26')).toBe(true);
  });

  // Counts known from French payroll calendars: 261 weekdays less 10 (2025) and 9 (2026) holidays on weekdays.
  it.each([
    [2025, 251],
    [2026, 252],
  ])('%i has %i working days', (year, count) => {
    let n = 0;
    for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addCalendarDays(d, 1)) if (isWorkingDay(d)) n++;
    expect(n).toBe(count);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-03-29', 2, '2025-03-31'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-06-15', 0, '2025-06-15'],
    ['2025-01-31', 365, '2026-01-31'],
  ])('%s %+i → %s', (day, n, expected) => {
    expect(addCalendarDays(day, n)).toBe(expected);
  });

  it('refuses a fractional count and a bad day', () => {
    expect(() => addCalendarDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => addCalendarDays('2025-02-30', 1)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-04-17', 1, '2025-04-18', 'Thursday + 1 → Friday'],
    ['2025-04-17', 2, '2025-04-22', 'over the weekend and Easter Monday'],
    ['2025-04-18', 1, '2025-04-22', 'Friday + 1 skips Saturday, Sunday, Easter Monday'],
    ['2025-04-19', 1, '2025-04-22', 'from a Saturday'],
    ['2026-04-30', 1, '2026-05-04', '1 May 2026 is a Friday'],
    ['2025-05-05', 10, '2025-05-20', '8 May inside the span'],
    ['2025-12-24', 1, '2025-12-26', 'Christmas'],
    ['2025-12-31', 1, '2026-01-02', 'over New Year into the next year'],
    ['2026-05-13', 1, '2026-05-15', 'Ascension Thursday'],
    ['2026-05-22', 1, '2026-05-26', 'Whit Monday'],
    ['2025-04-22', -1, '2025-04-18', 'backwards over Easter Monday and the weekend'],
    ['2025-01-02', -1, '2024-12-31', 'backwards over New Year'],
  ])('%s %+i → %s (%s)', (day, n, expected) => {
    expect(addWorkingDays(day, n)).toBe(expected);
  });

  it('skips the Alsace-Moselle extras with the region flag', () => {
    expect(addWorkingDays('2025-04-17', 1, AM)).toBe('2025-04-22');
    expect(addWorkingDays('2025-12-24', 1, AM)).toBe('2025-12-29');
  });

  it('treats 0 as "as soon as possible": the day itself or the next working day', () => {
    expect(addWorkingDays('2025-04-22', 0)).toBe('2025-04-22');
    expect(addWorkingDays('2025-04-19', 0)).toBe('2025-04-22');
    expect(nextWorkingDay('2025-04-19')).toBe('2025-04-22');
    expect(nextWorkingDay('2025-04-22')).toBe('2025-04-22');
  });

  it('lands on a working day with exactly n working days passed, from every day of 2025–2026', () => {
    for (let day = '2025-01-01'; day < '2027-01-01'; day = addCalendarDays(day, 1)) {
      for (const n of [1, 3, 5, 12]) {
        const end = addWorkingDays(day, n);
        expect(isWorkingDay(end)).toBe(true);
        let passed = 0;
        for (let d = addCalendarDays(day, 1); d <= end; d = addCalendarDays(d, 1)) if (isWorkingDay(d)) passed++;
        expect(passed).toBe(n);
        expect(addWorkingDays(end, -n) <= day).toBe(true);
      }
    }
  });

  it('refuses a fractional count', () => {
    expect(() => addWorkingDays('2025-01-01', 0.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', Number.NaN)).toThrow(RangeError);
  });
});
