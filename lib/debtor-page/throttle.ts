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

/**
 * A one-time code costs a message to the debtor and must not become a way to flood their phone or inbox: three per
 * link and ten per address an hour, counted like the answers (before anything is looked up).
 */
export const CODE_THROTTLE = {
  perLink: 3,
  linkWindowSeconds: 60 * 60,
  perAddress: 10,
  addressWindowSeconds: 60 * 60,
} as const;

type Limits = typeof DEBTOR_THROTTLE | typeof CODE_THROTTLE;

async function countBoth(redis: Redis, link: string, address: string, limits: Limits): Promise<boolean> {
  const replies = await redis
    .multi()
    .incr(link)
    .expire(link, limits.linkWindowSeconds, 'NX')
    .incr(address)
    .expire(address, limits.addressWindowSeconds, 'NX')
    .exec();
  if (!replies) throw new Error('debtor throttle: transaction aborted');
  const [perLink, , perAddress] = replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value);
  });
  return perLink! <= limits.perLink && perAddress! <= limits.perAddress;
}

export function countAnswer(redis: Redis, prefix: string, tokenHash: Buffer, ip: string | undefined) {
  const link = `${prefix}:debtor:link:${tokenHash.toString('hex')}`;
  return countBoth(redis, link, `${prefix}:debtor:ip:${ip ?? 'unknown'}`, DEBTOR_THROTTLE);
}

export function countCodeRequest(redis: Redis, prefix: string, tokenHash: Buffer, ip: string | undefined) {
  const link = `${prefix}:debtor:code-link:${tokenHash.toString('hex')}`;
  return countBoth(redis, link, `${prefix}:debtor:code-ip:${ip ?? 'unknown'}`, CODE_THROTTLE);
}
