import { cookies } from 'next/headers';
import { linkSecret as secret } from '@/lib/debtor-links/token';
import { readSession, SESSION_COOKIE, signSession, type DebtorSession } from '@/lib/debtor-page/rules';

/** The debtor's session for this link's page, if its cookie is there, signed and not expired. */
export async function debtorSession(now = new Date()): Promise<DebtorSession | null> {
  return readSession(secret(), (await cookies()).get(SESSION_COOKIE)?.value, Math.floor(now.getTime() / 1000));
}

export async function startDebtorSession(token: string, session: DebtorSession): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, signSession(secret(), session), {
    // Scoped to this link's page: a second letter's link asks its own second factor.
    path: `/d/${token}`,
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && (process.env.NEXTAUTH_URL ?? '').startsWith('https:'),
    expires: new Date(session.expiresAt * 1000),
  });
}
