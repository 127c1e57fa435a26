import { describe, expect, it } from 'vitest';
import { computeCommission, type CommissionInput } from '../../lib/accounting/commission';
import { commissionRulesSchema, commissionTermsOf, type CommissionTerms } from '../../lib/accounting/commission-terms';

// Every expected figure below is worked out by hand in the comment beside it.

const TERMS: CommissionTerms = {
  amicableBps: 1500,
  judicialBps: 1800,
  fileFeeCents: 0,
  tiers: null,
  letterFeeCents: 0,
  minimumCents: 0,
  maximumCents: null,
  directPaymentsCommissionable: true,
  vatRateBps: 2000,
};

function commission(overrides: Partial<Omit<CommissionInput, 'terms'>> & { terms?: Partial<CommissionTerms> }) {
  const { terms, ...rest } = overrides;
  return computeCommission({
    phase: 'AMICABLE',
    direct: false,
    imputedCents: 10_000n,
    collectedBeforeCents: 0n,
    chargedBeforeCents: 0n,
    ageAtPlacementDays: 0,
    lettersUncharged: 0,
    ...rest,
    terms: { ...TERMS, ...terms },
  });
}

describe('commission: rate by phase', () => {
  it('15 % of €100 in the amicable phase is €15, VAT 20 % €3', () => {
    expect(commission({})).toMatchObject({
      baseCents: 10_000n,
      rateBps: 1500,
      commissionCents: 1_500n,
      vatCents: 300n,
    });
  });
  it('the judicial rate (18 %) once the file is judicial: €18, VAT €3.60', () => {
    expect(commission({ phase: 'JUDICIAL' })).toMatchObject({ rateBps: 1800, commissionCents: 1_800n, vatCents: 360n });
  });
  it('an amicable-only mandate keeps its amicable rate', () => {
    expect(commission({ phase: 'JUDICIAL', terms: { judicialBps: null } }).commissionCents).toBe(1_500n);
  });
});

describe('commission: rounding half up, without drift across payments', () => {
  it('15 % of €3.33 = 49.95 c → 50 c; the next €3.33 brings the file to round(99.9) = 100 c, so 50 c', () => {
    expect(commission({ imputedCents: 333n }).commissionCents).toBe(50n);
    expect(
      commission({ imputedCents: 333n, collectedBeforeCents: 333n, chargedBeforeCents: 50n }).commissionCents,
    ).toBe(50n);
  });
  it('15 % of 10 c = 1.5 c → 2 c; ten more cents: round(3) − round(1.5) = 1 c', () => {
    expect(commission({ imputedCents: 10n }).commissionCents).toBe(2n);
    expect(commission({ imputedCents: 10n, collectedBeforeCents: 10n, chargedBeforeCents: 2n }).commissionCents).toBe(
      1n,
    );
  });
  it('VAT on €12.34 is 246.8 c → 247 c; on 2 c it is 0.4 c → 0', () => {
    expect(commission({ imputedCents: 8_227n }).commissionCents).toBe(1_234n); // 8227 × 15 % = 1234.05
    expect(commission({ imputedCents: 8_227n }).vatCents).toBe(247n);
    expect(commission({ imputedCents: 10n, terms: { amicableBps: 2000 } }).vatCents).toBe(0n);
  });
});

describe('commission: tiers', () => {
  const collectedTiers: Partial<CommissionTerms> = {
    tiers: {
      basis: 'COLLECTED',
      bands: [
        { from: 0, amicableBps: 1500, judicialBps: 2000 },
        { from: 100_000, amicableBps: 1000, judicialBps: 1500 },
        { from: 500_000, amicableBps: 500, judicialBps: null },
      ],
    },
  };
  it('marginal bands: €1,500 = 15 % of €1,000 + 10 % of €500 = €200, ending in the 10 % band', () => {
    expect(commission({ imputedCents: 150_000n, terms: collectedTiers })).toMatchObject({
      commissionCents: 20_000n,
      rateBps: 1000,
    });
  });
  it('the boundary: exactly €1,000 stays in the first band (€150 at 15 %)', () => {
    expect(commission({ imputedCents: 100_000n, terms: collectedTiers })).toMatchObject({
      commissionCents: 15_000n,
      rateBps: 1500,
    });
    // One cent more: 15 % of €1,000 + 10 % of 1 c (0.1 c) = 15000.1 → 15000; still 15000 − 15000 = 0 c on that cent.
    expect(
      commission({
        imputedCents: 1n,
        collectedBeforeCents: 100_000n,
        chargedBeforeCents: 15_000n,
        terms: collectedTiers,
      }),
    ).toMatchObject({ commissionCents: 0n, rateBps: 1000 });
  });
  it('a payment crossing two bands: €4,000 after €1,500 → f(5,500) − f(1,500) = 575 − 200 = €375', () => {
    // f(5,500) = 150 + 10 % × 4,000 + 5 % × 500 = 150 + 400 + 25 = €575
    expect(
      commission({
        imputedCents: 400_000n,
        collectedBeforeCents: 150_000n,
        chargedBeforeCents: 20_000n,
        terms: collectedTiers,
      }),
    ).toMatchObject({ commissionCents: 37_500n, rateBps: 500 });
  });
  it('judicial rates of each band, the amicable one where a band has none', () => {
    // 20 % × 1,000 + 15 % × 4,000 + 5 % × 500 = 200 + 600 + 25 = €825
    expect(commission({ phase: 'JUDICIAL', imputedCents: 550_000n, terms: collectedTiers }).commissionCents).toBe(
      82_500n,
    );
  });

  const ageTiers: Partial<CommissionTerms> = {
    tiers: {
      basis: 'AGE',
      bands: [
        { from: 0, amicableBps: 1200, judicialBps: null },
        { from: 180, amicableBps: 1800, judicialBps: null },
        { from: 365, amicableBps: 2500, judicialBps: 3000 },
      ],
    },
  };
  it('by age at placement: 179 days 12 %, 180 days 18 %, 400 days 25 % (judicial 30 %)', () => {
    expect(commission({ ageAtPlacementDays: 179, terms: ageTiers }).commissionCents).toBe(1_200n);
    expect(commission({ ageAtPlacementDays: 180, terms: ageTiers }).commissionCents).toBe(1_800n);
    expect(commission({ ageAtPlacementDays: 400, terms: ageTiers }).commissionCents).toBe(2_500n);
    expect(commission({ ageAtPlacementDays: 400, phase: 'JUDICIAL', terms: ageTiers }).commissionCents).toBe(3_000n);
  });
});

describe('commission: fixed fees', () => {
  it('the fee per file (€35) comes with the first money only', () => {
    expect(commission({ terms: { fileFeeCents: 3_500 } })).toMatchObject({ commissionCents: 5_000n, feeCents: 3_500n });
    expect(
      commission({ collectedBeforeCents: 10_000n, chargedBeforeCents: 5_000n, terms: { fileFeeCents: 3_500 } }),
    ).toMatchObject({ commissionCents: 1_500n, feeCents: 0n });
  });
  it('€2.50 per letter sent and not charged yet: 3 letters add €7.50', () => {
    expect(commission({ lettersUncharged: 3, terms: { letterFeeCents: 250 } })).toMatchObject({
      commissionCents: 2_250n,
      feeCents: 750n,
      lettersCharged: 3,
    });
  });
});

describe('commission: minimum and maximum per file', () => {
  it('a €50 minimum is reached with the first money; later payments pay their rate', () => {
    expect(commission({ terms: { minimumCents: 5_000 } }).commissionCents).toBe(5_000n);
    expect(
      commission({ collectedBeforeCents: 10_000n, chargedBeforeCents: 5_000n, terms: { minimumCents: 5_000 } })
        .commissionCents,
    ).toBe(1_500n);
  });
  it('never more than the money collected: €20 paid against a €50 minimum is charged €20, the rest later', () => {
    expect(commission({ imputedCents: 2_000n, terms: { minimumCents: 5_000 } }).commissionCents).toBe(2_000n);
    // Then €100 more: rate part round(1800) − round(300) = 1500, total 3500 < 5000 → 3000 brings it to the minimum.
    expect(
      commission({ collectedBeforeCents: 2_000n, chargedBeforeCents: 2_000n, terms: { minimumCents: 5_000 } })
        .commissionCents,
    ).toBe(3_000n);
  });
  it('a €200 maximum caps the total: €190 charged, the next €15 is cut to €10, then nothing', () => {
    const terms = { maximumCents: 20_000 };
    expect(commission({ collectedBeforeCents: 200_000n, chargedBeforeCents: 19_000n, terms }).commissionCents).toBe(
      1_000n,
    );
    expect(commission({ collectedBeforeCents: 210_000n, chargedBeforeCents: 20_000n, terms })).toMatchObject({
      commissionCents: 0n,
      vatCents: 0n,
    });
  });
});

describe('commission: what is commissionable', () => {
  it('money paid straight to the creditor: charged unless the terms exclude it', () => {
    expect(commission({ direct: true }).commissionCents).toBe(1_500n);
    expect(commission({ direct: true, terms: { directPaymentsCommissionable: false } })).toMatchObject({
      baseCents: 0n,
      commissionCents: 0n,
    });
  });
  it('nothing imputed (all held as credit): nothing charged', () => {
    expect(commission({ imputedCents: 0n }).commissionCents).toBe(0n);
  });
  it('a VAT rate of 5.5 %: 1500 × 5.5 % = 82.5 → 83 c', () => {
    expect(commission({ terms: { vatRateBps: 550 } }).vatCents).toBe(83n);
  });
});

describe('commission terms as data', () => {
  it('an empty rules document is the terms every mandate had: 20 % VAT, direct payments commissionable', () => {
    expect(
      commissionTermsOf({
        commissionAmicableBps: 1500,
        commissionJudicialBps: null,
        fixedFeeCents: 0n,
        commissionRules: {},
      }),
    ).toEqual({ ...TERMS, judicialBps: null });
  });
  it('refuses bands that do not start at 0 or do not go up, a maximum below the minimum, unknown keys', () => {
    const band = (from: number) => ({ from, amicableBps: 1000, judicialBps: null });
    expect(commissionRulesSchema.safeParse({ tiers: { basis: 'AGE', bands: [band(10)] } }).success).toBe(false);
    expect(
      commissionRulesSchema.safeParse({ tiers: { basis: 'AGE', bands: [band(0), band(90), band(90)] } }).success,
    ).toBe(false);
    expect(commissionRulesSchema.safeParse({ minimumCents: 500, maximumCents: 100 }).success).toBe(false);
    expect(commissionRulesSchema.safeParse({ vatRate: 20 }).success).toBe(false);
    expect(commissionRulesSchema.safeParse({ vatRateBps: 10_001 }).success).toBe(false);
  });
});
