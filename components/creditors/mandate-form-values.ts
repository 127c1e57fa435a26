import type { MandateView } from '@/lib/creditors/queries';
import type { Locale } from '@/lib/i18n/locales';
import { penaltyBasisOf } from '@/lib/interest/claim-terms';
import type { MandateFormValues } from './mandate-form-state';

/** 1250 → "12,5" (fr) or "12.5" (en): what a person types, which the schema reads back. */
function decimal(hundredths: number, locale: Locale): string {
  const text = (hundredths / 100).toFixed(2).replace(/\.?0+$/, '');
  return locale === 'fr' ? text.replace('.', ',') : text;
}

/** A stored mandate as the edit form's initial field values. */
export function mandateFormValues(m: MandateView, locale: Locale): MandateFormValues {
  return {
    reference: m.reference,
    scope: m.scope,
    startsOn: m.startsOn,
    endsOn: m.endsOn ?? '',
    commissionAmicablePercent: decimal(m.commissionAmicableBps, locale),
    commissionJudicialPercent: m.commissionJudicialBps === null ? '' : decimal(m.commissionJudicialBps, locale),
    judicialCostsBy: m.judicialCostsBy,
    fixedFee: m.fixedFeeCents === 0 ? '' : decimal(m.fixedFeeCents, locale),
    guaranteeReference: m.guaranteeReference,
    remittanceFrequency: m.remittanceFrequency,
    remittanceDeadlineDays: String(m.remittanceDeadlineDays),
    defaultNature: m.defaultNature ?? '',
    penaltyBasis: penaltyBasisOf(m.contractRateBps),
    contractRatePercent: m.contractRateBps ? decimal(m.contractRateBps, locale) : '',
    creditorIsPrivateIndividual: m.creditorIsPrivateIndividual ? 'on' : '',
    planInterestMode: m.planInterestMode,
    planMaxMonths: String(m.planMaxMonths),
    planMinInstalment: m.planMinInstalmentCents === 0 ? '' : decimal(m.planMinInstalmentCents, locale),
    emailFirstLetter: m.emailFirstLetter ? 'on' : '',
  };
}
