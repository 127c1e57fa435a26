/**
 * French numbers to E.164: "06 12 34 56 78", "06.12.34.56.78", "+33 (0)6 12 34 56 78", "0033612345678" →
 * "+33612345678"; other international numbers written with + or 00 are kept as digits. Null for anything else.
 */
export function normaliseFrenchPhone(input: string): string | null {
  const compact = input.trim().replace(/^\+33\s*\(0\)/, '+33');
  if (!/^[+\d\s.()/-]+$/.test(compact)) return null;
  const digits = compact.replace(/[\s.()/-]/g, '');
  const international = digits.startsWith('+') ? digits.slice(1) : digits.startsWith('00') ? digits.slice(2) : null;
  if (international !== null) {
    if (!/^\d{8,15}$/.test(international)) return null;
    if (international.startsWith('33')) return /^33[1-9]\d{8}$/.test(international) ? `+${international}` : null;
    return `+${international}`;
  }
  return /^0[1-9]\d{8}$/.test(digits) ? `+33${digits.slice(1)}` : null;
}
