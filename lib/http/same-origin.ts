/**
 * Cross-site request refusal for everything that changes state (OWASP ASVS 3.5.x). Server actions are checked
 * by Next itself; this covers route handlers and anything added later, applied in `proxy.ts` before any
 * handler runs, so no handler can forget it.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths that take cross-site writes, and why each one is safe without this check. */
export const CROSS_SITE_EXEMPT: readonly { prefix: string; reason: string }[] = [
  {
    prefix: '/api/auth/',
    reason: "next-auth's own routes check their double-submit CSRF token (cookie + form field) themselves",
  },
  {
    prefix: '/api/intake/',
    reason:
      "creditors' systems authenticate with a Bearer key that a browser never attaches on its own; no cookie is read",
  },
];

export type Refusal = 'cross-site' | 'foreign-origin';

/**
 * Why the request must be refused, or null. `Sec-Fetch-Site` (sent by every current browser, not settable by
 * page script) decides when present; else `Origin` must name this host. A request with neither comes from a
 * non-browser client (curl, a script with its own session cookie): it is no cross-site forgery, so it passes.
 */
export function crossSiteRefusal(request: Pick<Request, 'method' | 'headers' | 'url'>): Refusal | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const path = new URL(request.url).pathname;
  if (CROSS_SITE_EXEMPT.some((exempt) => path.startsWith(exempt.prefix))) return null;

  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none' ? null : 'cross-site';

  const origin = request.headers.get('origin');
  if (origin === null) return null;
  // The host the browser addressed, as Next's own server-action check reads it.
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
  try {
    return host && new URL(origin).host === host.toLowerCase() ? null : 'foreign-origin';
  } catch {
    return 'foreign-origin'; // "null" (sandboxed frames, file://) and anything unparsable
  }
}
