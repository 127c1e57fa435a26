import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from '../../lib/http/same-origin';

function request(method: string, path: string, headers: Record<string, string>) {
  return {
    method,
    url: `http://recouvra.example${path}`,
    headers: new Headers({ host: 'recouvra.example', ...headers }),
  };
}

describe('crossSiteRefusal', () => {
  it('lets reads through whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(crossSiteRefusal(request(method, '/api/files', { 'sec-fetch-site': 'cross-site' }))).toBeNull();
    }
  });

  it('refuses a write a browser marks as cross-site or same-site, even with a forged matching Origin', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      for (const site of ['cross-site', 'same-site']) {
        const forged = request(method, '/api/imports', { 'sec-fetch-site': site, origin: 'http://recouvra.example' });
        expect(crossSiteRefusal(forged)).toBe('cross-site');
      }
    }
  });

  it('lets a same-origin write through', () => {
    expect(crossSiteRefusal(request('POST', '/api/imports', { 'sec-fetch-site': 'same-origin' }))).toBeNull();
    expect(crossSiteRefusal(request('POST', '/api/imports', { origin: 'http://recouvra.example' }))).toBeNull();
    expect(crossSiteRefusal(request('POST', '/api/imports', { origin: 'http://RECOUVRA.example' }))).toBeNull();
  });

  it('without Sec-Fetch-Site, refuses any Origin that is not this host', () => {
    for (const origin of [
      'https://evil.example',
      'http://recouvra.example.evil.example',
      'http://evil.example@recouvra.example.evil.example',
      'http://recouvra.example:8443',
      'http://sub.recouvra.example',
      'null',
      'javascript:alert(1)',
      '',
      'not a url',
    ]) {
      expect(crossSiteRefusal(request('POST', '/api/registered-mail', { origin }))).toBe('foreign-origin');
    }
  });

  it('reads the host the browser addressed through a proxy from X-Forwarded-Host', () => {
    const proxied = request('POST', '/api/imports', {
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'app.recouvra.example',
      origin: 'https://app.recouvra.example',
    });
    expect(crossSiteRefusal(proxied)).toBeNull();
  });

  it('lets a request with neither header through: no browser sent it, so it forges nothing', () => {
    expect(crossSiteRefusal(request('POST', '/api/imports', {}))).toBeNull();
  });

  it('exempts only next-auth and the Bearer-key intake API', () => {
    const hostile = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
    expect(crossSiteRefusal(request('POST', '/api/auth/callback/credentials', hostile))).toBeNull();
    expect(crossSiteRefusal(request('POST', '/api/intake/claims', hostile))).toBeNull();
    for (const path of ['/api/authx', '/api/intakeclaims', '/api/imports/x/confirm', '/files/1', '/', '/api/auth']) {
      expect(crossSiteRefusal(request('POST', path, hostile))).toBe('cross-site');
    }
  });
});
