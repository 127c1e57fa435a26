import { describe, expect, it } from 'vitest';
import { normaliseAnswer, readSession, secondFactorMatches, signSession } from '../../lib/debtor-page/rules';
import { debtorPageUrl, hashLinkToken, linkToken, TOKEN_PATTERN } from '../../lib/debtor-links/token';
import {
  newReturnRef,
  providerReturnUrl,
  readReturn,
  RETURN_REF_PATTERN,
  signReturn,
} from '../../lib/debtor-page/provider-return';

const facts = { postcodes: ['69003', '75 011'], invoiceNumbers: ['FA-2026-00417', 'INV-2026-AB12', 'X1'] };

describe("the debtor page's second factor", () => {
  it('accepts the postcode written to, however it is typed', () => {
    expect(secondFactorMatches('69003', facts)).toBe(true);
    expect(secondFactorMatches(' 69 003 ', facts)).toBe(true);
    expect(secondFactorMatches('75011', facts)).toBe(true);
  });

  it('accepts the last four characters of an invoice, in any case, and nothing shorter', () => {
    expect(secondFactorMatches('0417', facts)).toBe(true);
    expect(secondFactorMatches('ab12', facts)).toBe(true);
    expect(secondFactorMatches('417', facts)).toBe(false);
    // An invoice number shorter than four characters is no secret: "X1" opens nothing.
    expect(secondFactorMatches('X1', facts)).toBe(false);
    expect(secondFactorMatches('00X1', facts)).toBe(false);
  });

  it('refuses anything else: another postcode, the whole invoice number, an empty answer', () => {
    expect(secondFactorMatches('69002', facts)).toBe(false);
    expect(secondFactorMatches('FA-2026-00417', facts)).toBe(false);
    expect(secondFactorMatches('', facts)).toBe(false);
    expect(secondFactorMatches('    ', { postcodes: [], invoiceNumbers: [] })).toBe(false);
  });

  it('normalises full-width digits and punctuation away', () => {
    expect(normaliseAnswer('６９００３')).toBe('69003');
    expect(normaliseAnswer('fa/20.26')).toBe('FA2026');
  });
});

describe("the debtor's session cookie", () => {
  const session = {
    linkId: '0b8f2a52-6a0c-4d45-9f3e-0a0d8a2c5e11',
    tenantId: '5f0c9a3e-1d2b-4c5d-8e9f-a0b1c2d3e4f5',
    expiresAt: 2_000,
  };

  it('reads back what it signed, until it expires', () => {
    const cookie = signSession('secret-one-long-enough', session);
    expect(readSession('secret-one-long-enough', cookie, 1_999)).toEqual(session);
    expect(readSession('secret-one-long-enough', cookie, 2_000)).toBeNull();
  });

  it('refuses another secret, a changed link or agency, and garbage', () => {
    const cookie = signSession('secret-one-long-enough', session);
    expect(readSession('secret-two-long-enough', cookie, 1_000)).toBeNull();
    const otherAgency = cookie.replace(session.tenantId, '5f0c9a3e-1d2b-4c5d-8e9f-a0b1c2d3e4f6');
    expect(readSession('secret-one-long-enough', otherAgency, 1_000)).toBeNull();
    const later = cookie.replace('.2000.', '.9999.');
    expect(readSession('secret-one-long-enough', later, 1_000)).toBeNull();
    expect(readSession('secret-one-long-enough', 'v1.a.b.c.d', 1_000)).toBeNull();
    expect(readSession('secret-one-long-enough', undefined, 1_000)).toBeNull();
  });
});

describe("a letter's private link", () => {
  it('is 144 bits in 24 URL-safe characters, the same each time the letter is drawn', () => {
    const token = linkToken('s3cret-for-tests', 'tenant-a', 'D0000001-1');
    expect(token).toMatch(TOKEN_PATTERN);
    expect(Buffer.from(token, 'base64url')).toHaveLength(18);
    expect(linkToken('s3cret-for-tests', 'tenant-a', 'D0000001-1')).toBe(token);
  });

  it('differs per letter, per agency and per secret', () => {
    const token = linkToken('s3cret-for-tests', 'tenant-a', 'D0000001-1');
    expect(linkToken('s3cret-for-tests', 'tenant-a', 'D0000001-2')).not.toBe(token);
    expect(linkToken('s3cret-for-tests', 'tenant-b', 'D0000001-1')).not.toBe(token);
    expect(linkToken('another-secret!!', 'tenant-a', 'D0000001-1')).not.toBe(token);
  });

  it('is stored as a 32-byte hash and printed as the page address', () => {
    expect(hashLinkToken('abc')).toHaveLength(32);
    expect(debtorPageUrl('https://app.example.fr/', 'AbC_-123456789012345678901')).toBe(
      'https://app.example.fr/d/AbC_-123456789012345678901',
    );
  });
});

describe('the way back from the payment provider', () => {
  const secret = 'unit-secret';
  const token = 'AbCdEfGhIjKlMnOpQrStUvWx';
  const ref = newReturnRef();
  const now = 1_800_000_000;
  const cookie = signReturn(secret, { ref, token, expiresAt: now + 60 });

  it('gives the provider a URL with an opaque reference and no token', () => {
    expect(ref).toMatch(RETURN_REF_PATTERN);
    const url = providerReturnUrl('https://recouvra.example.fr', ref, 'confirming');
    expect(url).toBe(`https://recouvra.example.fr/d/r/${ref}?card=confirming`);
    expect(url).not.toContain(token);
  });

  it("leads back to the link only from the debtor's own cookie, for that reference, before it expires", () => {
    expect(readReturn(secret, cookie, ref, now)).toBe(token);
    expect(readReturn(secret, cookie, newReturnRef(), now)).toBeNull();
    expect(readReturn(secret, cookie, ref, now + 60)).toBeNull();
    expect(readReturn('another-secret', cookie, ref, now)).toBeNull();
    expect(readReturn(secret, undefined, ref, now)).toBeNull();
    // Another token put in the cookie breaks its signature.
    expect(readReturn(secret, cookie.replace(token, 'XbCdEfGhIjKlMnOpQrStUvWx'), ref, now)).toBeNull();
  });
});
