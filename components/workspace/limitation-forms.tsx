'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { noteLimitationEventAction, setLimitationBasisAction } from '@/app/actions/file-actions';
import { LIMITATION_NOTE_KINDS, type LimitationNoteKind } from '@/lib/cases/limitation-event-schema';
import { LIMITATION_BASES, type LimitationBasis } from '@/lib/compliance/limitation';
import { ClaimPicker, Field, FormFrame, useFileForm } from './form-kit';

export interface LimitationClaim {
  id: string;
  invoiceNumber: string;
  limitationBasis: LimitationBasis;
  limitationStartsOn: string;
}

/**
 * An agent sets one claim's limitation basis, and the day it runs from, with a reason
 * (lib/cases/set-limitation-basis.ts); the page is read again so the claim's date shows recomputed.
 */
export function LimitationBasisForm({
  fileId,
  version,
  claims,
}: {
  fileId: string;
  version: number;
  claims: LimitationClaim[];
}) {
  const t = useTranslations('workspace');
  const router = useRouter();
  const first = claims[0]!;
  const valuesOf = (c: LimitationClaim) => ({ claimId: c.id, basis: c.limitationBasis as string, startsOn: '' });
  const form = useFileForm(fileId, 'limitation-basis', { ...valuesOf(first), reason: '' });
  const v = form.values;
  const claim = claims.find((c) => c.id === v.claimId) ?? first;

  function submit() {
    form.submit(
      async () =>
        await setLimitationBasisAction({
          fileId,
          claimId: claim.id,
          expectedVersion: version,
          basis: v.basis,
          startsOn: v.startsOn,
          reason: v.reason,
        }),
      () => {
        form.clear();
        router.refresh();
      },
    );
  }

  return (
    <FormFrame
      testId="form-limitation-basis"
      onSubmit={submit}
      error={form.error}
      pending={form.pending}
      submitLabel={t('limitation.basisSubmit')}
    >
      <ClaimPicker
        label={t('limitation.claim')}
        claims={claims}
        value={claim.id}
        error={form.error}
        onPick={(next) => form.set({ ...valuesOf(next), reason: v.reason })}
      />
      <Field label={t('limitation.basis')} name="basis" error={form.error}>
        {(p) => (
          <select {...p} value={v.basis} onChange={(e) => form.set({ basis: e.target.value })}>
            {LIMITATION_BASES.map((b) => (
              <option key={b} value={b}>
                {t(`claims.basis.${b}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('limitation.startsOn')}
        name="startsOn"
        error={form.error}
        hint={`${t('limitation.startsOnHint')} (${claim.limitationStartsOn})`}
        wide
      >
        {(p) => (
          <input {...p} type="date" value={v.startsOn} onChange={(e) => form.set({ startsOn: e.target.value })} />
        )}
      </Field>
      <Field label={t('limitation.reason')} name="reason" error={form.error} hint={t('limitation.reasonHint')} wide>
        {(p) => (
          <input {...p} maxLength={500} value={v.reason} onChange={(e) => form.set({ reason: e.target.value })} />
        )}
      </Field>
    </FormFrame>
  );
}

/**
 * An agent records what moved the claims' limitation (lib/cases/note-limitation-event.ts): a written
 * acknowledgment, a court action, a mediation or the small-claims procedure starting or ending. No claim ticked:
 * every claim of the file.
 */
export function LimitationEventForm({
  fileId,
  version,
  claims,
}: {
  fileId: string;
  version: number;
  claims: LimitationClaim[];
}) {
  const t = useTranslations('workspace');
  const router = useRouter();
  const form = useFileForm(fileId, 'limitation-event', {
    kind: 'WRITTEN_ACKNOWLEDGMENT',
    on: '',
    endsOn: '',
    claimIds: '',
    note: '',
  });
  const v = form.values;
  const ticked = new Set(String(v.claimIds).split(',').filter(Boolean));

  function toggle(id: string, on: boolean) {
    const next = new Set(ticked);
    if (on) next.add(id);
    else next.delete(id);
    form.set({ claimIds: [...next].join(',') });
  }

  function submit() {
    form.submit(
      async () =>
        await noteLimitationEventAction({
          fileId,
          expectedVersion: version,
          kind: v.kind,
          on: v.on,
          endsOn: v.kind === 'SUSPENSION' ? v.endsOn : '',
          ...(ticked.size > 0 ? { claimIds: [...ticked] } : {}),
          note: v.note,
        }),
      () => {
        form.clear();
        router.refresh();
      },
    );
  }

  return (
    <FormFrame
      testId="form-limitation-event"
      onSubmit={submit}
      error={form.error}
      pending={form.pending}
      submitLabel={t('limitation.eventSubmit')}
    >
      <Field label={t('limitation.kind')} name="kind" error={form.error} wide>
        {(p) => (
          <select
            {...p}
            value={String(v.kind)}
            onChange={(e) => form.set({ kind: e.target.value as LimitationNoteKind })}
          >
            {LIMITATION_NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`limitation.kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('limitation.on')} name="on" error={form.error}>
        {(p) => <input {...p} type="date" value={String(v.on)} onChange={(e) => form.set({ on: e.target.value })} />}
      </Field>
      {v.kind === 'SUSPENSION' && (
        <Field label={t('limitation.endsOn')} name="endsOn" error={form.error} hint={t('limitation.endsOnHint')}>
          {(p) => (
            <input {...p} type="date" value={String(v.endsOn)} onChange={(e) => form.set({ endsOn: e.target.value })} />
          )}
        </Field>
      )}
      {claims.length > 1 && (
        <fieldset className="sm:col-span-2">
          <legend className="block text-xs font-medium text-slate-600">{t('limitation.claims')}</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {claims.map((c) => (
              <label key={c.id} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={ticked.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                <span className="font-mono text-xs">{c.invoiceNumber}</span>
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-500">{t('limitation.claimsHint')}</p>
          {form.error?.fields.claimIds && (
            <p className="mt-1 text-xs text-rose-700" data-field-error="claimIds">
              {form.error.fields.claimIds}
            </p>
          )}
        </fieldset>
      )}
      <Field label={t('limitation.note')} name="note" error={form.error} wide>
        {(p) => (
          <input {...p} maxLength={500} value={String(v.note)} onChange={(e) => form.set({ note: e.target.value })} />
        )}
      </Field>
    </FormFrame>
  );
}
