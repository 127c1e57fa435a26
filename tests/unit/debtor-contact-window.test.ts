import { describe, expect, it } from 'vitest';
import { areaOf, debtorWindow } from '../../lib/compliance/debtor-area';
import { DEFAULT_CONTACT_WINDOW, windowRefusal } from '../../lib/compliance/contact-window';
import { holidayOn } from '../../lib/compliance/holidays';

// One rule for the engine's steps and the agent's callbacks: the agency's window (default Monday–Friday
// 08:00–20:00, Saturday 09:00–12:00, no Sunday, no public holiday) on the debtor's clock and calendar.
const PARIS = DEFAULT_CONTACT_WINDOW;
const REUNION = debtorWindow(PARIS, { postcode: '97400', country: 'FR' });

describe('the debtor’s area, from the postcode', () => {
  it.each([
    ['97411', 'Indian/Reunion', 'FR_REUNION'],
    ['97200', 'America/Martinique', 'FR_MARTINIQUE'],
    ['97110', 'America/Guadeloupe', 'FR_GUADELOUPE'],
    ['97300', 'America/Cayenne', 'FR_GUYANE'],
    ['97600', 'Indian/Mayotte', 'FR_MAYOTTE'],
    ['98800', 'Pacific/Noumea', null],
    ['57000', 'Europe/Paris', 'FR_ALSACE_MOSELLE'],
    // Inside Guadeloupe's 971 range, with their own day (Code du travail L3422-2).
    ['97133', 'America/St_Barthelemy', 'FR_SAINT_BARTHELEMY'],
    ['97150', 'America/Marigot', 'FR_SAINT_MARTIN'],
  ])('%s → %s, %s', (postcode, timeZone, holidayRegion) => {
    expect(areaOf({ postcode, country: 'FR' })).toEqual({ timeZone, holidayRegion });
  });

  it('leaves the agency’s window for mainland France, a foreign or missing address', () => {
    expect(areaOf({ postcode: '75001', country: 'FR' })).toBeNull();
    expect(areaOf({ postcode: '97400', country: 'BE' })).toBeNull();
    expect(areaOf(null)).toBeNull();
    expect(debtorWindow(PARIS, { postcode: '69002' })).toBe(PARIS);
  });

  it('reads an ISO code for an overseas department as well as its postcode', () => {
    expect(areaOf({ postcode: '', country: 'RE' })?.timeZone).toBe('Indian/Reunion');
  });
});

describe('overseas public holidays (décret n° 83-1003, Code du travail L3422-2)', () => {
  it.each([
    ['2027-05-27', 'FR_GUADELOUPE'],
    ['2027-05-22', 'FR_MARTINIQUE'],
    ['2027-06-10', 'FR_GUYANE'],
    ['2027-12-20', 'FR_REUNION'],
    ['2027-04-27', 'FR_MAYOTTE'],
    ['2027-05-27', 'FR_SAINT_MARTIN'],
    ['2026-10-09', 'FR_SAINT_BARTHELEMY'],
  ] as const)('%s is a holiday in %s only', (day, region) => {
    expect(holidayOn(day, { region })?.code).toBe('ABOLITION_OF_SLAVERY');
    expect(holidayOn(day, { region: 'FR' })).toBeNull();
  });
});

describe('why a callback is refused', () => {
  it('at 21:00 in Réunion: outside the hours there, though it is 18:00 in Paris', () => {
    // Thursday 10 December 2026, 21:00 in Réunion (UTC+4, no summer time) = 17:00 UTC = 18:00 in Paris.
    const at = new Date('2026-12-10T17:00:00Z');
    expect(windowRefusal(at, 'CALL', REUNION)).toBe('OUTSIDE_HOURS');
    expect(windowRefusal(at, 'CALL', PARIS)).toBeNull();
    // 19:59 in Réunion (15:59 UTC) is still inside; 20:00 is the first minute out (end exclusive).
    expect(windowRefusal(new Date('2026-12-10T15:59:00Z'), 'CALL', REUNION)).toBeNull();
    expect(windowRefusal(new Date('2026-12-10T16:00:00Z'), 'CALL', REUNION)).toBe('OUTSIDE_HOURS');
  });

  it('on a French public holiday: 14 July 2027, a Wednesday, at 10:00 in Paris', () => {
    expect(windowRefusal(new Date('2027-07-14T08:00:00Z'), 'CALL', PARIS)).toBe('PUBLIC_HOLIDAY');
  });

  it('on 20 December in Réunion only: Monday 20 December 2027, 10:00 there (06:00 UTC)', () => {
    expect(windowRefusal(new Date('2027-12-20T06:00:00Z'), 'CALL', REUNION)).toBe('PUBLIC_HOLIDAY');
    // 06:00 UTC is 07:00 in Paris: before the hours there, not a holiday.
    expect(windowRefusal(new Date('2027-12-20T06:00:00Z'), 'CALL', PARIS)).toBe('OUTSIDE_HOURS');
  });

  it('on a Sunday, and on a Saturday the agency left out', () => {
    expect(windowRefusal(new Date('2026-11-29T10:00:00Z'), 'CALL', PARIS)).toBe('SUNDAY');
    expect(windowRefusal(new Date('2026-11-28T10:00:00Z'), 'CALL', PARIS)).toBeNull(); // Saturday 11:00
    expect(windowRefusal(new Date('2026-11-28T10:00:00Z'), 'CALL', { ...PARIS, saturday: null })).toBe(
      'NO_HOURS_THAT_DAY',
    );
  });
});
