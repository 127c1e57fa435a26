'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { createPartnerAction, updatePartnerAction } from '@/app/actions/partners';
import { Field, FormFrame, type Failure } from '@/components/workspace/form-kit';
import type { PartnerView } from '@/lib/partners/queries';
import { PARTNER_KINDS } from '@/lib/partners/schemas';

/** Adds a partner to the directory, or edits one (with `partner`). */
export function PartnerForm({ partner }: { partner?: PartnerView }) {
  const t = useTranslations('partners');
  const router = useRouter();
  const [values, setValues] = useState({
    kind: partner?.kind ?? 'COMMISSAIRE_DE_JUSTICE',
    name: partner?.name ?? '',
    courtArea: partner?.courtArea ?? '',
    departments: partner?.departments.join(', ') ?? '',
    email: partner?.email ?? '',
    phone: partner?.phone ?? '',
    address: partner?.address ?? '',
    feeTerms: partner?.feeTerms ?? '',
    active: partner?.active ?? true,
  });
  const [error, setError] = useState<Failure | null>(null);
  const [pending, start] = useTransition();
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  function submit() {
    start(async () => {
      const answer = partner
        ? await updatePartnerAction({ ...values, partnerId: partner.id })
        : await createPartnerAction(values);
      if (!answer.ok) return setError({ ...answer.error, fields: answer.error.fields ?? {} });
      setError(null);
      if (partner) router.push('/partners');
      else {
        setValues((v) => ({
          ...v,
          name: '',
          courtArea: '',
          departments: '',
          email: '',
          phone: '',
          address: '',
          feeTerms: '',
        }));
        router.refresh();
      }
    });
  }

  return (
    <FormFrame
      testId="partner-form"
      onSubmit={submit}
      error={error}
      pending={pending}
      submitLabel={partner ? t('form.save') : t('form.add')}
    >
      <Field label={t('form.kind')} name="kind" error={error}>
        {(p) => (
          <select {...p} value={values.kind} onChange={(e) => set({ kind: e.target.value as typeof values.kind })}>
            {PARTNER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('form.name')} name="name" error={error}>
        {(p) => <input {...p} value={values.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label={t('form.courtArea')} name="courtArea" error={error} hint={t('form.courtAreaHint')}>
        {(p) => <input {...p} value={values.courtArea} onChange={(e) => set({ courtArea: e.target.value })} />}
      </Field>
      <Field label={t('form.departments')} name="departments" error={error} hint={t('form.departmentsHint')}>
        {(p) => <input {...p} value={values.departments} onChange={(e) => set({ departments: e.target.value })} />}
      </Field>
      <Field label={t('form.email')} name="email" error={error}>
        {(p) => <input {...p} type="email" value={values.email} onChange={(e) => set({ email: e.target.value })} />}
      </Field>
      <Field label={t('form.phone')} name="phone" error={error}>
        {(p) => <input {...p} value={values.phone} onChange={(e) => set({ phone: e.target.value })} />}
      </Field>
      <Field label={t('form.address')} name="address" error={error} wide>
        {(p) => <input {...p} value={values.address} onChange={(e) => set({ address: e.target.value })} />}
      </Field>
      <Field label={t('form.feeTerms')} name="feeTerms" error={error} hint={t('form.feeTermsHint')} wide>
        {(p) => (
          <textarea {...p} rows={2} value={values.feeTerms} onChange={(e) => set({ feeTerms: e.target.value })} />
        )}
      </Field>
      {partner && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={values.active} onChange={(e) => set({ active: e.target.checked })} />
          {t('form.active')}
        </label>
      )}
    </FormFrame>
  );
}
