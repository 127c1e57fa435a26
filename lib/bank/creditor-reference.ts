import { mod97 } from './iban';

/*
 * ISO 11649 structured creditor reference: "RF", two check digits, then up to 21 letters or digits. A debtor's
 * banking app carries it unchanged in the transfer's structured remittance field, so the bank statement brings
 * back exactly what the letter's QR code held, where a typed reference comes back with typos or not at all.
 */

const BODY = /^[A-Z0-9]{1,21}$/;

export function rfReference(reference: string): string {
  const body = reference.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  if (!BODY.test(body)) throw new Error(`A creditor reference holds 1 to 21 letters or digits, not "${reference}"`);
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

export function isValidRfReference(candidate: string): boolean {
  const compact = candidate.replace(/\s+/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** The body of a valid RF reference (what the agency issued it for), or null. */
export function rfBody(candidate: string): string | null {
  const compact = candidate.replace(/\s+/g, '').toUpperCase();
  return isValidRfReference(compact) ? compact.slice(4) : null;
}

/** "RF18 D000 0123": the form a person reads, in groups of four. */
export function formatRfReference(rf: string): string {
  return rf.replace(/(.{4})/g, '$1 ').trim();
}
