import type { Redis } from 'ioredis';

// OWASP ASVS 6.3.1: limit guessing per account and per address. Fixed windows are enough at these rates.
export const THROTTLE = { windowSeconds: 15 * 60, perAccount: 10, perAddress: 50 } as const;

function keys(prefix: string, email: string, ip: string): string[] {
  return [`${prefix}:signin:acct:${email}`, `${prefix}:signin:ip:${ip}`];
}

export async function isThrottled(redis: Redis, prefix: string, email: string, ip: string): Promise<boolean> {
  const [account, address] = await redis.mget(...keys(prefix, email, ip));
  return Number(account ?? 0) >= THROTTLE.perAccount || Number(address ?? 0) >= THROTTLE.perAddress;
}

export async function recordFailure(redis: Redis, prefix: string, email: string, ip: string): Promise<void> {
  const multi = redis.multi();
  for (const key of keys(prefix, email, ip)) multi.incr(key).expire(key, THROTTLE.windowSeconds, 'NX');
  await multi.exec();
}

export async function clearFailures(redis: Redis, prefix: string, email: string): Promise<void> {
  await redis.del(keys(prefix, email, '')[0]!);
}
