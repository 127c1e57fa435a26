import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../lib/dates/days';
import { claimDeclarationDeadline, stopsCollection } from '../../lib/cases/company-event-rules';
import { normaliseFrenchPhone } from '../../lib/cases/phone-number';
import { startOfDayIn, zonedParts, zonedTime } from '../../lib/compliance/zoned-time';

describe('calendar arithmetic', () => {
  it.each([
    ['2026-10-31', 2, '2026-12-31'],
    // No 31 February: the deadline ends on the last day of the month (CPC art. 641).
    ['2026-12-31', 2, '2027-02-28'],
    ['2027-12-30', 2, '2028-02-29'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2026-08-31', -6, '2026-02-28'],
  ])('%s plus %i months is %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('the claim declaration deadline is two months after the BODACC publication', () => {
    expect(claimDeclarationDeadline('2026-10-31')).toBe('2026-12-31');
    expect(claimDeclarationDeadline('2027-01-31')).toBe('2027-03-31');
    // 28 February 2027 is a Sunday: CPC 642 carries the deadline to Monday 1 March.
    expect(claimDeclarationDeadline('2026-12-31')).toBe('2027-03-01');
    // R622-24 al. 2, 3: two more months for a creditor who does not live where the court sits (court-seat.ts).
    expect(claimDeclarationDeadline('2026-10-31', true)).toBe('2027-03-01');
    expect(claimDeclarationDeadline('2026-12-31', true)).toBe('2027-04-30');
  });
});

describe('agency clock', () => {
  const PARIS = 'Europe/Paris';

  it('turns a Paris wall-clock time into the instant, in winter and in summer', () => {
    expect(zonedTime('2026-11-26', '09:30', PARIS)).toEqual(new Date('2026-11-26T08:30:00Z'));
    expect(zonedTime('2026-07-14', '09:30', PARIS)).toEqual(new Date('2026-07-14T07:30:00Z'));
    // 29 March 2026, 02:30 does not exist in Paris (clocks jump from 02:00 to 03:00): 03:30 CEST.
    expect(zonedTime('2026-03-29', '02:30', PARIS)).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(startOfDayIn('2026-12-31', PARIS)).toEqual(new Date('2026-12-30T23:00:00Z'));
  });

  it('reads the day, weekday and time of an instant in the zone', () => {
    // 23:30 UTC on Saturday 28 November is 00:30 on Sunday 29 November in Paris.
    expect(zonedParts(new Date('2026-11-28T23:30:00Z'), PARIS)).toEqual({ day: '2026-11-29', weekday: 0, minutes: 30 });
  });
});

describe('status moves', () => {
  it('collective proceedings and over-indebtedness stop collection; other events do not', () => {
    expect(
      ['SAFEGUARD', 'RECEIVERSHIP', 'LIQUIDATION', 'OVER_INDEBTEDNESS'].every((k) => stopsCollection(k as never)),
    ).toBe(true);
    expect(['TRANSFER', 'CESSATION', 'SEAT_CHANGE'].some((k) => stopsCollection(k as never))).toBe(false);
  });
});

describe('French phone numbers', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 4 78 00 12 34', '+33478001234'],
    ['+32 2 123 45 67', '+3221234567'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseFrenchPhone(input)).toBe(expected);
  });

  it.each(['06 12 34 56', '6 12 34 56 78', '+33 06 12 34 56 78', '06 12 34 56 78 90', '00 12', 'tel: 0612345678'])(
    'refuses %s',
    (input) => {
      expect(normaliseFrenchPhone(input)).toBeNull();
    },
  );
});
