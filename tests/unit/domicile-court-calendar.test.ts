import { describe, expect, it } from 'vitest';
import { domicileCourtCalendar } from '../../lib/cases/court-calendar';

// The calendar a judicial procedure's deadlines are counted in (CPC 642): the court of the debtor's domicile (CPC 42,
// 1406), from its address; the agency's own calendar (here Réunion's, to tell it apart) when it has no French one.

const AGENCY = 'FR_REUNION' as const;

describe('domicileCourtCalendar', () => {
  it.each([
    ['Metz (Moselle)', { postcode: '57000', country: 'FR' }, 'FR_ALSACE_MOSELLE'],
    ['Strasbourg, country written FRANCE', { postcode: '67 000', country: 'France' }, 'FR_ALSACE_MOSELLE'],
    ['Colmar, no country', { postcode: '68000', country: null }, 'FR_ALSACE_MOSELLE'],
    ['Lyon', { postcode: '69002', country: 'FR' }, 'FR'],
    ['Fort-de-France', { postcode: '97200', country: 'FR' }, 'FR_MARTINIQUE'],
    ['Pointe-à-Pitre written GP', { postcode: '97110', country: 'GP' }, 'FR_GUADELOUPE'],
    ['Gustavia (Saint-Barthélemy, inside 971)', { postcode: '97133', country: 'FR' }, 'FR_SAINT_BARTHELEMY'],
    ['Marigot (Saint-Martin, inside 971)', { postcode: '97150', country: 'FR' }, 'FR_SAINT_MARTIN'],
    ['Saint-Pierre (no list of its own)', { postcode: '97500', country: 'FR' }, 'FR'],
  ] as const)('%s', (_, address, region) => {
    expect(domicileCourtCalendar(address, AGENCY)).toBe(region);
  });

  it.each([
    ['no address', null],
    ['Berlin', { postcode: '10115', country: 'DE' }],
    ['a French address without a postcode', { postcode: '', country: 'FR' }],
    ['Monaco', { postcode: '98000', country: 'FR' }],
  ] as const)('%s: the agency’s calendar', (_, address) => {
    expect(domicileCourtCalendar(address, AGENCY)).toBe(AGENCY);
  });
});
