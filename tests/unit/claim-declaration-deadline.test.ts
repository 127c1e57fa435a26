import { describe, expect, it } from 'vitest';
import {
  claimDeclarationDeadline,
  declarationDeadlineState,
  declarationTaskDay,
} from '../../lib/cases/company-event-rules';
import { isoWeekday } from '../../lib/dates/days';

// The claim declaration deadline (C. com. R622-24): 2 months after the BODACC publication, 4 for a creditor outside
// metropolitan France, the same day of the month or the month's last (CPC 641), carried past Saturdays, Sundays and
// public holidays of the agency's calendar (CPC 642). Weekdays computed by hand from 1 January 2026 (a Thursday) and
// 1 January 2027 (a Friday): day-of-year n falls (n − 1) mod 7 days after it.

describe('claim declaration deadline', () => {
  it('ends on the same day two months later when that is a working day', () => {
    // 2026-07-15 + 2 months = Tuesday 15 September 2026 (day 258: 257 mod 7 = 5, Thursday + 5).
    expect(claimDeclarationDeadline('2026-07-15')).toBe('2026-09-15');
    expect(isoWeekday('2026-09-15')).toBe(2);
  });

  it('moves from a Saturday to the Monday', () => {
    // 2026-09-14 + 2 months = Saturday 14 November 2026 (day 318: 317 mod 7 = 2) → Monday 16 November.
    expect(claimDeclarationDeadline('2026-09-14')).toBe('2026-11-16');
  });

  it('moves from a public holiday to the next day', () => {
    // 2026-09-11 + 2 months = Wednesday 11 November 2026, Armistice day → Thursday 12 November.
    expect(claimDeclarationDeadline('2026-09-11')).toBe('2026-11-12');
  });

  it('moves past a holiday followed by a weekend', () => {
    // 2026-10-25 + 2 months = Friday 25 December 2026 (day 359: 358 mod 7 = 1) → Saturday, Sunday → Monday 28.
    expect(claimDeclarationDeadline('2026-10-25')).toBe('2026-12-28');
  });

  it('ends on the month’s last day, then the next working day, outside metropolitan France (4 months)', () => {
    // 2026-10-31 + 4 months: no 31 February, so 28 February 2027, a Sunday (day 59: 58 mod 7 = 2) → Monday 1 March.
    expect(claimDeclarationDeadline('2026-10-31', false)).toBe('2027-03-01');
  });

  it('counts the agency’s regional holidays', () => {
    // 2027-01-26 + 2 months = Friday 26 March 2027 (day 85: 84 mod 7 = 0). Easter 2027 is 28 March: Good Friday is a
    // holiday in Alsace-Moselle only, then the weekend, then Easter Monday 29 March everywhere → Tuesday 30 March.
    expect(claimDeclarationDeadline('2027-01-26')).toBe('2027-03-26');
    expect(claimDeclarationDeadline('2027-01-26', true, { region: 'FR_ALSACE_MOSELLE' })).toBe('2027-03-30');
    // 2027-03-27 + 2 months = Thursday 27 May 2027 (day 147: 146 mod 7 = 6), abolition day in Guadeloupe → Friday 28.
    expect(claimDeclarationDeadline('2027-03-27')).toBe('2027-05-27');
    expect(claimDeclarationDeadline('2027-03-27', true, { region: 'FR_GUADELOUPE' })).toBe('2027-05-28');
  });
});

describe('declaration alert', () => {
  it('falls due 15 days before the deadline, or today once that day has passed', () => {
    expect(declarationTaskDay('2026-12-28', '2026-11-01')).toBe('2026-12-13');
    expect(declarationTaskDay('2026-12-28', '2026-12-20')).toBe('2026-12-20');
    expect(declarationTaskDay('2026-12-28', '2027-01-05')).toBe('2027-01-05');
  });

  it('is open, then an alert from 15 days before, then lapsed the day after the deadline', () => {
    expect(declarationDeadlineState('2026-12-28', '2026-12-12')).toBe('OPEN');
    expect(declarationDeadlineState('2026-12-28', '2026-12-13')).toBe('ALERT');
    expect(declarationDeadlineState('2026-12-28', '2026-12-28')).toBe('ALERT');
    expect(declarationDeadlineState('2026-12-28', '2026-12-29')).toBe('LAPSED');
  });
});
