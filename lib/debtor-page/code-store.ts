import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { env } from '../config/env';
import { hashLinkToken, linkSecret } from '../debtor-links/token';
import { redis } from '../redis/connection';
import { normaliseAnswer } from './rules';

/** A one-time code (./one-time-code.ts): six digits, ten minutes, once, for the link it was sent for. */
export const CODE_DIGITS = 6;
export const CODE_MINUTES = 10;

const keyOf = (tokenHash: Buffer) => `${env.QUEUE_PREFIX}:debtor:code:${tokenHash.toString('hex')}`;

// Only a MAC of the code is kept, bound to the link: reading Redis gives neither the code nor a use elsewhere.
function digest(tokenHash: Buffer, code: string): string {
  return createHmac('sha256', linkSecret())
    .update(`debtor-code|${tokenHash.toString('hex')}|${code}`)
    .digest('hex');
}

/** Keeps the code just drawn for this link, replacing the last one; Redis forgets it when it expires. */
export async function keepDebtorCode(connection: Redis, tokenHash: Buffer, code: string, now: Date): Promise<void> {
  const expiresAt = Math.floor(now.getTime() / 1000) + CODE_MINUTES * 60;
  await connection.set(keyOf(tokenHash), `${expiresAt}.${digest(tokenHash, code)}`, 'EX', CODE_MINUTES * 60);
}

/**
 * Whether the answer is the code last sent for this link, still valid; a right code is spent (deleted) here, so it
 * opens the page once. Wrong answers leave it in place: the answer throttle (./throttle.ts) bounds the guesses.
 */
export async function takeDebtorCode(
  token: string,
  answer: string,
  now: Date,
  connection: Redis = redis(),
): Promise<boolean> {
  const given = normaliseAnswer(answer);
  if (!/^\d+$/.test(given) || given.length !== CODE_DIGITS) return false;
  const tokenHash = hashLinkToken(token);
  const stored = await connection.get(keyOf(tokenHash));
  if (!stored) return false;
  const [expires, mac] = stored.split('.') as [string, string | undefined];
  if (!mac || Number(expires) <= Math.floor(now.getTime() / 1000)) return false;
  const x = Buffer.from(mac, 'hex');
  const y = Buffer.from(digest(tokenHash, given), 'hex');
  if (x.length !== y.length || !timingSafeEqual(x, y)) return false;
  // Two answers racing with the same code: only the one that deletes it opens the page.
  return (await connection.del(keyOf(tokenHash))) === 1;
}
