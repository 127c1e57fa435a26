// French company identifiers. SIREN (9 digits) names the company, SIRET (SIREN + 5-digit NIC) one of its
// establishments; both end with a Luhn check digit, which catches any single mistyped digit and most swaps.

const DIGITS = /^[0-9]+$/;

// INSEE numbers La Poste's establishments past the Luhn range: their SIRET only has a digit sum divisible by 5.
const LA_POSTE_SIREN = '356000000';

/** Luhn check over a string of digits (false for anything else, including the empty string). */
export function luhnValid(digits: string): boolean {
  if (!DIGITS.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isValidSiren(value: string): boolean {
  return value.length === 9 && luhnValid(value);
}

export function isValidSiret(value: string): boolean {
  if (value.length !== 14 || !DIGITS.test(value)) return false;
  if (luhnValid(value)) return true;
  return value.startsWith(LA_POSTE_SIREN) && digitSum(value) % 5 === 0;
}

/**
 * "732 829 320", "732.829.320" or "732829320" → "732829320"; null when it is not 9 digits once spaces
 * (\s also covers the no-break spaces French formatting uses) and dots are gone. Checks the format only:
 * pair it with isValidSiren to reject a mistyped number.
 */
export function normaliseSiren(input: string): string | null {
  const digits = input.replace(/[\s.]/g, '');
  return /^[0-9]{9}$/.test(digits) ? digits : null;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const c of digits) sum += c.charCodeAt(0) - 48;
  return sum;
}
