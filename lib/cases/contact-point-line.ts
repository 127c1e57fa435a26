import type { ContactKind } from '../db/generated/enums';

// A contact point written on one line, as the file page, the timeline and returned mail show it.

/** '+33612345678' → '06 12 34 56 78'; other numbers stay as stored. */
export function displayPhone(phone: string): string {
  const match = /^\+33(\d{9})$/.exec(phone);
  return match ? `0${match[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

/** A contact point as one line: the number, the address or the e-mail. */
export function contactPointValue(c: {
  kind: ContactKind;
  line1: string | null;
  line2: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
}): string {
  if (c.kind === 'PHONE') return c.phone ? displayPhone(c.phone) : '';
  if (c.kind === 'EMAIL') return c.email ?? '';
  return [c.line1, c.line2, [c.postcode, c.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}
