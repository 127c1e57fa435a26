import { describe, expect, it } from 'vitest';
import { clientIp } from '../../lib/net/client-ip';

const xff = (value: string | string[]) => ({ 'x-forwarded-for': value });

describe('clientIp', () => {
  it('with no proxy, takes the address Next wrote (the only, last entry)', () => {
    expect(clientIp(xff('198.51.100.7'), 0)).toBe('198.51.100.7');
    expect(clientIp(new Headers({ 'x-forwarded-for': '198.51.100.7' }), 0)).toBe('198.51.100.7');
  });

  it('never takes the first value a client wrote when a proxy appended the real one', () => {
    for (const forged of ['1.1.1.1', '127.0.0.1', '10.0.0.1, 10.0.0.2', '::1', '0.0.0.0']) {
      expect(clientIp(xff(`${forged}, 203.0.113.9`), 1)).toBe('203.0.113.9');
    }
  });

  it('counts trusted proxies from the right', () => {
    const chain = '6.6.6.6, 203.0.113.9, 10.0.0.2, 10.0.0.3';
    expect(clientIp(xff(chain), 1)).toBe('10.0.0.3');
    expect(clientIp(xff(chain), 2)).toBe('10.0.0.2');
    expect(clientIp(xff(chain), 3)).toBe('203.0.113.9');
  });

  it('joins repeated headers in order, as a proxy that adds a second header line means', () => {
    expect(clientIp(xff(['6.6.6.6', '203.0.113.9']), 1)).toBe('203.0.113.9');
    expect(clientIp(xff(['6.6.6.6, 7.7.7.7', '203.0.113.9, 10.0.0.2']), 2)).toBe('203.0.113.9');
  });

  it('answers undefined rather than guessing when the chain is shorter than the proxies', () => {
    expect(clientIp(xff('203.0.113.9'), 2)).toBeUndefined();
    expect(clientIp({}, 0)).toBeUndefined();
    expect(clientIp(undefined, 1)).toBeUndefined();
    expect(clientIp(xff(''), 0)).toBeUndefined();
    expect(clientIp(xff(' , ,'), 1)).toBeUndefined();
  });

  it('refuses entries that are not addresses: markup, SQL, names, ports, overlong text', () => {
    for (const hostile of [
      '<script>alert(1)</script>',
      "1.2.3.4' OR '1'='1",
      'unknown',
      'localhost',
      '203.0.113.9:443',
      '999.1.1.1',
      '1.2.3.4\r\nSet-Cookie: a=b',
      'a'.repeat(10_000),
      '_hidden',
    ]) {
      expect(clientIp(xff(`198.51.100.1, ${hostile}`), 1)).toBeUndefined();
    }
  });

  it('normalises IPv6 forms so one client has one key', () => {
    expect(clientIp(xff('::ffff:203.0.113.9'), 0)).toBe('203.0.113.9');
    expect(clientIp(xff('[2001:DB8::1]'), 0)).toBe('2001:db8::1');
    expect(clientIp(xff('2001:db8::1'), 1)).toBe('2001:db8::1');
  });

  it('ignores X-Real-IP and other headers a client can set', () => {
    const headers = new Headers({ 'x-real-ip': '6.6.6.6', 'x-client-ip': '6.6.6.6', 'x-forwarded-for': '203.0.113.9' });
    expect(clientIp(headers, 0)).toBe('203.0.113.9');
  });
});
