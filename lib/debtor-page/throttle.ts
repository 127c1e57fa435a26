import type { Redis } from 'ioredis';

/**
 * Guessing a second factor (a postcode has 40,000 values in France) must be slow: a link allows few answers, an
 * address few across links. Counted before the answer is checked, so parallel guesses cannot slip under the limit,
 * and for unknown links exactly as for real ones, so the refusal says nothing about whether a file exists.
 */
export const DEBTOR_THROTTLE = {
  perLink: 8,
  linkWindowSeconds: 30 * 60,
  perAddress: 40,
  addressWindowSeconds: 30 * 60,
} as const;

export async function countAnswer(redis: Redis, prefix: string, tokenHash: Buffer, ip: string | undefined) {
  const link = `${prefix}:debtor:link:${tokenHash.toString('hex')}`;
  const address = `${prefix}:debtor:ip:${ip ?? 'unknown'}`;
  const replies = await redis
    .multi()
    .incr(link)
    .expire(link, DEBTOR_THROTTLE.linkWindowSeconds, 'NX')
    .incr(address)
    .expire(address, DEBTOR_THROTTLE.addressWindowSeconds, 'NX')
    .exec();
  if (!replies) throw new Error('debtor throttle: transaction aborted');
  const [perLink, , perAddress] = replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value);
  });
  return perLink! <= DEBTOR_THROTTLE.perLink && perAddress! <= DEBTOR_THROTTLE.perAddress;
}
