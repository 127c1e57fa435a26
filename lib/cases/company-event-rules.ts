import type { CompanyEventKind } from '../db/generated/enums';
import { addDays, addMonths } from '../dates/days';
import { nextWorkingDay, type HolidayOptions } from '../compliance/working-days';

// Which company events stop collection and when a claim must be declared. Pure: callers pass the days.

/**
 * Claim declaration deadline after the BODACC publication of the opening judgment (C. com. R622-24): « deux mois à
 * compter de la publication du jugement d'ouverture au Bulletin officiel des annonces civiles et commerciales »,
 * « augmenté de deux mois » for a creditor who does not live on the territory of the court's seat (al. 2 and 3,
 * quoted and applied in lib/cases/court-seat.ts).
 */
export const CLAIM_DECLARATION_MONTHS = 2;
export const OUTSIDE_TERRITORY_EXTRA_MONTHS = 2;

/**
 * The last day to declare a claim to the mandataire judiciaire, in the court's calendar (lib/cases/court-calendar.ts): the day of the month that
 * matches the publication's, or the month's last day when it has none (CPC 641), carried to the next working day
 * when it falls on a Saturday, Sunday or public holiday (CPC 642). `extended`: the creditor does not live on the
 * territory of the court's seat (`declarationPeriodExtended`).
 */
export function claimDeclarationDeadline(publishedOn: string, extended = false, holidays: HolidayOptions = {}): string {
  return nextWorkingDay(addMonths(publishedOn, claimDeclarationMonths(extended)), holidays);
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

/** How many months after the publication a claim may be declared: 2, or 4 when the period is extended. */
export function claimDeclarationMonths(extended = false): number {
  return CLAIM_DECLARATION_MONTHS + (extended ? OUTSIDE_TERRITORY_EXTRA_MONTHS : 0);
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
