/**
 * Working days (jours ouvrés): Monday to Friday, public holidays excepted. Pure, on 'YYYY-MM-DD' days;
 * which day "today" is belongs to the caller (`dayIn(agency time zone, now)` in lib/dates/days).
 */
import { dayNumber, dayOfNumber, isoWeekday } from '../dates/days';
import { isPublicHoliday, type HolidayOptions } from './holidays';

export type { HolidayOptions } from './holidays';

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Day count must be a whole number: ${n}`);
}

export function isWorkingDay(day: string, opts: HolidayOptions = {}): boolean {
  return isoWeekday(day) <= 5 && !isPublicHoliday(day, opts);
}

/** The day itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(day: string, opts: HolidayOptions = {}): string {
  let d = dayNumber(day);
  while (!isWorkingDay(dayOfNumber(d), opts)) d += 1;
  return dayOfNumber(d);
}

/**
 * The n-th working day after `day` (before it when n < 0); `day` itself never counts, so a step "2 working
 * days after Friday placement" lands on Tuesday. n = 0 means "as soon as possible": the day itself when it
 * is a working day, else the next one.
 */
export function addWorkingDays(day: string, n: number, opts: HolidayOptions = {}): string {
  checkCount(n);
  if (n === 0) return nextWorkingDay(day, opts);
  const step = n > 0 ? 1 : -1;
  let d = dayNumber(day);
  for (let left = Math.abs(n); left > 0;) {
    d += step;
    if (isWorkingDay(dayOfNumber(d), opts)) left -= 1;
  }
  return dayOfNumber(d);
}
