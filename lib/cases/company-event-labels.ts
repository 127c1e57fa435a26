import type { CompanyEventKind } from '../db/generated/enums';

// What still reads as French text outside the timeline: the follow-up notes a company event leaves on its task
// (lib/cases/record-company-event.ts).

/** '2026-12-02' → '02/12/2026'. */
export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
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
