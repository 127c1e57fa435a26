'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { handOverFileAction, recordPartnerDocumentAction } from '@/app/actions/partners';
import { Choices, Field, FormFrame, type Failure } from './form-kit';

type PartnerOption = { id: string; label: string };

/** Sends the file's pack to a partner of the directory. */
export function HandOverForm({ fileId, partners }: { fileId: string; partners: PartnerOption[] }) {
  const t = useTranslations('partners');
  const router = useRouter();
  const [partnerId, setPartnerId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<Failure | null>(null);
  const [pending, start] = useTransition();
  return (
    <FormFrame
      testId="handover-form"
      onSubmit={() =>
        start(async () => {
          const answer = await handOverFileAction({ fileId, partnerId, note });
          if (!answer.ok) return setError({ ...answer.error, fields: answer.error.fields ?? {} });
          setError(null);
          setNote('');
          router.refresh();
        })
      }
      error={error}
      pending={pending}
      submitLabel={t('handover.submit')}
    >
      <Field label={t('handover.partner')} name="partnerId" error={error}>
        {(p) => (
          <select {...p} value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
            <option value="">{t('handover.choose')}</option>
            {partners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('handover.note')} name="note" error={error}>
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </FormFrame>
  );
}

/** Logs a partner's report or invoice (an invoice's amount becomes a cost of the file). */
export function PartnerDocumentForm({
  fileId,
  partners,
  today,
}: {
  fileId: string;
  partners: PartnerOption[];
  today: string;
}) {
  const t = useTranslations('partners');
  const router = useRouter();
  const [v, setV] = useState({
    partnerId: '',
    kind: '' as '' | 'REPORT' | 'INVOICE',
    receivedOn: today,
    reference: '',
    amount: '',
    note: '',
  });
  const [error, setError] = useState<Failure | null>(null);
  const [pending, start] = useTransition();
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  return (
    <FormFrame
      testId="partner-document-form"
      onSubmit={() =>
        start(async () => {
          const answer = await recordPartnerDocumentAction({ fileId, ...v });
          if (!answer.ok) return setError({ ...answer.error, fields: answer.error.fields ?? {} });
          setError(null);
          setV((x) => ({ ...x, reference: '', amount: '', note: '' }));
          router.refresh();
        })
      }
      error={error}
      pending={pending}
      submitLabel={t('records.submit')}
    >
      <Field label={t('handover.partner')} name="partnerId" error={error}>
        {(p) => (
          <select {...p} value={v.partnerId} onChange={(e) => set({ partnerId: e.target.value })}>
            <option value="">{t('handover.choose')}</option>
            {partners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Choices
        legend={t('records.kind')}
        name="kind"
        value={v.kind}
        options={(['REPORT', 'INVOICE'] as const).map((k) => ({ value: k, label: t(`records.kinds.${k}`) }))}
        onChange={(kind) => set({ kind })}
        error={error}
      />
      <Field label={t('records.receivedOn')} name="receivedOn" error={error}>
        {(p) => <input {...p} type="date" value={v.receivedOn} onChange={(e) => set({ receivedOn: e.target.value })} />}
      </Field>
      <Field label={t('records.reference')} name="reference" error={error}>
        {(p) => <input {...p} value={v.reference} onChange={(e) => set({ reference: e.target.value })} />}
      </Field>
      {v.kind === 'INVOICE' && (
        <Field label={t('records.amount')} name="amount" error={error}>
          {(p) => (
            <input {...p} inputMode="decimal" value={v.amount} onChange={(e) => set({ amount: e.target.value })} />
          )}
        </Field>
      )}
      <Field label={t('records.note')} name="note" error={error} wide>
        {(p) => <input {...p} value={v.note} onChange={(e) => set({ note: e.target.value })} />}
      </Field>
    </FormFrame>
  );
}
