import { describe, expect, it } from 'vitest';
import { easterSunday, holidayOn, holidaysOf, isPublicHoliday } from '../../lib/compliance/holidays';

const days = (year: number, opts?: Parameters<typeof holidaysOf>[1]) => holidaysOf(year, opts).map((h) => h.day);

describe('easterSunday', () => {
  // Dates from the published Easter tables, including the earliest (22 March) and latest (25 April) cases.
  it.each([
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });
});

describe('holidaysOf', () => {
  it('lists the eleven French holidays of 2025, Easter-based ones hand-checked', () => {
    expect(holidaysOf(2025).map((h) => [h.day, h.code])).toEqual([
      ['2025-01-01', 'NEW_YEAR'],
      ['2025-04-21', 'EASTER_MONDAY'],
      ['2025-05-01', 'LABOUR_DAY'],
      ['2025-05-08', 'VICTORY_1945'],
      ['2025-05-29', 'ASCENSION'],
      ['2025-06-09', 'WHIT_MONDAY'],
      ['2025-07-14', 'BASTILLE_DAY'],
      ['2025-08-15', 'ASSUMPTION'],
      ['2025-11-01', 'ALL_SAINTS'],
      ['2025-11-11', 'ARMISTICE_1918'],
      ['2025-12-25', 'CHRISTMAS'],
    ]);
  });

  it('lists the eleven French holidays of 2026', () => {
    expect(days(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle only', () => {
    const fr = days(2025);
    const am = days(2025, { region: 'FR_ALSACE_MOSELLE' });
    expect(am.filter((d) => !fr.includes(d))).toEqual(['2025-04-18', '2025-12-26']);
    expect(am).toHaveLength(13);
    expect(days(2026, { region: 'FR_ALSACE_MOSELLE' })).toEqual(expect.arrayContaining(['2026-04-03', '2026-12-26']));
    expect(holidayOn('2026-04-03', { region: 'FR_ALSACE_MOSELLE' })?.code).toBe('GOOD_FRIDAY');
    expect(holidayOn('2026-12-26', { region: 'FR_ALSACE_MOSELLE' })?.nameFr).toBe('Saint-Étienne');
  });

  it('keeps both holidays when Ascension falls on 1 May (2008)', () => {
    const may1 = holidaysOf(2008).filter((h) => h.day === '2008-05-01');
    expect(may1.map((h) => h.code)).toEqual(['LABOUR_DAY', 'ASCENSION']);
    expect(holidaysOf(2008)).toHaveLength(11);
    expect(holidayOn('2008-05-01')?.code).toBe('LABOUR_DAY');
  });

  it('gives every year 11 (13) holidays inside the year, sorted, for two centuries', () => {
    for (let year = 1950; year <= 2150; year++) {
      for (const [region, count] of [
        ['FR', 11],
        ['FR_ALSACE_MOSELLE', 13],
      ] as const) {
        const list = days(year, { region });
        expect(list).toHaveLength(count);
        expect(list.every((d) => d.startsWith(`${year}-`))).toBe(true);
        expect([...list].sort()).toEqual(list);
      }
    }
  });

  it('names every holiday in French and English', () => {
    const h = holidayOn('2025-07-14');
    expect(h).toEqual({ day: '2025-07-14', code: 'BASTILLE_DAY', nameFr: 'Fête nationale', nameEn: 'Bastille Day' });
    for (const x of holidaysOf(2025, { region: 'FR_ALSACE_MOSELLE' })) {
      expect(x.nameFr.length).toBeGreaterThan(0);
      expect(x.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('refuses years outside the Gregorian range it computes', () => {
    expect(() => holidaysOf(1582)).toThrow(RangeError);
    expect(() => holidaysOf(10_000)).toThrow(RangeError);
    expect(() => holidaysOf(2025.5)).toThrow(RangeError);
  });
});

describe('isPublicHoliday', () => {
  it.each([
    ['2025-04-21', true, 'Easter Monday 2025'],
    ['2026-04-06', true, 'Easter Monday 2026'],
    ['2025-05-29', true, 'Ascension 2025'],
    ['2026-05-14', true, 'Ascension 2026'],
    ['2025-06-09', true, 'Whit Monday 2025'],
    ['2026-05-25', true, 'Whit Monday 2026'],
    ['2025-07-14', true, '14 July'],
    ['2025-11-11', true, '11 November'],
    ['2025-04-20', false, 'Easter Sunday itself is a Sunday, not a holiday of the list'],
    ['2025-06-08', false, 'Whit Sunday'],
    ['2025-04-18', false, 'Good Friday outside Alsace-Moselle'],
    ['2025-12-26', false, '26 December outside Alsace-Moselle'],
    ['2025-07-15', false, 'an ordinary Tuesday'],
  ])('%s → %s (%s)', (day, expected) => {
    expect(isPublicHoliday(day)).toBe(expected);
  });

  it('knows the Alsace-Moselle extras behind the region flag', () => {
    expect(isPublicHoliday('2025-04-18', { region: 'FR_ALSACE_MOSELLE' })).toBe(true);
    expect(isPublicHoliday('2025-12-26', { region: 'FR_ALSACE_MOSELLE' })).toBe(true);
    expect(isPublicHoliday('2025-12-27', { region: 'FR_ALSACE_MOSELLE' })).toBe(false);
  });

  it.each(['2025-02-29', '2025-13-01', '14/07/2025', '2025-7-14', ''])('refuses %j', (day) => {
    expect(() => isPublicHoliday(day)).toThrow(RangeError);
  });
});
