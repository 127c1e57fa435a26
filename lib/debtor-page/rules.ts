import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What proves the holder of a letter is its addressee, beside the link (issue 17): something the debtor knows and a
 * stranger who found the letter in a bin does not read on it — the postcode of the address written to, or the last
 * four characters of one of the invoices. Spaces, dashes and case do not count.
 */
export interface SecondFactorFacts {
  postcodes: readonly string[];
  invoiceNumbers: readonly string[];
}

export const INVOICE_SUFFIX_LENGTH = 4;

export function normaliseAnswer(answer: string): string {
  return answer
    .normalize('NFKC')
    .replace(/[^0-9A-Za-z]/g, '')
    .toUpperCase();
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function secondFactorMatches(answer: string, facts: SecondFactorFacts): boolean {
  const given = normaliseAnswer(answer);
  if (given.length < INVOICE_SUFFIX_LENGTH) return false;
  const expected = [
    ...facts.postcodes.map(normaliseAnswer),
    ...facts.invoiceNumbers
      .map(normaliseAnswer)
      .filter((n) => n.length >= INVOICE_SUFFIX_LENGTH)
      .map((n) => n.slice(-INVOICE_SUFFIX_LENGTH)),
  ].filter((e) => e.length >= INVOICE_SUFFIX_LENGTH);
  // Every candidate is compared, so the time taken says nothing about which one matched.
  let found = false;
  for (const e of expected) found = same(given, e) || found;
  return found;
}

/**
 * The debtor's session once the second factor is given: a cookie naming the link and its agency, signed with the
 * app's secret, valid for an hour. It opens that link's page only; nothing else in the app reads it.
 */
export const SESSION_SECONDS = 60 * 60;
export const SESSION_COOKIE = 'recouvra_debtor';

export interface DebtorSession {
  linkId: string;
  tenantId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function signature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`debtor-session|${body}`).digest('base64url');
}

export function signSession(secret: string, session: DebtorSession): string {
  const body = `v1.${session.linkId}.${session.tenantId}.${session.expiresAt}`;
  return `${body}.${signature(secret, body)}`;
}

export function readSession(secret: string, cookie: string | undefined, nowSeconds: number): DebtorSession | null {
  if (!cookie) return null;
  const parts = cookie.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') return null;
  const [, linkId, tenantId, expires, mac] = parts as [string, string, string, string, string];
  if (!same(mac, signature(secret, parts.slice(0, 4).join('.')))) return null;
  const expiresAt = Number(expires);
  if (!UUID.test(linkId) || !UUID.test(tenantId) || !Number.isInteger(expiresAt) || expiresAt <= nowSeconds)
    return null;
  return { linkId, tenantId, expiresAt };
}
