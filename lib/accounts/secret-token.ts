import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 in hex: what the database keeps of a secret sent to someone (a reset link, an invitation). */
export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A 256-bit secret for a link, URL-safe, and the hash to store in its place. */
export function newSecretToken(): { token: string; sha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, sha256: sha256Hex(token) };
}

/** What a link's secret looks like: anything else is refused before any lookup. */
export const SECRET_TOKEN = /^[A-Za-z0-9_-]{43}$/;
