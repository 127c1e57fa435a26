/**
 * Contact pressure: at most N attempts per channel per debtor in any rolling 7 days (DOMAIN.md ethics: "a
 * cap on attempts per week"). Pure: the history and the instant are passed in.
 *
 * Default caps, per debtor over the last 7 × 24 hours:
 * - CALL 3: enough to try morning, evening and Saturday in one week, far below the 7 attempts in 7 days
 *   that the US Regulation F (12 CFR 1006.14) presumes to be harassment;
 * - SMS 2 and EMAIL 2: a reminder and a follow-up;
 * - VISIT 1: a site visit is the heaviest contact there is;
 * - LETTER uncapped (null): letters follow the scenario's own spacing, and a registered formal notice may
 *   rightly follow a simple letter within the week.
 * An agency may lower or raise a cap, never above 7 per week, and only letters may be left uncapped.
 *
 * Across channels (issue 14): TOTAL caps the calls, SMS, e-mails and visits together, 5 in 7 days by default —
 * three calls, an SMS and an e-mail in one week is already pressing; each channel's own cap would otherwise
 * allow 8. Letters do not count towards it (they are not a solicitation at a time of day). null: no total cap.
 *
 * The history lists every attempt, reached or not (an unanswered call is still a call), for the debtor
 * across all of their files.
 */
import { z } from 'zod';
import type { ContactChannel } from './contact-window';
import { keyWith } from '../errors/keys';

export type ContactCaps = Record<ContactChannel, number | null> & { TOTAL?: number | null };
export interface ContactAttempt {
  channel: ContactChannel;
  at: Date;
}
export type CapCheck = { ok: true } | { ok: false; retryAt: Date };

/** The rolling window: exact hours, so an attempt made Monday 10:00 stops counting the next Monday 10:00. */
export const CAP_WINDOW_MS = 7 * 86_400_000;
export const MAX_CAP = 7;

export const DEFAULT_CAPS: Readonly<ContactCaps> = Object.freeze({
  CALL: 3,
  SMS: 2,
  EMAIL: 2,
  VISIT: 1,
  LETTER: null,
  TOTAL: 5,
});
export const MAX_TOTAL_CAP = 14;

/** A cap from 1 to `max`, and the field message that says so. */
const capOf = (max: number) => {
  const message = keyWith('errors.field.wholeNumberRange', { min: 1, max });
  return z.number({ error: message }).int(message).min(1, message).max(max, message);
};
const cap = capOf(MAX_CAP);

/** An agency's caps as stored; a channel left out keeps its default. */
export const contactCapsSchema = z.strictObject({
  CALL: cap.default(DEFAULT_CAPS.CALL!),
  SMS: cap.default(DEFAULT_CAPS.SMS!),
  EMAIL: cap.default(DEFAULT_CAPS.EMAIL!),
  VISIT: cap.default(DEFAULT_CAPS.VISIT!),
  LETTER: cap.nullable().default(DEFAULT_CAPS.LETTER),
  TOTAL: capOf(MAX_TOTAL_CAP).nullable().default(DEFAULT_CAPS.TOTAL!),
});

/**
 * Whether one more attempt on `channel` at `at` stays within the cap. Attempts count when they fall in
 * (at − 7 days, at]; when the cap is reached, `retryAt` is the instant enough old attempts have left the
 * window for one more to fit.
 */
export function capCheck(
  history: readonly ContactAttempt[],
  channel: ContactChannel,
  at: Date,
  caps: ContactCaps,
): CapCheck {
  const own = within(history, (c) => c === channel, at, caps[channel], channel);
  // The total cap counts every channel but letters; a letter is never held by it.
  const total = channel === 'LETTER' ? null : within(history, (c) => c !== 'LETTER', at, caps.TOTAL ?? null, 'TOTAL');
  const waits = [own, total].filter((t): t is number => t !== null);
  return waits.length === 0 ? { ok: true } : { ok: false, retryAt: new Date(Math.max(...waits)) };
}

/** Null when one more attempt fits under `limit`; else the instant enough attempts leave the window for it. */
function within(
  history: readonly ContactAttempt[],
  counts: (channel: ContactChannel) => boolean,
  at: Date,
  limit: number | null,
  name: string,
): number | null {
  if (limit === null) return null;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Cap for ${name} must be a whole number ≥ 1`);
  const now = at.getTime();
  const inWindow = history
    .filter((h) => counts(h.channel))
    .map((h) => h.at.getTime())
    .filter((t) => t > now - CAP_WINDOW_MS && t <= now)
    .sort((a, b) => a - b);
  if (inWindow.length < limit) return null;
  // Dropping the oldest (count − limit + 1) attempts leaves limit − 1: room for this one.
  return inWindow[inWindow.length - limit]! + CAP_WINDOW_MS;
}
