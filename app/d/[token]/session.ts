import { cookies } from 'next/headers';
import { linkSecret as secret } from '@/lib/debtor-links/token';
import { readSession, SESSION_COOKIE, signSession, type DebtorSession } from '@/lib/debtor-page/rules';
import { readReturn, RETURN_COOKIE, RETURN_PATH, RETURN_SECONDS, signReturn } from '@/lib/debtor-page/provider-return';

const secureCookie = () =>
  process.env.NODE_ENV === 'production' && (process.env.NEXTAUTH_URL ?? '').startsWith('https:');

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
    secure: secureCookie(),
    expires: new Date(session.expiresAt * 1000),
  });
}

/**
 * The way back from the payment provider, in the debtor's own browser (lib/debtor-page/provider-return.ts): the
 * provider's URL names only `ref`; this cookie, scoped to the return path, leads from it to this link's page. Lax, so
 * that the top-level navigation back from the provider's site carries it.
 */
export async function rememberProviderReturn(token: string, ref: string, now = new Date()): Promise<void> {
  const expiresAt = Math.floor(now.getTime() / 1000) + RETURN_SECONDS;
  (await cookies()).set(RETURN_COOKIE, signReturn(secret(), { ref, token, expiresAt }), {
    path: RETURN_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(),
    expires: new Date(expiresAt * 1000),
  });
}

/** The link the debtor's own return cookie leads to from this reference, or null (app/d/r/[ref]). */
export async function providerReturnToken(ref: string, now = new Date()): Promise<string | null> {
  return readReturn(secret(), (await cookies()).get(RETURN_COOKIE)?.value, ref, Math.floor(now.getTime() / 1000));
}
