/**
 * The clock and the calendar a contact with a debtor is judged by are the debtor's, not the agency's: a call
 * at 17:00 in Paris is 20:00 in La Réunion in winter, and 20 December is a public holiday there only. Pure.
 *
 * Derived from the debtor's postal address: French overseas postcodes start with the department's number —
 * 971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte (departments, each with its own
 * public holiday, lib/compliance/holidays.ts), Saint-Barthélemy (97133) and Saint-Martin (97150), whose postcodes
 * start with Guadeloupe's 971 but which keep their own day, and 975 Saint-Pierre-et-Miquelon, 986 Wallis-et-Futuna,
 * 987 Polynésie française, 988 Nouvelle-Calédonie (their own time zones; their local holidays are not in this
 * calendar, the national ones apply). 977 and 978, the two collectivities' own codes, name them too. Moselle (57), Bas-Rhin (67)
 * and Haut-Rhin (68) keep Paris time and add their two holidays. Anywhere else in France, or no address:
 * the agency's window as it is.
 */
import type { ContactWindowConfig } from './contact-window';
import type { HolidayRegion } from './holidays';

interface Area {
  timeZone: string;
  holidayRegion: HolidayRegion | null;
}

const OVERSEAS: Record<string, Area> = {
  '971': { timeZone: 'America/Guadeloupe', holidayRegion: 'FR_GUADELOUPE' },
  '972': { timeZone: 'America/Martinique', holidayRegion: 'FR_MARTINIQUE' },
  '973': { timeZone: 'America/Cayenne', holidayRegion: 'FR_GUYANE' },
  '974': { timeZone: 'Indian/Reunion', holidayRegion: 'FR_REUNION' },
  '976': { timeZone: 'Indian/Mayotte', holidayRegion: 'FR_MAYOTTE' },
  '975': { timeZone: 'America/Miquelon', holidayRegion: null },
  '977': { timeZone: 'America/St_Barthelemy', holidayRegion: 'FR_SAINT_BARTHELEMY' },
  '978': { timeZone: 'America/Marigot', holidayRegion: 'FR_SAINT_MARTIN' },
  '986': { timeZone: 'Pacific/Wallis', holidayRegion: null },
  '987': { timeZone: 'Pacific/Tahiti', holidayRegion: null },
  '988': { timeZone: 'Pacific/Noumea', holidayRegion: null },
};
/** ISO 3166 codes some files carry for the overseas departments instead of FR. */
const BY_COUNTRY: Record<string, string> = {
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  YT: '976',
  BL: '977',
  MF: '978',
};
/** The two collectivities whose postcodes sit inside Guadeloupe's 971 range. */
const BY_POSTCODE: Record<string, string> = { '97133': '977', '97150': '978' };
const ALSACE_MOSELLE = ['57', '67', '68'];

export interface DebtorAddress {
  postcode?: string | null;
  country?: string | null;
}

/** The area of an address, or null when the agency's own window applies. */
export function areaOf(address: DebtorAddress | null): Area | null {
  if (!address) return null;
  const country = (address.country ?? '').trim().toUpperCase();
  const fromCountry = BY_COUNTRY[country];
  if (fromCountry) return OVERSEAS[fromCountry]!;
  if (country !== '' && country !== 'FR' && country !== 'FRA' && country !== 'FRANCE') return null;
  const postcode = (address.postcode ?? '').replace(/\s/g, '');
  if (!/^\d{5}$/.test(postcode)) return null;
  const overseas = OVERSEAS[BY_POSTCODE[postcode] ?? postcode.slice(0, 3)];
  if (overseas) return overseas;
  if (ALSACE_MOSELLE.includes(postcode.slice(0, 2)))
    return { timeZone: 'Europe/Paris', holidayRegion: 'FR_ALSACE_MOSELLE' };
  return null;
}

/** The agency's window (hours, Saturday, Sundays and holidays off) on the debtor's clock and calendar. */
export function debtorWindow(window: ContactWindowConfig, address: DebtorAddress | null): ContactWindowConfig {
  const area = areaOf(address);
  if (!area) return window;
  return { ...window, timeZone: area.timeZone, holidayRegion: area.holidayRegion ?? 'FR' };
}
