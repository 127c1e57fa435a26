import { zonedParts } from '../compliance/zoned-time';

// Pure rules of the agent's work on a file: calendar arithmetic in the agency's time zone, how an outcome
// moves the file's status. No I/O, no clock: callers pass `today`/`now`.

/** How far ahead an agent may take a promise or schedule a callback (days). */
export const PROMISE_HORIZON_DAYS = 90;
export const CALLBACK_HORIZON_DAYS = 90;
/** Days given to answer a dispute before its task shows as late. */
export const DISPUTE_ANSWER_DAYS = 2;
/** A promise is broken once its due day and one day of grace have passed without a covering payment. */
export const PROMISE_GRACE_DAYS = 1;
/**
 * The house default for contact hours (DOMAIN.md, ethics: no contact at night or on Sundays), in agency time.
 * Public holidays come with the compliance calendars of the scenario engine.
 */
export const CONTACT_HOURS = { fromMinutes: 8 * 60, toMinutes: 20 * 60 } as const;

/** Monday to Saturday, 08:00 to 20:00 agency time. */
export function withinContactHours(at: Date, timeZone: string): boolean {
  const { weekday, minutes } = zonedParts(at, timeZone);
  return weekday !== 0 && minutes >= CONTACT_HOURS.fromMinutes && minutes <= CONTACT_HOURS.toMinutes;
}
