'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { correctClaimAction } from '@/app/actions/file-actions';
import type { ClaimNature } from '@/lib/db/generated/enums';
import { PENALTY_BASES, penaltyBasisOf, type PenaltyBasis } from '@/lib/interest/claim-terms';
import { ClaimPicker, Field, FormFrame, useFileForm } from './form-kit';

export interface CorrectableClaim {
  id: string;
  invoiceNumber: string;
  dueOn: string;
  principalCents: number;
  nature: ClaimNature;
  contractRateBps: number | null;
  creditorIsPrivateIndividual: boolean;
}

const NATURES: readonly ClaimNature[] = ['B2B', 'CONSUMER', 'CIVIL'];

/** 123456 → "1234,56" (fr) or "1234.56" (en): what a person types, which the schema reads back. */
function decimal(hundredths: number, locale: string): string {
  const text = (hundredths / 100).toFixed(2);
  return locale === 'fr' ? text.replace('.', ',') : text;
}

function valuesOf(claim: CorrectableClaim, locale: string) {
  return {
    claimId: claim.id,
    amount: decimal(claim.principalCents, locale),
    dueOn: claim.dueOn,
    nature: claim.nature as string,
    penaltyBasis: penaltyBasisOf(claim.contractRateBps) as string,
    contractRatePercent: claim.contractRateBps ? decimal(claim.contractRateBps, locale) : '',
    creditorIsPrivateIndividual: claim.creditorIsPrivateIndividual,
    cancel: false,
    reason: '',
  };
}

/**
 * An agent's correction of one claim (lib/activity/correct-claim.ts): amount, due date, nature and interest terms,
 * or its cancellation, always with a reason. The form starts from the claim as it stands; the server records only
 * what changed, and the page is read again so every amount shows recomputed.
 */
export function ClaimCorrectionForm({
  fileId,
  version,
  claims,
  locale,
}: {
  fileId: string;
  version: number;
  claims: CorrectableClaim[];
  locale: string;
}) {
  const t = useTranslations('workspace');
  const natures = useTranslations('scenarios.natures');
  const bases = useTranslations('mandates.form.penaltyBases');
  const router = useRouter();
  const first = claims[0]!;
  const form = useFileForm(fileId, 'claim-correction', valuesOf(first, locale));
  const v = form.values;
  const claim = claims.find((c) => c.id === v.claimId) ?? first;

  function submit() {
    form.submit(
      async () =>
        await correctClaimAction({
          fileId,
          claimId: claim.id,
          expectedVersion: version,
          reason: v.reason,
          ...(v.cancel
            ? { cancel: true }
            : {
                amount: v.amount,
                dueOn: v.dueOn,
                nature: v.nature,
                penaltyBasis: v.penaltyBasis,
                ...(v.penaltyBasis === 'FIXED' ? { contractRatePercent: v.contractRatePercent } : {}),
                creditorIsPrivateIndividual: v.creditorIsPrivateIndividual,
              }),
        }),
      () => {
        form.clear();
        router.refresh();
      },
    );
  }

  const disabled = Boolean(v.cancel);
  return (
    <FormFrame
      testId="form-claim-correction"
      onSubmit={submit}
      error={form.error}
      pending={form.pending}
      submitLabel={t('claimCorrection.submit')}
    >
      <ClaimPicker
        label={t('claimCorrection.claim')}
        claims={claims}
        value={claim.id}
        error={form.error}
        wide
        onPick={(next) => form.set({ ...valuesOf(next, locale), reason: v.reason })}
      />
      <Field label={t('claimCorrection.amount')} name="amount" error={form.error}>
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            disabled={disabled}
            value={v.amount}
            onChange={(e) => form.set({ amount: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('claimCorrection.dueOn')} name="dueOn" error={form.error}>
        {(p) => (
          <input
            {...p}
            type="date"
            disabled={disabled}
            value={v.dueOn}
            onChange={(e) => form.set({ dueOn: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('claimCorrection.nature')} name="nature" error={form.error}>
        {(p) => (
          <select {...p} disabled={disabled} value={v.nature} onChange={(e) => form.set({ nature: e.target.value })}>
            {NATURES.map((n) => (
              <option key={n} value={n}>
                {natures(n)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('claimCorrection.penaltyBasis')} name="penaltyBasis" error={form.error}>
        {(p) => (
          <select
            {...p}
            disabled={disabled}
            value={v.penaltyBasis}
            onChange={(e) => form.set({ penaltyBasis: e.target.value as PenaltyBasis })}
          >
            {PENALTY_BASES.map((b) => (
              <option key={b} value={b}>
                {bases(b)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {v.penaltyBasis === 'FIXED' && (
        <Field
          label={t('claimCorrection.contractRatePercent')}
          name="contractRatePercent"
          error={form.error}
          hint={t('claimCorrection.contractRateHint')}
        >
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              disabled={disabled}
              value={v.contractRatePercent}
              onChange={(e) => form.set({ contractRatePercent: e.target.value })}
            />
          )}
        </Field>
      )}
      <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
        <input
          type="checkbox"
          disabled={disabled}
          checked={Boolean(v.creditorIsPrivateIndividual)}
          onChange={(e) => form.set({ creditorIsPrivateIndividual: e.target.checked })}
        />
        {t('claimCorrection.creditorIsPrivateIndividual')}
      </label>
      <label className="flex items-center gap-2 text-sm text-rose-800 sm:col-span-2">
        <input
          type="checkbox"
          name="cancel"
          checked={Boolean(v.cancel)}
          onChange={(e) => form.set({ cancel: e.target.checked })}
        />
        {t('claimCorrection.cancel')}
      </label>
      <Field
        label={t('claimCorrection.reason')}
        name="reason"
        error={form.error}
        hint={t('claimCorrection.reasonHint')}
        wide
      >
        {(p) => (
          <input {...p} maxLength={500} value={v.reason} onChange={(e) => form.set({ reason: e.target.value })} />
        )}
      </Field>
    </FormFrame>
  );
}
