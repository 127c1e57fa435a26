import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from './lib/errors/app-error';
import { toErrorBody } from './lib/errors/describe';
import { crossSiteRefusal } from './lib/http/same-origin';
import { newNonce, securityHeaders } from './lib/http/security-headers';
import { acceptedLocale } from './lib/http/request-locale';
import { BROWSER_LOCALE_HEADER } from './lib/i18n/locales';
import { REQUEST_ID_HEADER } from './lib/log/request-id';

/**
 * Runs before every request: refuses cross-site writes, then gives the response its security headers and
 * the page its CSP nonce (Next finds it in the request's Content-Security-Policy header).
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  // Every log line of this request carries its id (lib/log/context.ts); the response gives it back for support.
  const requestId = crypto.randomUUID();
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const headers = securityHeaders(nonce, { dev: process.env.NODE_ENV === 'development', https });

  const refusal = crossSiteRefusal(request);
  const response = refusal
    ? NextResponse.json(
        toErrorBody(new AppError('FORBIDDEN', { key: 'errors.request.crossSite', values: { refusal } })).body,
        {
          status: 403,
        },
      )
    : NextResponse.next({ request: { headers: forwarded(request, headers['Content-Security-Policy']!, requestId) } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  // The debtor's link and a password reset link are secrets in the URL: no other site learns them from a Referer.
  if (isDebtorPage(request) || request.nextUrl.pathname === '/signin/reset')
    response.headers.set('Referrer-Policy', 'no-referrer');
  return response;
}

const isDebtorPage = (request: NextRequest) => request.nextUrl.pathname.startsWith('/d/');

function forwarded(request: NextRequest, csp: string, requestId: string): Headers {
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', csp);
  // Set here, never taken from the client: a forged id would mix someone else's request into this one's lines.
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.delete(BROWSER_LOCALE_HEADER);
  const browser = isDebtorPage(request) ? acceptedLocale(request.headers.get('accept-language')) : null;
  if (browser) headers.set(BROWSER_LOCALE_HEADER, browser);
  return headers;
}

export const config = {
  // Not the build's static files: immutable, same-origin, and no nonce to give them.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
