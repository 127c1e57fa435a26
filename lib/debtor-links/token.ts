import { createHash, createHmac } from 'node:crypto';

/**
 * A debtor's private link carries 144 bits (issue 17 asks at least 128), written in base64url so it fits a URL and
 * a QR code without escaping. A letter's token is derived from the app's secret and the letter's own reference:
 * the letter can be drawn again identically, and the database keeps only the token's SHA-256 — a copy of the
 * database without the secret opens nothing.
 */
const TOKEN_BYTES = 18;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export function linkToken(secret: string, tenantId: string, carrierReference: string): string {
  return createHmac('sha256', secret)
    .update(`debtor-link|${tenantId}|${carrierReference}`)
    .digest()
    .subarray(0, TOKEN_BYTES)
    .toString('base64url');
}

export function hashLinkToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The page a link opens: the app's public address + /d/<token>. */
export function debtorPageUrl(baseUrl: string, token: string): string {
  return new URL(`/d/${token}`, baseUrl).toString();
}

/** The secret links and debtor sessions are derived from: next-auth's own, which production requires. */
export function linkSecret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  // Without it anyone could forge a link or a session: refuse rather than derive from nothing.
  if (!value || value.length < 16) throw new Error('NEXTAUTH_SECRET is not set: debtor links cannot be made');
  return value;
}
