import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from './lib/errors/app-error';
import { toErrorBody } from './lib/errors/describe';
import { crossSiteRefusal } from './lib/http/same-origin';
import { newNonce, securityHeaders } from './lib/http/security-headers';

/**
 * Runs before every request: refuses cross-site writes, then gives the response its security headers and
 * the page its CSP nonce (Next finds it in the request's Content-Security-Policy header).
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
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
    : NextResponse.next({ request: { headers: withCsp(request.headers, headers['Content-Security-Policy']!) } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function withCsp(incoming: Headers, csp: string): Headers {
  const headers = new Headers(incoming);
  headers.set('Content-Security-Policy', csp);
  return headers;
}

export const config = {
  // Not the build's static files: immutable, same-origin, and no nonce to give them.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
