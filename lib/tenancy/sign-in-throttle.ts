import type { Redis } from 'ioredis';

/**
 * OWASP ASVS 6.3.1 without handing strangers a lock on someone else's account:
 * - an account tried from one address is locked for that address only (`perPair`);
 * - an address trying many accounts is locked (`perAddress`);
 * - an account tried from everywhere is locked slowly (`perAccount` an hour), and not for the addresses it
 *   signed in from lately, so its owner still gets in from their usual place while a botnet guesses.
 * Attempts are counted before the password is checked (parallel guesses cannot all slip under the limit),
 * and a success gives its count back. Unknown e-mails are counted the same way, so a refusal says nothing
 * about whether an account exists. Fixed windows are enough at these rates.
 */
export const THROTTLE = {
  perPair: 10,
  pairWindowSeconds: 15 * 60,
  perAddress: 50,
  addressWindowSeconds: 15 * 60,
  perAccount: 100,
  accountWindowSeconds: 60 * 60,
  knownAddressSeconds: 90 * 24 * 60 * 60,
} as const;

const UNKNOWN = 'unknown';

function keys(prefix: string, email: string, ip: string | undefined) {
  const address = ip ?? UNKNOWN;
  return {
    pair: `${prefix}:signin:pair:${email}|${address}`,
    address: `${prefix}:signin:ip:${address}`,
    account: `${prefix}:signin:acct:${email}`,
    known: `${prefix}:signin:known:${email}|${address}`,
  };
}

/** Counts this attempt and answers whether it may go on to the password check. */
export async function beginAttempt(
  redis: Redis,
  prefix: string,
  email: string,
  ip: string | undefined,
): Promise<boolean> {
  const k = keys(prefix, email, ip);
  const replies = await redis
    .multi()
    .incr(k.pair)
    .expire(k.pair, THROTTLE.pairWindowSeconds, 'NX')
    .incr(k.address)
    .expire(k.address, THROTTLE.addressWindowSeconds, 'NX')
    .incr(k.account)
    .expire(k.account, THROTTLE.accountWindowSeconds, 'NX')
    .exists(k.known)
    .exec();
  if (!replies) throw new Error('sign-in throttle: transaction aborted');
  const [pair, , address, , account, , known] = replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value);
  });
  const knownAddress = ip !== undefined && known === 1;
  return (
    pair! <= THROTTLE.perPair && address! <= THROTTLE.perAddress && (knownAddress || account! <= THROTTLE.perAccount)
  );
}

/** A success gives back what `beginAttempt` counted, clears the pair and remembers the address. */
export async function recordSuccess(
  redis: Redis,
  prefix: string,
  email: string,
  ip: string | undefined,
): Promise<void> {
  const k = keys(prefix, email, ip);
  // A window that ended meanwhile comes back at -1: the EXPIRE NX still lets it go with its window.
  const multi = redis
    .multi()
    .del(k.pair)
    .decr(k.address)
    .expire(k.address, THROTTLE.addressWindowSeconds, 'NX')
    .decr(k.account)
    .expire(k.account, THROTTLE.accountWindowSeconds, 'NX');
  if (ip !== undefined) multi.set(k.known, '1', 'EX', THROTTLE.knownAddressSeconds);
  await multi.exec();
}
