/**
 * Wall-clock time in a time zone: what an instant reads on the agency's clock, and which instant a local time
 * stands for. Through Intl, never fixed offsets, so the last Sundays of March and October give the right instants.
 */
import { dayNumber, isoWeekday } from '../dates/days';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

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
export function wallClock(ms: number, timeZone: string): { day: string; second: number; asUtcMs: number } {
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

export function minutesOf(hhmm: string): number {
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

export interface ZonedParts {
  day: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

/** The calendar day, weekday and time of an instant on the agency's clock. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const { day, second } = wallClock(at.getTime(), timeZone);
  return { day, weekday: isoWeekday(day) % 7, minutes: Math.floor(second / 60) };
}
