import type { CompanyEventKind } from '../db/generated/enums';
import { addMonths } from '../dates/days';

// Which company events stop collection and when a claim must be declared. Pure: callers pass the days.

/**
 * Claim declaration deadline after the BODACC publication of the opening judgment: 2 months
 * (Code de commerce L622-24 and R622-24; 4 months for a creditor established outside metropolitan France).
 */
export const CLAIM_DECLARATION_MONTHS = 2;
/**
 * The last day to declare a claim to the mandataire judiciaire. Art. 642 CPC would carry a deadline falling on
 * a Saturday, Sunday or holiday to the next working day; the task keeps the earlier date, never a late one.
 */
export function claimDeclarationDeadline(publishedOn: string): string {
  return addMonths(publishedOn, CLAIM_DECLARATION_MONTHS);
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
