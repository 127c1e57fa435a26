/**
 * How long a staff or creditor session lives (OWASP ASVS 3.3.2, level 2): ended after 30 minutes without a
 * request, and 12 hours after the password was typed whatever the activity. The idle clock is kept server-side
 * (lib/auth/session-activity.ts), since the token is not re-issued on every request; the absolute one is the
 * token's own sign-in time.
 */
export const SESSION_LIFETIME = {
  idleSeconds: 30 * 60,
  absoluteSeconds: 12 * 60 * 60,
} as const;

/** Whether a session signed in at `signedInAt` (epoch seconds) has lived its absolute lifetime at `now`. */
export function outlived(signedInAt: number, now: Date): boolean {
  const age = now.getTime() / 1000 - signedInAt;
  return age >= SESSION_LIFETIME.absoluteSeconds || age < -60;
}
