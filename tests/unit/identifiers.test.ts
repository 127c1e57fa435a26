import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret, luhnValid, normaliseSiren } from '../../lib/cases/identifiers';

describe('luhnValid', () => {
  it('accepts digit strings whose Luhn sum is a multiple of 10', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('0')).toBe(true);
  });

  it('refuses a changed digit, letters and the empty string', () => {
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('7992739871a')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('isValidSiren', () => {
  it('accepts real SIRENs', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('552100554')).toBe(true);
  });

  it('refuses one changed digit', () => {
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('552100564')).toBe(false);
  });

  it('refuses two neighbouring digits swapped', () => {
    expect(isValidSiren('738229320')).toBe(false);
  });

  it('refuses the wrong length, letters, spaces and a SIRET', () => {
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('7328293200')).toBe(false);
    expect(isValidSiren('73282932O')).toBe(false);
    expect(isValidSiren('732 829 320')).toBe(false);
    expect(isValidSiren('73282932000074')).toBe(false);
  });
});

describe('isValidSiret', () => {
  it('accepts real SIRETs', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('55210055400013')).toBe(true);
  });

  it('refuses one changed digit, the wrong length and letters', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000740')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
    expect(isValidSiret('732829320')).toBe(false);
  });

  it('accepts La Poste establishments by their digit sum, which is how INSEE numbers them', () => {
    expect(isValidSiret('35600000000048')).toBe(true); // head office, Luhn-valid
    expect(luhnValid('35600000000010')).toBe(false);
    expect(isValidSiret('35600000000010')).toBe(true); // digit sum 15
    expect(isValidSiret('35600000000019')).toBe(false); // digit sum 24, not Luhn either
  });
});

describe('normaliseSiren', () => {
  it('strips the spaces and dots people type', () => {
    expect(normaliseSiren('732 829 320')).toBe('732829320');
    expect(normaliseSiren('732.829.320')).toBe('732829320');
    expect(normaliseSiren(' 732829320 ')).toBe('732829320');
    expect(normaliseSiren('732\u00a0829\u202f320')).toBe('732829320');
  });

  it('answers null when what is left is not nine digits', () => {
    expect(normaliseSiren('732 829 32')).toBeNull();
    expect(normaliseSiren('73282932000074')).toBeNull();
    expect(normaliseSiren('732-829-320')).toBeNull();
    expect(normaliseSiren('ABC DEF GHI')).toBeNull();
    expect(normaliseSiren('')).toBeNull();
  });

  it('checks the format only: a mistyped number still normalises', () => {
    expect(normaliseSiren('732 829 321')).toBe('732829321');
    expect(isValidSiren('732829321')).toBe(false);
  });
});
