import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONTACT_WINDOW as W,
  contactWindowSchema,
  isWithinWindow,
  nextAllowedSlot,
  type ContactChannel,
} from '../../lib/compliance/contact-window';
import { startOfDayIn, zonedTime } from '../../lib/compliance/zoned-time';

// Instants are written in UTC; the comments give the Paris wall clock (CET = UTC+1, CEST = UTC+2).
const at = (iso: string) => new Date(iso);
const next = (iso: string, channel: ContactChannel = 'CALL', config = W) =>
  nextAllowedSlot(at(iso), channel, config).toISOString();
const within = (iso: string, channel: ContactChannel = 'CALL', config = W) => isWithinWindow(at(iso), channel, config);

describe('contactWindowSchema', () => {
  it('fills the documented defaults', () => {
    expect(contactWindowSchema.parse({})).toEqual({
      timeZone: 'Europe/Paris',
      hours: { start: '08:00', end: '20:00' },
      saturday: { start: '09:00', end: '12:00' },
      noSunday: true,
      noHolidays: true,
      holidayRegion: 'FR',
    });
  });

  it('accepts narrower hours, no Saturday, another zone and the Alsace-Moselle calendar', () => {
    const c = contactWindowSchema.parse({
      timeZone: 'Europe/Brussels',
      hours: { start: '10:00', end: '19:30' },
      saturday: null,
      holidayRegion: 'FR_ALSACE_MOSELLE',
    });
    expect(c.saturday).toBeNull();
    expect(c.hours).toEqual({ start: '10:00', end: '19:30' });
  });

  it.each([
    ['a time without leading zero', { hours: { start: '8:00', end: '20:00' } }],
    ['24:00', { hours: { start: '08:00', end: '24:00' } }],
    ['an end before the start', { hours: { start: '20:00', end: '08:00' } }],
    ['an empty span', { saturday: { start: '09:00', end: '09:00' } }],
    ['an unknown time zone', { timeZone: 'Europe/Pariss' }],
    ['contact on Sundays', { noSunday: false }],
    ['contact on holidays', { noHolidays: false }],
    ['an unknown key', { saturdays: null }],
    ['an unknown region', { holidayRegion: 'FR_CORSE' }],
  ])('refuses %s', (_label, input) => {
    expect(contactWindowSchema.safeParse(input).success).toBe(false);
  });
});

describe('isWithinWindow and nextAllowedSlot — calls, SMS, visits, e-mails', () => {
  it('allows a Tuesday from 08:00 to 19:59, start included, end excluded', () => {
    expect(within('2025-11-18T06:59:59Z')).toBe(false); // 07:59:59
    expect(within('2025-11-18T07:00:00Z')).toBe(true); // 08:00
    expect(within('2025-11-18T18:59:59Z')).toBe(true); // 19:59:59
    expect(within('2025-11-18T19:00:00Z')).toBe(false); // 20:00
  });

  it('returns the instant itself when it is allowed', () => {
    expect(next('2025-11-18T09:15:30.250Z')).toBe('2025-11-18T09:15:30.250Z');
  });

  it('holds a 21:30 call to the next morning 08:00', () => {
    expect(within('2025-11-18T20:30:00Z')).toBe(false); // Tue 21:30
    expect(next('2025-11-18T20:30:00Z')).toBe('2025-11-19T07:00:00.000Z'); // Wed 08:00
  });

  it('holds an early-morning call to 08:00 the same day', () => {
    expect(next('2025-11-18T05:00:00Z')).toBe('2025-11-18T07:00:00.000Z'); // 06:00 → 08:00
  });

  it('allows Saturday morning only, and nothing on Sunday', () => {
    expect(within('2025-11-15T09:00:00Z')).toBe(true); // Sat 10:00
    expect(within('2025-11-15T11:00:00Z')).toBe(false); // Sat 12:00
    expect(next('2025-11-15T11:00:00Z')).toBe('2025-11-17T07:00:00.000Z'); // → Mon 08:00
    expect(within('2025-11-16T09:00:00Z')).toBe(false); // Sun 10:00
    expect(next('2025-11-16T09:00:00Z')).toBe('2025-11-17T07:00:00.000Z');
  });

  it('moves Friday night to Saturday 09:00, or to Monday when Saturdays are off', () => {
    expect(next('2025-11-14T19:30:00Z')).toBe('2025-11-15T08:00:00.000Z'); // Fri 20:30 → Sat 09:00
    const noSaturday = contactWindowSchema.parse({ saturday: null });
    expect(within('2025-11-15T09:00:00Z', 'CALL', noSaturday)).toBe(false);
    expect(next('2025-11-14T19:30:00Z', 'CALL', noSaturday)).toBe('2025-11-17T07:00:00.000Z');
  });

  it('never contacts on a public holiday', () => {
    expect(within('2025-07-14T08:00:00Z')).toBe(false); // Mon 14 July 10:00 CEST
    expect(next('2025-07-14T08:00:00Z')).toBe('2025-07-15T06:00:00.000Z'); // Tue 08:00 CEST
    // Sat 4 April 2026 12:30 → Sunday, then Easter Monday → Tuesday 7 April 08:00 CEST.
    expect(next('2026-04-04T10:30:00Z')).toBe('2026-04-07T06:00:00.000Z');
    // New Year's Eve 20:00 → 1 January is a holiday → Friday 2 January 08:00 CET.
    expect(next('2025-12-31T19:00:00Z')).toBe('2026-01-02T07:00:00.000Z');
  });

  it('applies the Alsace-Moselle holidays when the agency is there', () => {
    const am = contactWindowSchema.parse({ holidayRegion: 'FR_ALSACE_MOSELLE' });
    expect(within('2026-04-03T08:00:00Z')).toBe(true); // Good Friday 10:00, elsewhere in France
    expect(within('2026-04-03T08:00:00Z', 'CALL', am)).toBe(false);
    expect(next('2026-04-03T08:00:00Z', 'CALL', am)).toBe('2026-04-04T07:00:00.000Z'); // Sat 09:00 CEST
  });

  it('holds SMS, visits and e-mails to the same window', () => {
    for (const channel of ['SMS', 'VISIT', 'EMAIL'] as const) {
      expect(within('2025-11-18T20:30:00Z', channel)).toBe(false); // Tue 21:30
      expect(within('2025-11-16T09:00:00Z', channel)).toBe(false); // Sunday
      expect(within('2025-11-15T09:00:00Z', channel)).toBe(true); // Sat 10:00
      expect(next('2025-11-18T20:30:00Z', channel)).toBe('2025-11-19T07:00:00.000Z');
    }
  });

  it('uses the configured hours', () => {
    const narrow = contactWindowSchema.parse({ hours: { start: '10:00', end: '18:30' } });
    expect(within('2025-11-18T08:30:00Z', 'CALL', narrow)).toBe(false); // 09:30
    expect(next('2025-11-18T08:30:00Z', 'CALL', narrow)).toBe('2025-11-18T09:00:00.000Z');
    expect(within('2025-11-18T17:29:00Z', 'CALL', narrow)).toBe(true); // 18:29
    expect(within('2025-11-18T17:30:00Z', 'CALL', narrow)).toBe(false); // 18:30
  });

  it('follows the agency time zone, not UTC', () => {
    const guadeloupe = contactWindowSchema.parse({ timeZone: 'America/Guadeloupe' }); // UTC−4, no DST
    expect(within('2025-11-18T11:30:00Z', 'CALL', guadeloupe)).toBe(false); // 07:30 there
    expect(next('2025-11-18T11:30:00Z', 'CALL', guadeloupe)).toBe('2025-11-18T12:00:00.000Z');
    expect(within('2025-11-18T23:30:00Z', 'CALL', guadeloupe)).toBe(true); // 19:30 there
  });
});

describe('across the DST changes (last Sundays of March and October)', () => {
  it('March 2026: Monday after the change opens at 08:00 CEST = 06:00 UTC', () => {
    expect(next('2026-03-28T11:00:00Z')).toBe('2026-03-30T06:00:00.000Z'); // Sat 12:00 CET → Mon 08:00 CEST
    expect(within('2026-03-30T05:59:59Z')).toBe(false); // 07:59:59 CEST
    expect(within('2026-03-30T06:00:00Z')).toBe(true);
    // 20:30 CEST; a fixed +1 offset would read 19:30 and allow it.
    expect(within('2026-03-30T18:30:00Z')).toBe(false);
    // The Friday before, still CET: 18:30 UTC is 19:30, allowed.
    expect(within('2026-03-27T18:30:00Z')).toBe(true);
  });

  it('October 2026: Monday after the change opens at 08:00 CET = 07:00 UTC', () => {
    expect(within('2026-10-24T09:30:00Z')).toBe(true); // Sat 11:30 CEST
    expect(next('2026-10-24T10:00:00Z')).toBe('2026-10-26T07:00:00.000Z'); // Sat 12:00 CEST → Mon 08:00 CET
    // 07:30 CET; a fixed +2 offset would read 08:30 and allow it.
    expect(within('2026-10-26T06:30:00Z')).toBe(false);
  });

  it('October 2025 and March 2025 as well', () => {
    expect(next('2025-10-25T20:00:00Z')).toBe('2025-10-27T07:00:00.000Z'); // Sat 22:00 CEST → Mon 08:00 CET
    expect(next('2025-03-29T20:00:00Z')).toBe('2025-03-31T06:00:00.000Z'); // Sat 21:00 CET → Mon 08:00 CEST
  });

  it('converts wall-clock times through the gap and the overlap', () => {
    expect(zonedTime('2026-01-15', '08:00', 'Europe/Paris').toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(zonedTime('2026-07-15', '08:00', 'Europe/Paris').toISOString()).toBe('2026-07-15T06:00:00.000Z');
    // 02:30 does not exist on 29 March 2026: it becomes 03:30 CEST.
    expect(zonedTime('2026-03-29', '02:30', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first one (CEST).
    expect(zonedTime('2026-10-25', '02:30', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedTime('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(startOfDayIn('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(() => zonedTime('2026-03-08', '25:00', 'Europe/Paris')).toThrow(RangeError);
  });

  it('finds the slot when the window opens in a skipped hour (Cairo, midnight of 26 April 2024)', () => {
    const cairo = contactWindowSchema.parse({ timeZone: 'Africa/Cairo', hours: { start: '00:00', end: '20:00' } });
    // Thursday 20:00 EET (18:00 UTC) → Friday 00:00, which does not exist there: 01:00 EEST = 22:00 UTC.
    expect(next('2024-04-25T18:00:00Z', 'CALL', cairo)).toBe('2024-04-25T22:00:00.000Z');
  });

  it('finds the second occurrence when the window opens in a repeated hour (Cairo, 31 October 2024)', () => {
    const cairo = contactWindowSchema.parse({ timeZone: 'Africa/Cairo', hours: { start: '23:30', end: '23:59' } });
    // First 23:10 (EEST, 20:10 UTC) → the first 23:30 (20:30 UTC).
    expect(next('2024-10-31T20:10:00Z', 'CALL', cairo)).toBe('2024-10-31T20:30:00.000Z');
    // Second 23:10 (EET, 21:10 UTC): the first 23:30 is past, the second one is 21:30 UTC.
    expect(next('2024-10-31T21:10:00Z', 'CALL', cairo)).toBe('2024-10-31T21:30:00.000Z');
  });
});

describe('letters', () => {
  it('go out at any hour of a working day', () => {
    expect(within('2025-11-18T02:00:00Z', 'LETTER')).toBe(true); // Tue 03:00
    expect(within('2025-11-18T22:30:00Z', 'LETTER')).toBe(true); // Tue 23:30
    expect(next('2025-11-18T22:30:00Z', 'LETTER')).toBe('2025-11-18T22:30:00.000Z');
  });

  it('wait for the next working day at 00:00, Saturdays included', () => {
    expect(within('2025-11-15T09:00:00Z', 'LETTER')).toBe(false); // Saturday
    expect(next('2025-11-15T09:00:00Z', 'LETTER')).toBe('2025-11-16T23:00:00.000Z'); // Mon 00:00 CET
    // Sunday of the March change → Monday 00:00 CEST.
    expect(next('2026-03-29T10:00:00Z', 'LETTER')).toBe('2026-03-29T22:00:00.000Z');
    // Friday 1 May 2026 → Monday 4 May 00:00 CEST.
    expect(next('2026-05-01T10:00:00Z', 'LETTER')).toBe('2026-05-03T22:00:00.000Z');
  });

  it('wait over Good Friday and Easter Monday in Alsace-Moselle', () => {
    const am = contactWindowSchema.parse({ holidayRegion: 'FR_ALSACE_MOSELLE' });
    expect(within('2026-04-03T10:00:00Z', 'LETTER')).toBe(true);
    expect(next('2026-04-03T10:00:00Z', 'LETTER', am)).toBe('2026-04-06T22:00:00.000Z'); // Tue 7 April 00:00
  });
});
