import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newTotpSecret,
  otpauthUri,
  totpCode,
  TOTP,
} from '@/lib/accounts/totp';

// RFC 4226 appendix D and RFC 6238 appendix B (SHA-1): the codes every authenticator app computes.
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP against the RFCs', () => {
  it('computes RFC 4226’s HOTP values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_SECRET, counter))).toEqual(expected);
  });

  it('computes RFC 6238’s 8-digit SHA-1 values at its test times', () => {
    const base32 = base32Encode(RFC_SECRET);
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(totpCode(base32, new Date(seconds * 1000), 8)).toBe(code);
  });

  it('round-trips base32 (RFC 4648 examples) and refuses other characters', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(TOTP.secretBytes);
  });
});

describe('matching a typed code', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-12-07T21:00:10Z');
  const step = Math.floor(now.getTime() / 30_000);

  it('accepts the current code and one step either side, and says which step it was', () => {
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
  });

  it('refuses an expired code, another secret’s code and anything not six digits', () => {
    expect(matchTotp(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now)).toBeNull();
    expect(matchTotp(secret, totpCode(newTotpSecret(), now), now)).toBeNull();
    for (const typed of ['', '12345', '1234567', 'abcdef', ' 123456']) expect(matchTotp(secret, typed, now)).toBeNull();
  });

  it('writes the otpauth URI apps read from the QR code', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'admin@alpha.demo');
    expect(uri).toBe(
      'otpauth://totp/Recouvra%3Aadmin%40alpha.demo?secret=JBSWY3DPEHPK3PXP&issuer=Recouvra&algorithm=SHA1&digits=6&period=30',
    );
  });
});
