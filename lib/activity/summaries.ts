import type { CompanyEventKind, ContactKind, ContactStatus, TaskKind } from '../db/generated/enums';
import type { AnsweredBy, Channel, ContactOutcome, NonPaymentReason, Solvency } from './schemas';

// The French lines the timeline shows. Pure: callers pass the time zone for anything with a time of day.

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export function euros(cents: number): string {
  return EUROS.format(cents / 100);
}

/** '2026-12-02' → '02/12/2026'. */
export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

export function frenchDateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/** '+33612345678' → '06 12 34 56 78'; other numbers stay as stored. */
export function displayPhone(phone: string): string {
  const match = /^\+33(\d{9})$/.exec(phone);
  return match ? `0${match[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

export const CHANNEL_LABEL: Record<Channel, string> = {
  CALL: 'Appel',
  EMAIL: 'Courriel',
  VISIT: 'Visite',
  NOTE: 'Note',
};

export const ANSWERED_BY_LABEL: Record<AnsweredBy, string> = {
  DEBTOR: 'débiteur joint',
  THIRD_PARTY: 'un tiers a répondu',
  VOICEMAIL: 'messagerie',
  NOBODY: 'pas de réponse',
};

export const TASK_LABEL: Record<TaskKind, string> = {
  CALLBACK: 'Rappel',
  CALL: 'Appel',
  VISIT: 'Visite',
  DISPUTE: 'Contestation à traiter',
  INSOLVENCY_FOLLOW_UP: 'Suivi de procédure',
  REVIEW: 'À revoir',
};

export const EVENT_LABEL: Record<CompanyEventKind, string> = {
  TRANSFER: 'Cession du fonds',
  CESSATION: "Cessation d'activité",
  SAFEGUARD: 'Procédure de sauvegarde',
  RECEIVERSHIP: 'Redressement judiciaire',
  LIQUIDATION: 'Liquidation judiciaire',
  SEAT_CHANGE: 'Transfert du siège social',
  OVER_INDEBTEDNESS: 'Surendettement',
};

export const CONTACT_STATUS_LABEL: Record<ContactStatus, string> = {
  UNVERIFIED: 'non vérifié',
  VALID: 'valide',
  WRONG_NUMBER: 'faux numéro',
  RETURNED_MAIL: 'courrier retourné (NPAI)',
  DO_NOT_CONTACT: 'ne pas contacter',
};

export const CONTACT_KIND_LABEL: Record<ContactKind, string> = {
  ADDRESS: 'Adresse',
  PHONE: 'Téléphone',
  EMAIL: 'Courriel',
};

export const NON_PAYMENT_LABEL: Record<NonPaymentReason, string> = {
  DISPUTE_QUALITY: 'litige sur la qualité',
  FINANCIAL_DIFFICULTY: 'difficultés financières',
  FORGOT: 'oubli',
  CONTESTS_AMOUNT: 'conteste le montant',
  INSOLVENCY: 'insolvabilité',
  UNREACHABLE: 'injoignable',
  OTHER: 'autre',
};

export const SOLVENCY_LABEL: Record<Solvency, string> = {
  SOLVENT: 'solvable',
  UNCERTAIN: 'incertaine',
  INSOLVENT: 'insolvable',
  UNKNOWN: 'inconnue',
};

export function outcomeSummary(outcome: ContactOutcome, timeZone: string): string | null {
  switch (outcome.type) {
    case 'NONE':
      return null;
    case 'PROMISE':
      return `promesse de ${euros(outcome.amountCents)} pour le ${frenchDay(outcome.dueOn)}`;
    case 'CALLBACK':
      return `rappel prévu le ${frenchDateTime(outcome.at, timeZone)}`;
    case 'DISPUTE':
      return 'contestation de la créance';
    case 'REFUSAL':
      return 'refus de payer';
    case 'WRONG_PARTY':
      return 'faux numéro : ce n’est pas le débiteur';
  }
}

export function contactSummary(input: {
  channel: Channel;
  contactValue: string | null;
  answeredBy: AnsweredBy | null;
  outcome: ContactOutcome;
  note: string | null;
  timeZone: string;
}): string {
  const head =
    input.channel === 'CALL' && input.contactValue
      ? `Appel au ${input.contactValue}`
      : input.contactValue
        ? `${CHANNEL_LABEL[input.channel]} (${input.contactValue})`
        : CHANNEL_LABEL[input.channel];
  const parts = [
    input.answeredBy ? ANSWERED_BY_LABEL[input.answeredBy] : null,
    outcomeSummary(input.outcome, input.timeZone),
  ].filter(Boolean);
  if (parts.length === 0 && input.note) parts.push(input.note.length > 80 ? `${input.note.slice(0, 79)}…` : input.note);
  return parts.length > 0 ? `${head} — ${parts.join(', ')}` : head;
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
