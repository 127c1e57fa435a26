import { describe, expect, it } from 'vitest';
import { MANDATE_MESSAGES as M } from '../../lib/creditors/messages';
import { isCatalogueKey } from '../../lib/errors/describe';
import { mandateTermsSchema, percentToBps } from '../../lib/creditors/schemas';

const form = {
  reference: 'MDT-2026-001',
  scope: 'AMICABLE_AND_JUDICIAL',
  startsOn: '2026-01-01',
  endsOn: '',
  commissionAmicablePercent: '12,5',
  commissionJudicialPercent: '18',
  fixedFee: '',
  guaranteeReference: 'RCP-HISCOX-2025-00481',
  remittanceFrequency: '',
  remittanceDeadlineDays: '',
};

function fieldErrors(input: unknown): Record<string, string> {
  const result = mandateTermsSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('percentToBps', () => {
  it.each([
    ['15', 1500],
    ['12,5', 1250],
    ['12.75', 1275],
    ['0', 0],
    ['100', 10_000],
    [' 15 % ', 1500],
    [12.5, 1250],
  ] as const)('%s → %i', (input, bps) => expect(percentToBps(input)).toBe(bps));

  it.each(['-5', '100,01', '101', '12,555', 'abc', '1e2', '', '12,', ',5'])('refuses %j', (input) => {
    expect(percentToBps(input)).toBeNull();
  });
});

describe('mandateTermsSchema', () => {
  it('turns a form post into terms, with the defaults for blank fields', () => {
    expect(mandateTermsSchema.parse(form)).toEqual({
      reference: 'MDT-2026-001',
      scope: 'AMICABLE_AND_JUDICIAL',
      startsOn: '2026-01-01',
      endsOn: null,
      commissionAmicableBps: 1250,
      commissionJudicialBps: 1800,
      judicialCostsBy: 'AGENCY',
      fixedFeeCents: 0,
      guaranteeReference: 'RCP-HISCOX-2025-00481',
      remittanceFrequency: 'MONTHLY',
      remittanceDeadlineDays: 30,
      defaultNature: null,
      contractRateBps: null,
      creditorIsPrivateIndividual: false,
      planInterestMode: 'FROZEN',
      planMaxMonths: 12,
      planMinInstalmentCents: 0,
      // Not ticked: an e-mail is never the R124-4 letter unless the mandate says so (issue 14).
      emailFirstLetter: false,
    });
  });

  it('reads who advances the judicial costs: the creditor only under a judicial mandate; refuses anyone else', () => {
    expect(mandateTermsSchema.parse({ ...form, judicialCostsBy: 'CREDITOR' }).judicialCostsBy).toBe('CREDITOR');
    const amicable = { ...form, scope: 'AMICABLE', commissionJudicialPercent: '', judicialCostsBy: 'CREDITOR' };
    expect(mandateTermsSchema.parse(amicable).judicialCostsBy).toBe('AGENCY');
    const refused = mandateTermsSchema.safeParse({ ...form, judicialCostsBy: 'DEBTOR' });
    expect(refused.success ? [] : refused.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['judicialCostsBy', 'mandates.errors.judicialCostsBy'],
    ]);
  });

  it('reads the plan terms and refuses what the database would not hold, naming the field', () => {
    const terms = mandateTermsSchema.parse({
      ...form,
      planInterestMode: 'INCLUDED',
      planMaxMonths: '24',
      planMinInstalment: '50,00',
    });
    expect([terms.planInterestMode, terms.planMaxMonths, terms.planMinInstalmentCents]).toEqual(['INCLUDED', 24, 5000]);
    const refused = mandateTermsSchema.safeParse({
      ...form,
      planInterestMode: 'FLOATING',
      planMaxMonths: '61',
      planMinInstalment: '-5',
    });
    expect(refused.success).toBe(false);
    expect(Object.fromEntries(refused.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      planInterestMode: 'mandates.errors.planInterestMode',
      planMaxMonths: 'mandates.errors.planMaxMonths',
      planMinInstalment: 'mandates.errors.planMinInstalment',
    });
    for (const months of ['0', '1,5', 'douze'])
      expect(mandateTermsSchema.safeParse({ ...form, planMaxMonths: months }).success).toBe(false);
  });

  it("reads the claims' default terms: nature, penalty clause, private creditor", () => {
    // "3 × the legal rate" is stored as 0 (the floor the interest engine applies); a fixed rate as typed.
    const three = mandateTermsSchema.parse({
      ...form,
      defaultNature: 'CIVIL',
      penaltyBasis: 'THREE_TIMES_LEGAL',
      creditorIsPrivateIndividual: 'on',
    });
    expect(three).toMatchObject({ defaultNature: 'CIVIL', contractRateBps: 0, creditorIsPrivateIndividual: true });
    const fixed = mandateTermsSchema.parse({ ...form, penaltyBasis: 'FIXED', contractRatePercent: '12,5' });
    expect(fixed.contractRateBps).toBe(1250);
    // A fixed clause without its rate, or a nature the law does not know, is refused with the field named.
    expect(fieldErrors({ ...form, penaltyBasis: 'FIXED', contractRatePercent: '' })).toMatchObject({
      contractRatePercent: M.contractRate,
    });
    expect(fieldErrors({ ...form, defaultNature: 'RETAIL' })).toMatchObject({
      defaultNature: M.nature,
    });
  });

  it('takes an API body with numbers', () => {
    const terms = mandateTermsSchema.parse({
      reference: 'MDT-API',
      scope: 'AMICABLE',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      commissionAmicablePercent: 15,
      fixedFee: '1 200,50',
      guaranteeReference: 'RCP-1',
      remittanceFrequency: 'QUARTERLY',
      remittanceDeadlineDays: 15,
    });
    expect(terms).toMatchObject({ endsOn: '2026-12-31', fixedFeeCents: 120_050, remittanceDeadlineDays: 15 });
  });

  it('drops a judicial rate from an amicable-only mandate', () => {
    expect(mandateTermsSchema.parse({ ...form, scope: 'AMICABLE' }).commissionJudicialBps).toBeNull();
  });

  it('names every wrong field at once', () => {
    expect(
      fieldErrors({
        ...form,
        reference: 'x'.repeat(65),
        endsOn: '2025-12-31',
        commissionAmicablePercent: '-5',
        commissionJudicialPercent: '',
        fixedFee: '-10',
        guaranteeReference: '   ',
        remittanceFrequency: 'DAILY',
        remittanceDeadlineDays: '45',
      }),
    ).toEqual({
      reference: M.reference,
      endsOn: M.endBeforeStart,
      commissionAmicablePercent: M.percent,
      commissionJudicialPercent: M.judicialRequired,
      fixedFee: M.amount,
      guaranteeReference: M.required,
      remittanceFrequency: M.frequency,
      remittanceDeadlineDays: M.deadline,
    });
  });

  it('refuses dates that do not exist and other spellings', () => {
    expect(fieldErrors({ ...form, startsOn: '2026-02-30', endsOn: '31/12/2026' })).toEqual({
      startsOn: M.day,
      endsOn: M.day,
    });
  });

  it('refuses unknown fields from an API caller', () => {
    expect(Object.keys(fieldErrors({ ...form, tenantId: 'x' }))).toEqual(['']);
  });

  it('has a catalogue key for each message', () => {
    for (const key of Object.values(M)) expect(isCatalogueKey(key), key).toBe(true);
  });
});
