import { describe, expect, it } from 'vitest';
import {
  claimDeclarationDeadline,
  declarationDeadlineState,
  declarationTaskDay,
} from '../../lib/cases/company-event-rules';
import { proceedingsCalendar } from '../../lib/cases/court-calendar';
import {
  declarationPeriodExtended,
  likelyCourtSeat,
  territoryOf,
  territoryOfPostcode,
} from '../../lib/cases/court-seat';
import { isoWeekday } from '../../lib/dates/days';

// The claim declaration deadline (C. com. R622-24): 2 months after the BODACC publication, 4 for a creditor who does
// not live on the territory where the court that opened the proceedings sits (al. 2 and 3), the same day of the month or the month's last (CPC 641), carried past Saturdays, Sundays and
// public holidays of the court's calendar (CPC 642). Weekdays computed by hand from 1 January 2026 (a Thursday) and
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

  it('ends on the month’s last day, then the next working day, when the period is extended (4 months)', () => {
    // 2026-10-31 + 4 months: no 31 February, so 28 February 2027, a Sunday (day 59: 58 mod 7 = 2) → Monday 1 March.
    expect(claimDeclarationDeadline('2026-10-31', true)).toBe('2027-03-01');
  });

  it('counts in the court’s calendar: its seat’s holidays, Alsace-Moselle’s for a court there', () => {
    // Same dates as below: Good Friday 26 March 2027 in Alsace-Moselle, abolition day 27 May 2027 in Guadeloupe.
    const strasbourg = proceedingsCalendar('METROPOLE', { postcode: '67000', country: 'FR' });
    expect(strasbourg).toBe('FR_ALSACE_MOSELLE');
    expect(claimDeclarationDeadline('2027-01-26', false, { region: strasbourg })).toBe('2027-03-30');
    const pointeAPitre = proceedingsCalendar('GUADELOUPE', { postcode: '97110', country: 'FR' });
    expect(claimDeclarationDeadline('2027-03-27', false, { region: pointeAPitre })).toBe('2027-05-28');
    // A metropolitan court elsewhere, or for a debtor whose address is overseas or unknown: France's list.
    expect(proceedingsCalendar('METROPOLE', { postcode: '69002', country: 'FR' })).toBe('FR');
    expect(proceedingsCalendar('METROPOLE', { postcode: '97200', country: 'FR' })).toBe('FR');
    expect(proceedingsCalendar('METROPOLE', null)).toBe('FR');
    // A court overseas keeps its own list whatever the debtor's address; the collectivities without one, France's.
    expect(proceedingsCalendar('REUNION', { postcode: '67000', country: 'FR' })).toBe('FR_REUNION');
    expect(proceedingsCalendar('SAINT_BARTHELEMY', null)).toBe('FR_SAINT_BARTHELEMY');
    expect(proceedingsCalendar('POLYNESIE_FRANCAISE', null)).toBe('FR');
  });

  it('counts the regional holidays it is given', () => {
    // 2027-01-26 + 2 months = Friday 26 March 2027 (day 85: 84 mod 7 = 0). Easter 2027 is 28 March: Good Friday is a
    // holiday in Alsace-Moselle only, then the weekend, then Easter Monday 29 March everywhere → Tuesday 30 March.
    expect(claimDeclarationDeadline('2027-01-26')).toBe('2027-03-26');
    expect(claimDeclarationDeadline('2027-01-26', false, { region: 'FR_ALSACE_MOSELLE' })).toBe('2027-03-30');
    // 2027-03-27 + 2 months = Thursday 27 May 2027 (day 147: 146 mod 7 = 6), abolition day in Guadeloupe → Friday 28.
    expect(claimDeclarationDeadline('2027-03-27')).toBe('2027-05-27');
    expect(claimDeclarationDeadline('2027-03-27', false, { region: 'FR_GUADELOUPE' })).toBe('2027-05-28');
  });
});

describe('where the court sits and where the creditor lives (R622-24 al. 2 and 3)', () => {
  // One publication for every case: Wednesday 15 July 2026 (day 196: 195 mod 7 = 6, Thursday + 6).
  //   + 2 months = Tuesday 15 September 2026 (day 258: 257 mod 7 = 5).
  //   + 4 months = 15 November 2026, day 319: 318 mod 7 = 3, a Sunday → Monday 16 November 2026.
  const published = '2026-07-15';
  const deadline = (courtSeat: Parameters<typeof declarationPeriodExtended>[0], postcode: string, country = 'FR') =>
    claimDeclarationDeadline(published, declarationPeriodExtended(courtSeat, { postcode, country }));

  it('gives a creditor living where a metropolitan court sits two months, Corsica included', () => {
    expect(isoWeekday(published)).toBe(3);
    expect(deadline('METROPOLE', '75008')).toBe('2026-09-15');
    expect(deadline('METROPOLE', '20000')).toBe('2026-09-15');
  });

  it('gives four months before a metropolitan court to a creditor overseas, in Monaco or abroad (al. 2)', () => {
    expect(isoWeekday('2026-11-15')).toBe(7);
    for (const postcode of ['97400', '97150', '98714', '98800', '98000', '1000', 'SW1A 1AA', 'D-10115'])
      expect([postcode, deadline('METROPOLE', postcode)]).toEqual([postcode, '2026-11-16']);
  });

  it('gives two months before an overseas court to a creditor of the same department (al. 3, Cass. com. 13 July 2010)', () => {
    expect(deadline('MARTINIQUE', '97200')).toBe('2026-09-15');
    expect(deadline('GUADELOUPE', '97100')).toBe('2026-09-15');
    expect(deadline('REUNION', '97 490')).toBe('2026-09-15');
    expect(deadline('SAINT_MARTIN', '97150')).toBe('2026-09-15');
    expect(deadline('POLYNESIE_FRANCAISE', '98714')).toBe('2026-09-15');
  });

  it('gives four months before an overseas court to a metropolitan creditor and to one of another territory (al. 3)', () => {
    // Lyon before Fort-de-France; Mayotte before Saint-Denis de La Réunion; Saint-Martin and Saint-Barthélemy,
    // collectivities of their own since 2007, before a court in Guadeloupe; abroad before Cayenne.
    expect(deadline('MARTINIQUE', '69003')).toBe('2026-11-16');
    expect(deadline('REUNION', '97600')).toBe('2026-11-16');
    expect(deadline('GUADELOUPE', '97150')).toBe('2026-11-16');
    expect(deadline('GUADELOUPE', '97133')).toBe('2026-11-16');
    expect(deadline('GUYANE', 'B-1000')).toBe('2026-11-16');
  });

  it('reads the creditor’s country first: a foreign five-digit postcode is not metropolitan France', () => {
    // Berlin 10115, Rome 00184, Monaco 98000: four months before a metropolitan court, whatever the postcode's shape.
    expect(deadline('METROPOLE', '10115', 'DE')).toBe('2026-11-16');
    expect(deadline('METROPOLE', '00184', 'it')).toBe('2026-11-16');
    expect(deadline('METROPOLE', '98000', 'MC')).toBe('2026-11-16');
    // The same postcodes read as French without a country: the case the country column closes.
    expect(deadline('METROPOLE', '10115')).toBe('2026-09-15');
    // An overseas department written with its own ISO code is that department.
    expect(territoryOf({ postcode: '97100', country: 'GP' })).toBe('GUADELOUPE');
    expect(deadline('GUADELOUPE', '97100', 'GP')).toBe('2026-09-15');
    expect(deadline('METROPOLE', '97200', 'MQ')).toBe('2026-11-16');
  });

  it('reads the territory from the postcode', () => {
    expect(
      ['75008', '20000', '97100', '97133', '97150', '97200', '97300', '97400', '97500', '97600', '98600', '98714'].map(
        territoryOfPostcode,
      ),
    ).toEqual([
      'METROPOLE',
      'METROPOLE',
      'GUADELOUPE',
      'SAINT_BARTHELEMY',
      'SAINT_MARTIN',
      'MARTINIQUE',
      'GUYANE',
      'REUNION',
      'SAINT_PIERRE_ET_MIQUELON',
      'MAYOTTE',
      'WALLIS_ET_FUTUNA',
      'POLYNESIE_FRANCAISE',
    ]);
    // Monaco, the TAAF and New Caledonia are no seat R622-24 names; a postcode of another shape is foreign.
    expect(['98000', '98404', '98800', '1000', '', '7500'].map(territoryOfPostcode)).toEqual(
      Array(6).fill('ELSEWHERE'),
    );
  });

  it('proposes the seat of the debtor’s territory, metropolitan France when it is none', () => {
    expect(['97200', '13001', '98800', null].map(likelyCourtSeat)).toEqual([
      'MARTINIQUE',
      'METROPOLE',
      'METROPOLE',
      'METROPOLE',
    ]);
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
