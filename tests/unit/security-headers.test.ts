import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders } from '../../lib/http/security-headers';

describe('security headers', () => {
  it('gives every response its own unguessable nonce', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it('lets scripts run only with the nonce, never inline or evaluated in production', () => {
    const csp = contentSecurityPolicy('abc123');
    const script = csp.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(script).toContain(`'nonce-abc123'`);
    expect(script).not.toContain('unsafe-inline');
    expect(script).not.toContain('unsafe-eval');
    expect(csp).toContain(`frame-ancestors 'none'`);
    expect(csp).toContain(`object-src 'none'`);
  });

  it('sends HSTS only over https', () => {
    expect(securityHeaders('n', { https: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders('n', { https: true })['Strict-Transport-Security']).toMatch(/^max-age=\d{7,}/);
  });
});
