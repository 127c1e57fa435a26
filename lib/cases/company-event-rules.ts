import type { CompanyEventKind } from '../db/generated/enums';
import { addDays, addMonths } from '../dates/days';
import { nextWorkingDay, type HolidayOptions } from '../compliance/working-days';

// Which company events stop collection and when a claim must be declared. Pure: callers pass the days.

/**
 * Claim declaration deadline after the BODACC publication of the opening judgment (C. com. R622-24): « deux mois à
 * compter de la publication du jugement d'ouverture au Bulletin officiel des annonces civiles et commerciales »,
 * « augmenté de deux mois pour les créanciers qui ne demeurent pas » on metropolitan French territory.
 */
export const CLAIM_DECLARATION_MONTHS = 2;
export const OUTSIDE_METROPOLE_EXTRA_MONTHS = 2;

/**
 * Whether a creditor lives on metropolitan French territory, from its postcode: five digits, not an overseas one
 * (97x: DROM, Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin; 98x: Monaco, Pacific collectivities). A
 * postcode of another shape is a foreign one. Monaco (980xx) is outside the French territory too.
 */
export function livesInMetropolitanFrance(postcode: string): boolean {
  const code = postcode.replace(/\s/g, '');
  return /^\d{5}$/.test(code) && !/^9[78]/.test(code);
}

/**
 * The last day to declare a claim to the mandataire judiciaire, in the agency's calendar: the day of the month that
 * matches the publication's, or the month's last day when it has none (CPC 641), carried to the next working day
 * when it falls on a Saturday, Sunday or public holiday (CPC 642). R622-24 al. 3 (proceedings opened overseas,
 * creditor elsewhere) needs the court's seat, which is not recorded.
 */
export function claimDeclarationDeadline(
  publishedOn: string,
  creditorInMetropolitanFrance = true,
  holidays: HolidayOptions = {},
): string {
  return nextWorkingDay(addMonths(publishedOn, claimDeclarationMonths(creditorInMetropolitanFrance)), holidays);
}

/**
 * Days before the deadline the agent is alerted: the follow-up task falls due then, leaving time to gather the
 * creditor's special power and the invoices.
 */
export const DECLARATION_ALERT_DAYS = 15;

/** The day the declaration task falls due: the alert day, or today when that has passed already. */
export function declarationTaskDay(deadline: string, today: string): string {
  const alert = addDays(deadline, -DECLARATION_ALERT_DAYS);
  return alert < today ? today : alert;
}

/** Where a declaration deadline stands on `today`: late once the deadline's day is over. */
export function declarationDeadlineState(deadline: string, today: string): 'OPEN' | 'ALERT' | 'LAPSED' {
  if (today > deadline) return 'LAPSED';
  return today >= addDays(deadline, -DECLARATION_ALERT_DAYS) ? 'ALERT' : 'OPEN';
}

/** How many months after the publication a claim may be declared: 2, or 4 outside metropolitan France. */
export function claimDeclarationMonths(creditorInMetropolitanFrance = true): number {
  return CLAIM_DECLARATION_MONTHS + (creditorInMetropolitanFrance ? 0 : OUTSIDE_METROPOLE_EXTRA_MONTHS);
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
