import { z } from 'zod';
import { LEDGER_MESSAGES as M } from './messages';

// A mandate's commission terms (CPCE R124-3: the agency's remuneration is written in the mandate). The rate per
// phase and the fee per file are the mandate's own columns; everything else is the commission_rules document,
// validated by this schema whenever it is written or read.

const cents = z.number().int().min(0).max(1_000_000_000_00);
const bps = z.number().int().min(0).max(10_000);

/** A band of a tier table applies from `from` (cents collected on the file, or days of age at placement). */
export const commissionBandSchema = z
  .object({ from: z.number().int().min(0), amicableBps: bps, judicialBps: bps.nullable() })
  .strict();

export const commissionTiersSchema = z
  .object({
    /** COLLECTED: marginal bands on the money collected on the file; AGE: one rate by the debt's age when placed. */
    basis: z.enum(['COLLECTED', 'AGE']),
    bands: z
      .array(commissionBandSchema)
      .min(1)
      .max(10)
      .refine((b) => b[0]!.from === 0, { message: M.bands })
      .refine((b) => b.every((band, i) => i === 0 || band.from > b[i - 1]!.from), { message: M.bands }),
  })
  .strict();

/** The stored document. An empty document ({}) is the terms every mandate had before: no tiers, 20 % VAT. */
export const commissionRulesSchema = z
  .object({
    tiers: commissionTiersSchema.nullable().default(null),
    letterFeeCents: cents.default(0),
    minimumCents: cents.default(0),
    maximumCents: cents.nullable().default(null),
    /** Usual in French mandates: the agency earns its commission on money paid straight to the creditor too. */
    directPaymentsCommissionable: z.boolean().default(true),
    /** Standard French VAT rate (CGI art. 278). */
    vatRateBps: bps.default(2000),
  })
  .strict()
  .refine((r) => r.maximumCents === null || r.maximumCents >= r.minimumCents, { message: M.maximumBelowMinimum });

export type CommissionRules = z.output<typeof commissionRulesSchema>;
export type CommissionTiers = z.output<typeof commissionTiersSchema>;

export interface CommissionTerms extends CommissionRules {
  amicableBps: number;
  judicialBps: number | null;
  fileFeeCents: number;
}

/** The terms of a stored mandate: its rate and fee columns with its rules document. */
export function commissionTermsOf(mandate: {
  commissionAmicableBps: number;
  commissionJudicialBps: number | null;
  fixedFeeCents: bigint | number;
  commissionRules: unknown;
}): CommissionTerms {
  return {
    amicableBps: mandate.commissionAmicableBps,
    judicialBps: mandate.commissionJudicialBps,
    fileFeeCents: Number(mandate.fixedFeeCents),
    ...commissionRulesSchema.parse(mandate.commissionRules ?? {}),
  };
}
