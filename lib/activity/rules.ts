// Pure rules of the agent's work on a file: calendar arithmetic in the agency's time zone, how an outcome
// moves the file's status. No I/O, no clock: callers pass `today`/`now`.

/** How far ahead an agent may take a promise or schedule a callback (days). */
export const PROMISE_HORIZON_DAYS = 90;
export const CALLBACK_HORIZON_DAYS = 90;
/** Days given to answer a dispute before its task shows as late. */
export const DISPUTE_ANSWER_DAYS = 2;
/** A promise is broken once its due day and one day of grace have passed without a covering payment. */
export const PROMISE_GRACE_DAYS = 1;
// Contact hours are not here: a callback obeys the engine's contact window (lib/compliance/contact-window.ts) on
// the debtor's clock and calendar, checked by lib/activity/log-contact.ts.
