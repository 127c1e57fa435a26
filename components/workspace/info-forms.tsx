'use client';

import { useTranslations } from 'next-intl';
import { recordCompanyEventAction, updateFileInfoAction } from '@/app/actions/file-actions';
import { NON_PAYMENT_REASONS, SOLVENCY } from '@/lib/cases/file-info-schema';
import { INSOLVENCY_KINDS } from '@/lib/cases/company-event-rules';
import { COURT_SEATS } from '@/lib/cases/court-seat';
import type { CompanyEventKind } from '@/lib/db/generated/enums';
import { Field, FormFrame, useFileForm } from './form-kit';
import type { PanelFile } from './types';

/** What the agent learnt: why the debtor does not pay, whether it can, its employer and bank. */
export function InfoForm({ file, onDone }: { file: PanelFile; onDone: (notice: string) => void }) {
  const t = useTranslations('workspace');
  const info = file.workspace.info;
  const form = useFileForm(file.fileId, 'info', {
    nonPaymentReason: info?.nonPaymentReason ?? '',
    nonPaymentNote: info?.nonPaymentNote ?? '',
    solvency: info?.solvency ?? '',
    solvencyNote: info?.solvencyNote ?? '',
    employer: info?.employer ?? '',
    bank: info?.bank ?? '',
  });
  const v = form.values;

  function send() {
    form.submit(
      async () => await updateFileInfoAction({ fileId: file.fileId, expectedVersion: file.version, ...v }),
      (saved) => {
        // Saved as typed: the page now shows these values from the server.
        form.forget();
        onDone(saved.changed.length > 0 ? t('saved.info') : t('saved.infoUnchanged'));
      },
    );
  }

  const text = (name: 'nonPaymentNote' | 'solvencyNote' | 'employer' | 'bank', wide = false) => (
    <Field label={t(`info.${name}`)} name={name} error={form.error} wide={wide}>
      {(p) =>
        wide ? (
          <textarea {...p} rows={2} value={v[name]} onChange={(e) => form.set({ [name]: e.target.value })} />
        ) : (
          <input {...p} maxLength={200} value={v[name]} onChange={(e) => form.set({ [name]: e.target.value })} />
        )
      }
    </Field>
  );

  return (
    <FormFrame
      testId="form-info"
      onSubmit={send}
      error={form.error}
      pending={form.pending}
      submitLabel={t('info.submit')}
    >
      <Field label={t('info.nonPaymentReason')} name="nonPaymentReason" error={form.error}>
        {(p) => (
          <select {...p} value={v.nonPaymentReason} onChange={(e) => form.set({ nonPaymentReason: e.target.value })}>
            <option value="">{t('info.unknown')}</option>
            {NON_PAYMENT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('info.solvency')} name="solvency" error={form.error}>
        {(p) => (
          <select {...p} value={v.solvency} onChange={(e) => form.set({ solvency: e.target.value })}>
            <option value="">{t('info.unknown')}</option>
            {SOLVENCY.map((s) => (
              <option key={s} value={s}>
                {t(`solvency.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('nonPaymentNote', true)}
      {text('solvencyNote', true)}
      {text('employer')}
      {text('bank')}
    </FormFrame>
  );
}

const EVENT_KINDS: readonly CompanyEventKind[] = [
  'SAFEGUARD',
  'RECEIVERSHIP',
  'LIQUIDATION',
  'OVER_INDEBTEDNESS',
  'CESSATION',
  'TRANSFER',
  'SEAT_CHANGE',
];

/** A change in the debtor's legal life; insolvency proceedings stop collection on its files. */
export function CompanyEventForm({ file, onDone }: { file: PanelFile; onDone: (notice: string) => void }) {
  const t = useTranslations('workspace');
  const tr = useTranslations();
  const form = useFileForm(file.fileId, 'event', {
    kind: '',
    occurredOn: '',
    publishedOn: '',
    note: '',
    administratorName: '',
    administratorStreet: '',
    administratorPostcode: '',
    administratorCity: '',
    // Proposed from the debtor's address (the court of its seat opens the proceedings); the agent checks the BODACC.
    courtSeat: file.likelyCourtSeat as string,
  });
  const v = form.values;
  const proceedings = INSOLVENCY_KINDS.includes(v.kind as CompanyEventKind);
  // The mandataire and the court's seat go with the opening judgment only: nothing typed for them is sent otherwise.
  const sent = proceedings
    ? v
    : {
        ...v,
        administratorName: '',
        administratorStreet: '',
        administratorPostcode: '',
        administratorCity: '',
        courtSeat: '',
      };
  const administrator = (
    name: 'administratorName' | 'administratorStreet' | 'administratorPostcode' | 'administratorCity',
    max: number,
  ) => (
    <Field label={t(`event.${name}`)} name={name} error={form.error} wide={name === 'administratorName'}>
      {(p) => <input {...p} maxLength={max} value={v[name]} onChange={(e) => form.set({ [name]: e.target.value })} />}
    </Field>
  );

  function send() {
    form.submit(
      async () => await recordCompanyEventAction({ fileId: file.fileId, expectedVersion: file.version, ...sent }),
      () => {
        form.clear();
        onDone(t('saved.event'));
      },
    );
  }

  return (
    <FormFrame
      testId="form-event"
      onSubmit={send}
      error={form.error}
      pending={form.pending}
      submitLabel={t('event.submit')}
    >
      <Field label={t('event.kind')} name="kind" error={form.error} hint={t('event.stopsHint')} wide>
        {(p) => (
          <select {...p} value={v.kind} onChange={(e) => form.set({ kind: e.target.value })}>
            <option value="">—</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`eventKinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('event.occurredOn')} name="occurredOn" error={form.error}>
        {(p) => (
          <input
            {...p}
            type="date"
            max={file.today}
            value={v.occurredOn}
            onChange={(e) => form.set({ occurredOn: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('event.publishedOn')} name="publishedOn" error={form.error} hint={t('event.publishedHint')}>
        {(p) => (
          <input
            {...p}
            type="date"
            max={file.today}
            value={v.publishedOn}
            onChange={(e) => form.set({ publishedOn: e.target.value })}
          />
        )}
      </Field>
      {proceedings && (
        <>
          <Field label={t('event.courtSeat')} name="courtSeat" error={form.error} hint={t('event.courtSeatHint')} wide>
            {(p) => (
              <select {...p} value={v.courtSeat} onChange={(e) => form.set({ courtSeat: e.target.value })}>
                <option value="">—</option>
                {COURT_SEATS.map((seat) => (
                  <option key={seat} value={seat}>
                    {tr(`insolvency.courtSeat.${seat}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {administrator('administratorName', 200)}
          {administrator('administratorStreet', 200)}
          {administrator('administratorPostcode', 20)}
          {administrator('administratorCity', 100)}
        </>
      )}
      <Field label={t('event.note')} name="note" error={form.error} wide>
        {(p) => <textarea {...p} rows={2} value={v.note} onChange={(e) => form.set({ note: e.target.value })} />}
      </Field>
    </FormFrame>
  );
}
