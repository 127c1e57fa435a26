import { isIP } from 'node:net';
import { headers } from 'next/headers';
import { env } from '../config/env';

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function forwardedFor(source: HeaderSource): string[] {
  const raw = source instanceof Headers ? source.get('x-forwarded-for') : source?.['x-forwarded-for'];
  const joined = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  return joined
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return isIP(bare) ? bare.toLowerCase() : undefined;
}

/**
 * The address of the client that reached the first proxy we trust, from `X-Forwarded-For`.
 *
 * Each trusted proxy appends the address it received the connection from, so with `trustedProxies` = N the
 * client is the N-th entry from the right; anything to its left was written by the client and is ignored.
 * Next's server (`next start`, standalone) writes the socket address into the header only when the request
 * carries none: with 0 (the app reached directly) the last entry is that socket address. A header the
 * client sent itself survives there, which is why production puts a proxy in front and sets the count.
 * Fewer entries than proxies, or an entry that is not an IP address, gives undefined — never a guess.
 */
export function clientIp(source: HeaderSource, trustedProxies: number = env.TRUSTED_PROXY_COUNT): string | undefined {
  const hops = forwardedFor(source);
  return normalise(hops[hops.length - Math.max(trustedProxies, 1)]);
}

/** For route handlers. */
export function requestIp(request: Request): string | undefined {
  return clientIp(request.headers);
}

/** For server components and server actions, which read the request's headers through Next. */
export async function currentIp(): Promise<string | undefined> {
  return clientIp(await headers());
}
