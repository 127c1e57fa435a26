import type { CompanyEventKind } from '../db/generated/enums';
import { zonedParts } from '../compliance/zoned-time';
import { addMonths } from '../dates/days';

// Pure rules of the agent's work on a file: calendar arithmetic in the agency's time zone, how an outcome
// moves the file's status, which company events stop collection. No I/O, no clock: callers pass `today`/`now`.

/** How far ahead an agent may take a promise or schedule a callback (days). */
export const PROMISE_HORIZON_DAYS = 90;
export const CALLBACK_HORIZON_DAYS = 90;
/** Days given to answer a dispute before its task shows as late. */
export const DISPUTE_ANSWER_DAYS = 2;
/** A promise is broken once its due day and one day of grace have passed without a covering payment. */
export const PROMISE_GRACE_DAYS = 1;
/**
 * Claim declaration deadline after the BODACC publication of the opening judgment: 2 months
 * (Code de commerce L622-24 and R622-24; 4 months for a creditor established outside metropolitan France).
 */
export const CLAIM_DECLARATION_MONTHS = 2;
/**
 * The house default for contact hours (DOMAIN.md, ethics: no contact at night or on Sundays), in agency time.
 * Public holidays come with the compliance calendars of the scenario engine.
 */
export const CONTACT_HOURS = { fromMinutes: 8 * 60, toMinutes: 20 * 60 } as const;

/**
 * The last day to declare a claim to the mandataire judiciaire. Art. 642 CPC would carry a deadline falling on
 * a Saturday, Sunday or holiday to the next working day; the task keeps the earlier date, never a late one.
 */
export function claimDeclarationDeadline(publishedOn: string): string {
  return addMonths(publishedOn, CLAIM_DECLARATION_MONTHS);
}

/** Monday to Saturday, 08:00 to 20:00 agency time. */
export function withinContactHours(at: Date, timeZone: string): boolean {
  const { weekday, minutes } = zonedParts(at, timeZone);
  return weekday !== 0 && minutes >= CONTACT_HOURS.fromMinutes && minutes <= CONTACT_HOURS.toMinutes;
}

/** Collective proceedings (sauvegarde, redressement, liquidation judiciaire): Code de commerce L620-1 ff. */
export const INSOLVENCY_KINDS: readonly CompanyEventKind[] = ['SAFEGUARD', 'RECEIVERSHIP', 'LIQUIDATION'];

export function isInsolvency(kind: CompanyEventKind): boolean {
  return INSOLVENCY_KINDS.includes(kind);
}

/**
 * Events after which no individual collection may go on: the opening judgment of collective proceedings
 * (Code de commerce L622-21) or a debtor admitted to over-indebtedness (Code de la consommation L722-2).
 */
export function stopsCollection(kind: CompanyEventKind): boolean {
  return isInsolvency(kind) || kind === 'OVER_INDEBTEDNESS';
}

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
