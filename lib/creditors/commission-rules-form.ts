import { z } from 'zod';
import { commissionRulesSchema, type CommissionRules } from '../accounting/commission-terms';
import { LEDGER_MESSAGES as M } from '../accounting/messages';
import { keyWith } from '../errors/keys';
import { bool, optional } from '../forms/fields';
import { parseAmountToCents } from '../money/parse-amount';
import { percentToBps } from './schemas';

// The manager's form for a mandate's commission terms beyond the rate per phase and the fee per file (those stay
// in the mandate form). Tiers are typed one band per line, "from; amicable %; judicial %", the way a mandate
// writes them; the judicial rate may be left out. `from` is euros collected or days of age at placement.

export const COMMISSION_FORM_FIELDS = [
  'tiersBasis',
  'tiers',
  'letterFee',
  'minimum',
  'maximum',
  'directPaymentsCommissionable',
  'vatPercent',
] as const;

const euros = z.union([z.string(), z.number()], { error: M.amount }).transform((v, ctx) => {
  const cents = parseAmountToCents(v);
  if (cents === null || cents < 0) ctx.addIssue({ code: 'custom', message: M.amount });
  return cents ?? 0;
});

const vat = z.union([z.string(), z.number()], { error: M.vat }).transform((v, ctx) => {
  const bps = percentToBps(v);
  if (bps === null) ctx.addIssue({ code: 'custom', message: M.vat });
  return bps ?? 0;
});

function parseBands(text: string, basis: 'COLLECTED' | 'AGE', ctx: z.RefinementCtx) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const bands = lines.map((line, i) => {
    const [from, amicable, judicial, ...rest] = line.split(';').map((s) => s.trim());
    const fromValue =
      basis === 'COLLECTED' ? parseAmountToCents(from ?? '') : /^\d{1,5}$/.test(from ?? '') ? Number(from) : null;
    const amicableBps = percentToBps(amicable ?? '');
    const judicialBps = judicial ? percentToBps(judicial) : null;
    if (
      rest.length > 0 ||
      fromValue === null ||
      fromValue < 0 ||
      amicableBps === null ||
      (judicial && judicialBps === null)
    ) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: keyWith(M.band, { row: i + 1 }) });
      return null;
    }
    return { from: fromValue, amicableBps, judicialBps };
  });
  return bands.every((b) => b !== null) ? bands : null;
}

export const commissionRulesFormSchema = z
  .object({
    tiersBasis: optional(z.enum(['COLLECTED', 'AGE'], { error: M.basis })),
    tiers: optional(z.string({ error: M.bands }).max(2_000, M.bands)),
    letterFee: optional(euros),
    minimum: optional(euros),
    maximum: optional(euros),
    directPaymentsCommissionable: bool,
    vatPercent: optional(vat),
  })
  .strict()
  .transform((v, ctx): CommissionRules => {
    let tiers: CommissionRules['tiers'] = null;
    if (v.tiersBasis) {
      const bands = parseBands(v.tiers ?? '', v.tiersBasis, ctx);
      if (bands) {
        const checked = commissionRulesSchema.safeParse({ tiers: { basis: v.tiersBasis, bands } });
        if (checked.success) tiers = checked.data.tiers;
        else ctx.addIssue({ code: 'custom', path: ['tiers'], message: M.bands });
      }
    }
    const rules = {
      tiers,
      letterFeeCents: v.letterFee ?? 0,
      minimumCents: v.minimum ?? 0,
      maximumCents: v.maximum ?? null,
      directPaymentsCommissionable: v.directPaymentsCommissionable ?? false,
      vatRateBps: v.vatPercent ?? 2000,
    };
    if (rules.maximumCents !== null && rules.maximumCents < rules.minimumCents) {
      ctx.addIssue({ code: 'custom', path: ['maximum'], message: M.maximumBelowMinimum });
    }
    return rules;
  });

/** 1250 → "12,5" (fr) or "12.5" (en): what a person types, which the schema reads back. */
function decimal(hundredths: number, locale: 'fr' | 'en'): string {
  const text = (hundredths / 100).toFixed(2).replace(/\.?0+$/, '');
  return locale === 'fr' ? text.replace('.', ',') : text;
}

/** Stored rules as the form's initial values. */
export function commissionRulesFormValues(
  rules: CommissionRules,
  locale: 'fr' | 'en',
): Record<(typeof COMMISSION_FORM_FIELDS)[number], string> {
  const basis = rules.tiers?.basis ?? '';
  return {
    tiersBasis: basis,
    tiers: (rules.tiers?.bands ?? [])
      .map((b) =>
        [
          basis === 'COLLECTED' ? decimal(b.from, locale) : String(b.from),
          decimal(b.amicableBps, locale),
          b.judicialBps === null ? '' : decimal(b.judicialBps, locale),
        ]
          .join(' ; ')
          .replace(/ ; $/, ''),
      )
      .join('\n'),
    letterFee: rules.letterFeeCents ? decimal(rules.letterFeeCents, locale) : '',
    minimum: rules.minimumCents ? decimal(rules.minimumCents, locale) : '',
    maximum: rules.maximumCents === null ? '' : decimal(rules.maximumCents, locale),
    directPaymentsCommissionable: rules.directPaymentsCommissionable ? 'on' : '',
    vatPercent: decimal(rules.vatRateBps, locale),
  };
}
