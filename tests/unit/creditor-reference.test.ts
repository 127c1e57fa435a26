import { describe, expect, it } from 'vitest';
import { formatRfReference, isValidRfReference, rfBody, rfReference } from '../../lib/bank/creditor-reference';
import { isValidBic, isValidIban, mod97 } from '../../lib/bank/iban';

describe('ISO 11649 creditor reference', () => {
  it('gives the check digits of the standard example', () => {
    // ISO 11649 annex: "539007547034" → RF18 5390 0754 7034.
    expect(rfReference('539007547034')).toBe('RF18539007547034');
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  it('computes check digits by hand for a file reference', () => {
    // D0001234 + RF00 → 13 0001234 27 15 00 → 1300012342715 00; 130001234271500 mod 97 = 45 → 98 − 45 = 53.
    expect(mod97('130001234271500')).toBe(45);
    expect(rfReference('D0001234')).toBe('RF53D0001234');
    expect(isValidRfReference('RF53D0001234')).toBe(true);
  });

  it('keeps leading zeros of single-digit check values', () => {
    const found = ['A', 'B1', 'X99', 'D0000001', 'D0000002', 'D0000003', 'D0000004', 'D0000005', 'D0000006']
      .map(rfReference)
      .filter((rf) => rf.slice(2, 4).startsWith('0'));
    for (const rf of found) expect(isValidRfReference(rf)).toBe(true);
    for (const rf of ['A', 'B1', 'X99'].map(rfReference)) expect(rf).toMatch(/^RF\d{2}/);
  });

  it('refuses a typo, a swap and a bad shape', () => {
    expect(isValidRfReference('RF53D0001235')).toBe(false);
    expect(isValidRfReference('RF53D0001243')).toBe(false);
    expect(isValidRfReference('RF52D0001234')).toBe(false);
    expect(isValidRfReference('RF2')).toBe(false);
    expect(isValidRfReference(`RF00${'1'.repeat(22)}`)).toBe(false);
    expect(rfBody('rf53 d000 1234')).toBe('D0001234');
    expect(rfBody('RF54D0001234')).toBeNull();
    expect(() => rfReference('x'.repeat(22))).toThrow();
    expect(() => rfReference('--')).toThrow();
  });
});

describe('IBAN and BIC', () => {
  it('checks the ISO 13616 remainder and the BIC shape', () => {
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(isValidIban('FR7630006000011234567890198')).toBe(false);
    expect(isValidBic('AGRIFRPP')).toBe(true);
    expect(isValidBic('agrifrppxxx')).toBe(true);
    expect(isValidBic('AGRIFRP')).toBe(false);
    expect(isValidBic('1GRIFRPP')).toBe(false);
  });
});
