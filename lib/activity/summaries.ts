import type { CompanyEventKind, ContactKind } from '../db/generated/enums';

// What still reads as French text outside the timeline: the follow-up notes a company event leaves on its task
// (lib/cases/record-company-event.ts), and a contact point written on one line.

/** '2026-12-02' → '02/12/2026'. */
export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** '+33612345678' → '06 12 34 56 78'; other numbers stay as stored. */
export function displayPhone(phone: string): string {
  const match = /^\+33(\d{9})$/.exec(phone);
  return match ? `0${match[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

export const EVENT_LABEL: Record<CompanyEventKind, string> = {
  TRANSFER: 'Cession du fonds',
  CESSATION: "Cessation d'activité",
  SAFEGUARD: 'Procédure de sauvegarde',
  RECEIVERSHIP: 'Redressement judiciaire',
  LIQUIDATION: 'Liquidation judiciaire',
  SEAT_CHANGE: 'Transfert du siège social',
  OVER_INDEBTEDNESS: 'Surendettement',
};

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
