import type { Redis } from 'ioredis';

/**
 * Reset requests send e-mail: an address may ask a few times an hour (a mailbox is not flooded, whoever asks), a
 * client address a few dozen (one machine does not walk a list of e-mails). Counted before anything is looked up,
 * for unknown e-mails exactly as for known ones. Fixed windows.
 */
export const RESET_THROTTLE = {
  perEmail: 3,
  perAddress: 20,
  windowSeconds: 60 * 60,
} as const;

export async function countResetRequest(
  redis: Redis,
  prefix: string,
  email: string,
  ip: string | undefined,
): Promise<{ email: boolean; address: boolean }> {
  const byEmail = `${prefix}:reset:email:${email}`;
  const byAddress = `${prefix}:reset:ip:${ip ?? 'unknown'}`;
  const replies = await redis
    .multi()
    .incr(byEmail)
    .expire(byEmail, RESET_THROTTLE.windowSeconds, 'NX')
    .incr(byAddress)
    .expire(byAddress, RESET_THROTTLE.windowSeconds, 'NX')
    .exec();
  if (!replies) throw new Error('reset throttle: transaction aborted');
  const [perEmail, , perAddress] = replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value);
  });
  return { email: perEmail! <= RESET_THROTTLE.perEmail, address: perAddress! <= RESET_THROTTLE.perAddress };
}
