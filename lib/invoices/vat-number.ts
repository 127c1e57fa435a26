/**
 * The French intra-EU VAT number of a company, from its nine-digit SIREN: FR, a two-digit key, the SIREN, the key
 * being (12 + 3 × (SIREN mod 97)) mod 97 (the administration's own formula).
 */
export function frenchVatNumber(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

/** A VAT number as people type it (spaces, dots, lower case), compacted; null when it is not one. */
export function compactVatNumber(value: string): string | null {
  const v = value.replace(/[\s.-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v)) return null;
  if (v.startsWith('FR')) return /^FR[0-9A-Z]{2}\d{9}$/.test(v) && checksFrench(v) ? v : null;
  return v;
}

/** A French number whose key is numeric must match its SIREN (older alphabetic keys are not checked). */
function checksFrench(v: string): boolean {
  const key = v.slice(2, 4);
  return !/^\d\d$/.test(key) || frenchVatNumber(v.slice(4)) === v;
}
