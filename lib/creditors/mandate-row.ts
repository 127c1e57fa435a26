import type { Mandate } from '../db/generated/client';
import type { ClaimNature, MandateScope, RemittanceFrequency } from '../db/generated/enums';
import { dayOf } from '../dates/days';
import { mandateState, type MandateState } from './rules';
import type { JudicialCostsBy, MandateTerms } from './schemas';
import { commissionRulesSchema, type CommissionRules } from '../accounting/commission-terms';

/** A mandate as screens and API answers show it: days as YYYY-MM-DD, money in cents, rates in basis points. */
export interface MandateView {
  id: string;
  creditorId: string;
  reference: string;
  scope: MandateScope;
  startsOn: string;
  endsOn: string | null;
  state: MandateState;
  commissionAmicableBps: number;
  commissionJudicialBps: number | null;
  judicialCostsBy: JudicialCostsBy;
  fixedFeeCents: number;
  guaranteeReference: string;
  remittanceFrequency: RemittanceFrequency;
  remittanceDeadlineDays: number;
  defaultNature: ClaimNature | null;
  contractRateBps: number | null;
  creditorIsPrivateIndividual: boolean;
  planInterestMode: 'FROZEN' | 'INCLUDED';
  planMaxMonths: number;
  planMinInstalmentCents: number;
  /** An e-mail may be the R124-4 first letter (the letter attached). */
  emailFirstLetter: boolean;
  document: { name: string; sha256: string } | null;
  /** Commission terms beyond the rates and the fee per file (lib/accounting/commission-terms.ts). */
  commissionRules: CommissionRules;
  /** Where and how its funds are remitted (issue 15); iban null until a manager records it. */
  payout: { iban: string | null; bic: string | null; mode: 'NET' | 'GROSS' };
  /** The optimistic-lock token an editor sends back with its changes. */
  updatedAt: string;
}

const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

export function termsToColumns(terms: MandateTerms) {
  return {
    reference: terms.reference,
    scope: terms.scope,
    startsOn: dateOf(terms.startsOn),
    endsOn: terms.endsOn === null ? null : dateOf(terms.endsOn),
    commissionAmicableBps: terms.commissionAmicableBps,
    commissionJudicialBps: terms.commissionJudicialBps,
    judicialCostsBy: terms.judicialCostsBy,
    fixedFeeCents: BigInt(terms.fixedFeeCents),
    guaranteeReference: terms.guaranteeReference,
    remittanceFrequency: terms.remittanceFrequency,
    remittanceDeadlineDays: terms.remittanceDeadlineDays,
    defaultNature: terms.defaultNature,
    contractRateBps: terms.contractRateBps,
    creditorIsPrivateIndividual: terms.creditorIsPrivateIndividual,
    planInterestMode: terms.planInterestMode,
    planMaxMonths: terms.planMaxMonths,
    planMinInstalmentCents: BigInt(terms.planMinInstalmentCents),
    emailFirstLetter: terms.emailFirstLetter,
  };
}

/** The terms a stored mandate holds, in the shape the schema produces, to compare an edit with. */
export function columnsToTerms(row: Mandate): MandateTerms {
  return {
    reference: row.reference,
    scope: row.scope,
    startsOn: dayOf(row.startsOn),
    endsOn: row.endsOn ? dayOf(row.endsOn) : null,
    commissionAmicableBps: row.commissionAmicableBps,
    commissionJudicialBps: row.commissionJudicialBps,
    judicialCostsBy: row.judicialCostsBy as JudicialCostsBy,
    fixedFeeCents: Number(row.fixedFeeCents),
    guaranteeReference: row.guaranteeReference,
    remittanceFrequency: row.remittanceFrequency,
    remittanceDeadlineDays: row.remittanceDeadlineDays,
    defaultNature: row.defaultNature,
    contractRateBps: row.contractRateBps,
    creditorIsPrivateIndividual: row.creditorIsPrivateIndividual,
    planInterestMode: row.planInterestMode,
    planMaxMonths: row.planMaxMonths,
    planMinInstalmentCents: Number(row.planMinInstalmentCents),
    emailFirstLetter: row.emailFirstLetter,
  };
}

export function toMandateView(row: Mandate, today: string): MandateView {
  const terms = columnsToTerms(row);
  return {
    id: row.id,
    creditorId: row.creditorId,
    ...terms,
    state: mandateState(terms, today),
    commissionRules: commissionRulesSchema.parse(row.commissionRules ?? {}),
    payout: { iban: row.payoutIban, bic: row.payoutBic, mode: row.remittanceMode },
    document:
      row.documentKey && row.documentName && row.documentSha256
        ? { name: row.documentName, sha256: row.documentSha256 }
        : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
