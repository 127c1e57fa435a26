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
 * Time-zone arithmetic goes through Intl, never through fixed offsets, so the last Sundays of March and
 * October (DST changes) give the right instants.
 */
import { z } from 'zod';
import { dayNumber, dayOfNumber, isoWeekday } from './calendar';
import { isPublicHoliday, type HolidayRegion } from './holidays';
import { isWorkingDay } from './working-days';

export const CONTACT_CHANNELS = ['CALL', 'SMS', 'EMAIL', 'VISIT', 'LETTER'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_WINDOW_MESSAGES = {
  time: 'must be a time written HH:MM, from 00:00 to 23:59',
  order: 'must be later than the start time',
  timeZone: 'must be an IANA time zone, e.g. Europe/Paris',
} as const;

// Every step the engine runs parses its agency's window, so each zone is tried once.
const knownZones = new Set<string>();

export function isTimeZone(value: string): boolean {
  if (knownZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    return false;
  }
  if (knownZones.size < 1_000) knownZones.add(value);
  return true;
}

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
  holidayRegion: z.enum(['FR', 'FR_ALSACE_MOSELLE']).default('FR'),
});

export type ContactWindowConfig = z.output<typeof contactWindowSchema>;
export type ContactWindowInput = z.input<typeof contactWindowSchema>;

export const DEFAULT_CONTACT_WINDOW: ContactWindowConfig = contactWindowSchema.parse({});

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Building a DateTimeFormat costs far more than formatting with one; the sweep asks thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in a time zone at an instant: its day and the seconds elapsed since that day's 00:00. */
function wallClock(ms: number, timeZone: string): { day: string; second: number; asUtcMs: number } {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const [y, mo, d, h, mi, s] = [p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!];
  const day = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { day, second: h * 3600 + mi * 60 + s, asUtcMs: Date.UTC(y, mo - 1, d, h, mi, s) };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (whole seconds). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(whole, timeZone).asUtcMs - whole;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * The instant a wall-clock time happens on a day in a time zone. A time skipped by a spring-forward change
 * (02:30 on the last Sunday of March in Paris) moves forward by the gap (03:30); a time that happens twice
 * in autumn resolves to the first one. Same choices as Temporal's 'compatible' disambiguation.
 */
export function zonedTime(day: string, hhmm: string, timeZone: string): Date {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  const wall = dayNumber(day) * DAY_MS + minutesOf(hhmm) * MINUTE_MS;
  // One DST change at most sits within a day of any instant: the offsets a day before and a day after are
  // the only two candidates.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fits = [before, after].map((o) => wall - o).filter((t) => offsetAt(t, timeZone) === wall - t);
  if (fits.length > 0) return new Date(Math.min(...fits));
  return new Date(wall - before);
}

/** The start of a day (its first instant) in a time zone. */
export function startOfDayIn(day: string, timeZone: string): Date {
  return zonedTime(day, '00:00', timeZone);
}

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
