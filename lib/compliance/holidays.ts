/**
 * French public holidays (jours fériés), computed for any Gregorian year. Pure: no clock, no I/O.
 *
 * The list is the one in Code du travail L3133-1; Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) adds Good
 * Friday and 26 December under its local law (Code du travail L3134-13). The current list is applied to
 * every year: the product dates contacts from now on, not in 1960 when 8 May was not a holiday. Each overseas
 * department and Saint-Barthélemy and Saint-Martin add the day they commemorate the abolition of slavery (loi
 * n° 83-550 du 30 juin 1983; décret n° 83-1003 du 23 novembre 1983 as amended by décret n° 2012-553; Code du
 * travail L3422-2): Mayotte 27 April, Martinique 22 May, Guadeloupe and Saint-Martin 27 May, Guyane 10 June,
 * Saint-Barthélemy 9 October, La Réunion 20 December.
 *
 * Written here rather than taken from `date-holidays`: the rules are eleven fixed or Easter-relative dates,
 * Easter is a closed formula, and this module works on 'YYYY-MM-DD' strings end to end, whereas the
 * library answers with Date objects at local midnight (a time-zone trap for day strings), loads data for
 * every country (≈ 45 MB installed with moment and astronomia, ≈ 0.4 s to import, ≈ 6 ms per year) and
 * ships that data under CC-BY-3.0. The output was checked equal to date-holidays 3.37 for 1900–2300.
 */
import { dayNumber, dayOfNumber } from '../dates/days';

export const HOLIDAY_REGIONS = [
  'FR',
  'FR_ALSACE_MOSELLE',
  'FR_GUADELOUPE',
  'FR_MARTINIQUE',
  'FR_GUYANE',
  'FR_REUNION',
  'FR_MAYOTTE',
  'FR_SAINT_BARTHELEMY',
  'FR_SAINT_MARTIN',
] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

/** Code du travail L3422-2 (décret n° 83-1003): the day each commemorates the abolition of slavery (MM-DD). */
const ABOLITION_DAY: Partial<Record<HolidayRegion, string>> = {
  FR_GUADELOUPE: '05-27',
  FR_MARTINIQUE: '05-22',
  FR_GUYANE: '06-10',
  FR_REUNION: '12-20',
  FR_MAYOTTE: '04-27',
  FR_SAINT_BARTHELEMY: '10-09',
  FR_SAINT_MARTIN: '05-27',
};
export interface HolidayOptions {
  /** 'FR_ALSACE_MOSELLE' adds Good Friday and St Stephen's Day (26 December). Default 'FR'. */
  region?: HolidayRegion;
}

export type HolidayCode =
  | 'NEW_YEAR'
  | 'GOOD_FRIDAY'
  | 'EASTER_MONDAY'
  | 'LABOUR_DAY'
  | 'VICTORY_1945'
  | 'ASCENSION'
  | 'WHIT_MONDAY'
  | 'BASTILLE_DAY'
  | 'ASSUMPTION'
  | 'ALL_SAINTS'
  | 'ARMISTICE_1918'
  | 'CHRISTMAS'
  | 'ST_STEPHEN'
  | 'ABOLITION_OF_SLAVERY';

export interface PublicHoliday {
  readonly day: string;
  readonly code: HolidayCode;
  readonly nameFr: string;
  readonly nameEn: string;
}

/** Gregorian computus: earlier years followed the Julian calendar, and days are written with 4 digits. */
export const FIRST_YEAR = 1583;
export const LAST_YEAR = 9999;

const NAMES: Record<HolidayCode, { fr: string; en: string }> = {
  NEW_YEAR: { fr: "Jour de l'an", en: "New Year's Day" },
  GOOD_FRIDAY: { fr: 'Vendredi saint', en: 'Good Friday' },
  EASTER_MONDAY: { fr: 'Lundi de Pâques', en: 'Easter Monday' },
  LABOUR_DAY: { fr: 'Fête du Travail', en: 'Labour Day' },
  VICTORY_1945: { fr: 'Victoire 1945', en: 'Victory in Europe Day' },
  ASCENSION: { fr: 'Ascension', en: 'Ascension Day' },
  WHIT_MONDAY: { fr: 'Lundi de Pentecôte', en: 'Whit Monday' },
  BASTILLE_DAY: { fr: 'Fête nationale', en: 'Bastille Day' },
  ASSUMPTION: { fr: 'Assomption', en: 'Assumption of Mary' },
  ALL_SAINTS: { fr: 'Toussaint', en: "All Saints' Day" },
  ARMISTICE_1918: { fr: 'Armistice 1918', en: 'Armistice Day' },
  CHRISTMAS: { fr: 'Noël', en: 'Christmas Day' },
  ST_STEPHEN: { fr: 'Saint-Étienne', en: "St Stephen's Day" },
  ABOLITION_OF_SLAVERY: { fr: "Abolition de l'esclavage", en: 'Abolition of Slavery Day' },
};

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`Year must be a whole number from ${FIRST_YEAR} to ${LAST_YEAR}: ${year}`);
  }
}

/** Easter Sunday of a Gregorian year (the anonymous algorithm published by Meeus, Jones and Butcher). */
export function easterSunday(year: number): string {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fixed(year: number, mmdd: string, code: HolidayCode): PublicHoliday {
  return holiday(`${year}-${mmdd}`, code);
}

function holiday(day: string, code: HolidayCode): PublicHoliday {
  return { day, code, nameFr: NAMES[code].fr, nameEn: NAMES[code].en };
}

// A year's list is asked for on every working-day step of every file the sweep touches: compute it once.
const cache = new Map<string, { list: readonly PublicHoliday[]; byDay: ReadonlyMap<string, PublicHoliday> }>();

function yearTable(year: number, region: HolidayRegion) {
  const key = `${region}:${year}`;
  const hit = cache.get(key);
  if (hit) return hit;
  checkYear(year);
  const easter = dayNumber(easterSunday(year));
  const fromEaster = (offset: number, code: HolidayCode) => holiday(dayOfNumber(easter + offset), code);
  const list: PublicHoliday[] = [
    fixed(year, '01-01', 'NEW_YEAR'),
    fromEaster(1, 'EASTER_MONDAY'),
    fixed(year, '05-01', 'LABOUR_DAY'),
    fixed(year, '05-08', 'VICTORY_1945'),
    fromEaster(39, 'ASCENSION'),
    fromEaster(50, 'WHIT_MONDAY'),
    fixed(year, '07-14', 'BASTILLE_DAY'),
    fixed(year, '08-15', 'ASSUMPTION'),
    fixed(year, '11-01', 'ALL_SAINTS'),
    fixed(year, '11-11', 'ARMISTICE_1918'),
    fixed(year, '12-25', 'CHRISTMAS'),
  ];
  if (region === 'FR_ALSACE_MOSELLE') {
    list.push(fromEaster(-2, 'GOOD_FRIDAY'), fixed(year, '12-26', 'ST_STEPHEN'));
  }
  const abolition = ABOLITION_DAY[region];
  if (abolition) list.push(fixed(year, abolition, 'ABOLITION_OF_SLAVERY'));
  // Ascension can fall on 1 May (2008) or 8 May (2059): one day, two holidays. Keep both in
  // the list (sorted by day, then in legal order) and let the day lookup answer with the first.
  list.sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
  const byDay = new Map<string, PublicHoliday>();
  for (const h of list) if (!byDay.has(h.day)) byDay.set(h.day, h);
  const table = { list: Object.freeze(list), byDay };
  cache.set(key, table);
  return table;
}

/** Every public holiday of a year, sorted by day. */
export function holidaysOf(year: number, opts: HolidayOptions = {}): readonly PublicHoliday[] {
  return yearTable(year, opts.region ?? 'FR').list;
}

/** The public holiday falling on a day, or null. */
export function holidayOn(day: string, opts: HolidayOptions = {}): PublicHoliday | null {
  dayNumber(day);
  return yearTable(Number(day.slice(0, 4)), opts.region ?? 'FR').byDay.get(day) ?? null;
}

export function isPublicHoliday(day: string, opts: HolidayOptions = {}): boolean {
  return holidayOn(day, opts) !== null;
}
