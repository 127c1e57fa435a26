/**
 * Calendar days written 'YYYY-MM-DD': which day an instant falls on in a time zone, and day arithmetic.
 * Arithmetic is integer arithmetic on UTC midnights, so it never meets a DST change. The one home of these
 * helpers: business dates follow the agency's clock (agency-clock.ts says which day it is there).
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building a DateTimeFormat costs far more than formatting with one, and the engine asks for every step it runs.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) it is at an instant (default now) in a time zone. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** A database DATE (midnight UTC) as its calendar day. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Days since 1970-01-01, or null when the value is not a real calendar day written YYYY-MM-DD. */
function dayNumberOrNull(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO_DAY.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps years 0–99 to 19xx and rolls 31 April over to 1 May: both show up as a mismatch.
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) return null;
  return at.getTime() / DAY_MS;
}

/** True for a real calendar day written YYYY-MM-DD (not 2026-02-30, not 0099-01-01 read as 1999). */
export function isCalendarDay(value: unknown): value is string {
  return dayNumberOrNull(value) !== null;
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' day. Throws on anything that is not a real calendar day. */
export function dayNumber(day: string): number {
  const n = dayNumberOrNull(day);
  if (n === null) throw new RangeError(`Not a calendar day written YYYY-MM-DD: ${day}`);
  return n;
}

/** The 'YYYY-MM-DD' day for a day number (inverse of `dayNumber`). */
export function dayOfNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export function isoWeekday(day: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`A number of days or months must be whole: ${n}`);
}

export function addDays(day: string, days: number): string {
  checkCount(days);
  return dayOfNumber(dayNumber(day) + days);
}

/**
 * `months` later, the same day of the month; when that month is shorter, its last day (31 Jan → 28 Feb;
 * Code de procédure civile art. 641: a time limit in months ends on the day bearing the same number).
 */
export function addMonths(day: string, months: number): string {
  checkCount(months);
  dayNumber(day);
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  const lastDay = new Date(Date.UTC(y, m + months, 0)).getUTCDate();
  return dayOfNumber(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)) / DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * 2026-03-31 → 31/03/2026: the way French contracts and forms write a day, used in messages read in both
 * languages because the agencies and their mandates are French.
 */
export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
