/**
 * When a debtor may be contacted, per channel, in the agency's time zone. Pure: `at` is always passed in.
 *
 * DOMAIN.md (ethics): no contact at night, on Sundays or on public holidays. French law sets no hours for
 * debt collection; the defaults below follow the usual practice of the trade, and agencies may narrow them
 * (the 2022 decree on telephone canvassing, décret n° 2022-1313, allows weekdays 10:00–13:00 and 14:00–20:00
 * only, with no Saturday: an agency that wants to match it sets `saturday: null`).
 *
 * Channels:
 * - CALL, SMS, VISIT: only inside the window.
 * - EMAIL: could technically go out at any hour, but lands on the debtor's phone like an SMS: held to the
 *   same window, so no reminder arrives at 23:00 or on a Sunday.
 * - LETTER: no hours (nobody is disturbed when a letter is printed), but the mailing house posts on working
 *   days only: any instant of a working day (Monday–Friday, public holidays excepted).
 *
 * Time-zone arithmetic is in ./zoned-time.
 */
import { z } from 'zod';
import { dayNumber, dayOfNumber, isoWeekday } from '../dates/days';
import { HOLIDAY_REGIONS, holidayOn, isPublicHoliday, type HolidayRegion } from './holidays';
import { isWorkingDay } from './working-days';
import { isTimeZone, minutesOf, wallClock, zonedTime } from './zoned-time';

export const CONTACT_CHANNELS = ['CALL', 'SMS', 'EMAIL', 'VISIT', 'LETTER'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_WINDOW_MESSAGES = {
  time: 'errors.compliance.time',
  order: 'errors.compliance.timeOrder',
  timeZone: 'errors.compliance.timeZone',
} as const;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, CONTACT_WINDOW_MESSAGES.time);
// Start inclusive, end exclusive: with 08:00–20:00 a call at 19:59 is allowed, one at 20:00 is not.
const span = z
  .strictObject({ start: clock, end: clock })
  .refine((s) => s.start < s.end, { message: CONTACT_WINDOW_MESSAGES.order, path: ['end'] });

/**
 * An agency's contact window, as stored per agency. `noSunday` and `noHolidays` only accept `true`: they are
 * written down so the stored settings say so, but the ethics rule is not a setting.
 */
export const contactWindowSchema = z.strictObject({
  timeZone: z.string().refine(isTimeZone, CONTACT_WINDOW_MESSAGES.timeZone).default('Europe/Paris'),
  /** Monday to Friday. */
  hours: span.default({ start: '08:00', end: '20:00' }),
  /**
   * Saturday morning by default: debtors who work on weekdays can be reached, and a short window keeps the
   * weekend mostly quiet. `null` means no contact on Saturdays.
   */
  saturday: span.nullable().default({ start: '09:00', end: '12:00' }),
  noSunday: z.literal(true).default(true),
  noHolidays: z.literal(true).default(true),
  /** Which public holidays apply (Alsace-Moselle has two more). */
  holidayRegion: z.enum(HOLIDAY_REGIONS).default('FR'),
});

export type ContactWindowConfig = z.output<typeof contactWindowSchema>;
export type ContactWindowInput = z.input<typeof contactWindowSchema>;

export const DEFAULT_CONTACT_WINDOW: ContactWindowConfig = contactWindowSchema.parse({});

/** The allowed span of one local day for a channel, in minutes since 00:00 (end exclusive), or null. */
function spanOn(day: string, channel: ContactChannel, config: ContactWindowConfig): [number, number] | null {
  const region: HolidayRegion = config.holidayRegion;
  if (channel === 'LETTER') return isWorkingDay(day, { region }) ? [0, 24 * 60] : null;
  const weekday = isoWeekday(day);
  if (weekday === 7 && config.noSunday) return null;
  if (config.noHolidays && isPublicHoliday(day, { region })) return null;
  const hours = weekday === 6 ? config.saturday : config.hours;
  return hours ? [minutesOf(hours.start), minutesOf(hours.end)] : null;
}

export type WindowRefusal = 'SUNDAY' | 'PUBLIC_HOLIDAY' | 'NO_HOURS_THAT_DAY' | 'OUTSIDE_HOURS';

/**
 * Why `at` is outside the channel's window, or null when it is inside: what an agent is told when a callback
 * is refused. Same rule as isWithinWindow (which the engine uses), in the window's own time zone.
 */
export function windowRefusal(at: Date, channel: ContactChannel, config: ContactWindowConfig): WindowRefusal | null {
  if (isWithinWindow(at, channel, config)) return null;
  const local = wallClock(at.getTime(), config.timeZone);
  if (channel !== 'LETTER') {
    if (isoWeekday(local.day) === 7 && config.noSunday) return 'SUNDAY';
    if (config.noHolidays && holidayOn(local.day, { region: config.holidayRegion })) return 'PUBLIC_HOLIDAY';
  }
  return spanOn(local.day, channel, config) === null ? 'NO_HOURS_THAT_DAY' : 'OUTSIDE_HOURS';
}

export function isWithinWindow(at: Date, channel: ContactChannel, config: ContactWindowConfig): boolean {
  const local = wallClock(at.getTime(), config.timeZone);
  const span = spanOn(local.day, channel, config);
  return span !== null && local.second >= span[0] * 60 && local.second < span[1] * 60;
}

// Every week has weekdays, and no calendar has a year of holidays: a slot is always found well before this.
const SEARCH_DAYS = 366;

/** The earliest instant at or after `at` when the channel may be used: `at` itself when it already may. */
export function nextAllowedSlot(at: Date, channel: ContactChannel, config: ContactWindowConfig): Date {
  if (isWithinWindow(at, channel, config)) return new Date(at.getTime());
  const local = wallClock(at.getTime(), config.timeZone);
  const today = spanOn(local.day, channel, config);
  if (today && local.second < today[0] * 60) {
    const start = atMinute(local.day, today[0], config.timeZone);
    // Only in an autumn overlap, during the repeated hour: the first occurrence of the start is already
    // past, and the wall clock reaches it again in (start − now) of real time.
    return start.getTime() > at.getTime()
      ? start
      : new Date(Math.floor(at.getTime() / 1000) * 1000 + (today[0] * 60 - local.second) * 1000);
  }
  const first = dayNumber(local.day);
  for (let d = first + 1; d <= first + SEARCH_DAYS; d++) {
    const day = dayOfNumber(d);
    const span = spanOn(day, channel, config);
    if (span) return atMinute(day, span[0], config.timeZone);
  }
  throw new Error(`No contact slot for ${channel} within ${SEARCH_DAYS} days of ${at.toISOString()}`);
}

function atMinute(day: string, minute: number, timeZone: string): Date {
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return zonedTime(day, hhmm, timeZone);
}
