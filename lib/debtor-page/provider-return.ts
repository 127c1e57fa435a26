import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_PATTERN } from '../debtor-links/token';

/**
 * The way back from the payment provider's page (issue 17, decision 0020): the provider keeps the URLs it sends the
 * debtor back to, so they carry no link token — only a short-lived opaque reference, `/d/r/<ref>`. The debtor's own
 * browser holds the way from that reference to their page: a signed cookie set when the payment starts, scoped to
 * `/d/r`, naming the reference, the token and an expiry. Anyone else with the URL gets a page that names nothing.
 */
export const RETURN_COOKIE = 'recouvra_debtor_return';
export const RETURN_PATH = '/d/r';
export const RETURN_SECONDS = 2 * 60 * 60;
export const RETURN_REF_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const CARD_RETURNS = ['confirming', 'cancelled'] as const;
export type CardReturn = (typeof CARD_RETURNS)[number];

export function newReturnRef(): string {
  return randomBytes(16).toString('base64url');
}

export function providerReturnUrl(baseUrl: string, ref: string, outcome: CardReturn): string {
  return new URL(`${RETURN_PATH}/${ref}?card=${outcome}`, baseUrl).toString();
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`debtor-return|${body}`).digest('base64url');
}

export function signReturn(secret: string, r: { ref: string; token: string; expiresAt: number }): string {
  const body = `v1.${r.ref}.${r.token}.${r.expiresAt}`;
  return `${body}.${mac(secret, body)}`;
}

/** The token the cookie leads back to, for this very reference and before it expires; null otherwise. */
export function readReturn(secret: string, cookie: string | undefined, ref: string, nowSeconds: number): string | null {
  if (!cookie || !RETURN_REF_PATTERN.test(ref)) return null;
  const parts = cookie.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') return null;
  const [, cookieRef, token, expires] = parts as [string, string, string, string, string];
  const x = Buffer.from(parts[4]!);
  const y = Buffer.from(mac(secret, parts.slice(0, 4).join('.')));
  if (x.length !== y.length || !timingSafeEqual(x, y)) return null;
  if (cookieRef !== ref || !TOKEN_PATTERN.test(token) || !(Number(expires) > nowSeconds)) return null;
  return token;
}
